/**
 * What the user hears while the service keeps them waiting: a notice after a few seconds
 * without an answer, and each retry with its reason. The search client emits these; the
 * headless run writes them to stderr and the browser to its status line, in the same words.
 */

export type WaitEvent =
	| {kind: 'waiting'; origin: string; attempt: number; attempts: number; waitedMs: number; timeoutMs: number}
	| {kind: 'retry'; attempt: number; attempts: number; waitMs: number; reason: string};

/** The first notice comes after this long without an answer (sooner when the time limit is short). */
export const NOTICE_AFTER_MS = 5000;
/** Later notices, while the same attempt still waits. */
export const NOTICE_EVERY_MS = 30_000;

export function seconds(ms: number): string {
	return ms < 10_000 ? `${(Math.round(ms / 100) / 10).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** A failure's message without its advice (`: try again later`): the retry line gives the next step. */
function cause(reason: string): string {
	const cut = reason.lastIndexOf(': ');
	return cut > 0 ? reason.slice(0, cut) : reason;
}

export function waitText(event: WaitEvent): string {
	if (event.kind === 'waiting') {
		return `no answer from ${event.origin} for ${seconds(event.waitedMs)} (attempt ${event.attempt} of ${event.attempts}, each waits up to ${seconds(event.timeoutMs)}; --timeout sets it)`;
	}
	return `retrying in ${seconds(event.waitMs)} (attempt ${event.attempt} of ${event.attempts}): ${cause(event.reason)}`;
}

/** When the first "no answer" notice is due for a given time limit. */
export function noticeAfter(timeoutMs: number): number {
	return Math.min(NOTICE_AFTER_MS, Math.max(500, Math.floor(timeoutMs / 2)));
}
