/** Rendering helpers: frames without ANSI, and a pause so Ink can draw before the next key. */
import {stripVTControlCharacters} from 'node:util';

export function plain(frame: string | undefined): string {
	return stripVTControlCharacters(frame ?? '');
}

export const tick = (ms = 20) => new Promise(resolve => setTimeout(resolve, ms));

/** Wait until `predicate(frame)` holds (or fail with the last frame); generous, as it returns at the first match. */
export async function waitFor(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, timeoutMs = 10_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = plain(lastFrame());
		if (predicate(frame)) return frame;
		if (Date.now() > deadline) throw new Error(`screen never matched; last frame:\n${frame}`);
		await tick(10);
	}
}
