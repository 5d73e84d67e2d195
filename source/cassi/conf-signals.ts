/**
 * conf → atomically → when-exit hooks SIGINT/SIGTERM/SIGHUP when first evaluated and re-raises the
 * signal after its callbacks: one SIGTERM arrived twice, and the second killed cassi mid-shutdown
 * (no journal flush, lock left, terminal not restored). cassi handles these signals itself.
 * store.ts, conf's only importer, imports this module first: the listeners are noted here before
 * when-exit runs, and store.ts's body drops whatever was added since. So conf (and when-exit) load
 * only when the store is opened; a search with its token in a flag or the environment loads neither.
 * test/reliability/tui-faults.test.ts (SIGTERM/SIGHUP rows: the browser always opens the store) fails without this.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const before = new Map(SIGNALS.map(signal => [signal, new Set(process.rawListeners(signal))]));

/** Remove the signal listeners added since this module was evaluated (when-exit's, as conf loaded). */
export function dropSignalHooksOfConf(): void {
	for (const signal of SIGNALS) {
		const kept = before.get(signal)!;
		for (const listener of process.rawListeners(signal)) {
			if (!kept.has(listener)) process.removeListener(signal, listener as (...args: unknown[]) => void);
		}
	}
}
