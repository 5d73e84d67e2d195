/** A one-entry cache keyed by argument identity: selectors recompute only when their inputs change. */
export function memo<A extends unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
	let lastArgs: A | undefined;
	let lastResult: R;
	return (...args: A): R => {
		if (lastArgs && lastArgs.length === args.length && lastArgs.every((value, index) => Object.is(value, args[index]))) {
			return lastResult;
		}
		lastResult = compute(...args);
		lastArgs = args;
		return lastResult;
	};
}
