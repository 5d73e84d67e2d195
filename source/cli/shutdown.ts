/**
 * SIGINT/SIGTERM/SIGHUP run the handler once (abort, flush, close); a second signal
 * exits at once. Returns an unsubscribe for when the work finished normally.
 */
import {EXIT} from '../cassi/errors.js';

export function onShutdown(handler: (signal: NodeJS.Signals) => void): () => void {
	let seen = false;
	const listener = (signal: NodeJS.Signals) => {
		if (seen) process.exit(EXIT.interrupted);
		seen = true;
		handler(signal);
	};
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) process.on(signal, listener);
	return () => {
		for (const signal of signals) process.off(signal, listener);
	};
}

/** A search that failed because Ctrl-C or a dropped session aborted it ends as an interrupted download does; any other failure goes on up. */
export function exitIfInterrupted(signal: AbortSignal, error: unknown): number {
	if (!signal.aborted) throw error;
	process.stderr.write('cassi: interrupted\n');
	return EXIT.interrupted;
}
