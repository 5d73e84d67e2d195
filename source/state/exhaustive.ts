/**
 * The end of a switch that covers every case of a union (actions, screens, question kinds): it
 * fails to compile when a new case is added and forgotten. At run time (a value from an older
 * journal or a test's cast) it answers `fallback`.
 */
export function exhaustive<T>(_unhandled: never, fallback: T): T {
	return fallback;
}
