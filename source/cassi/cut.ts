/**
 * The words for a cut answer, shared by headless stderr and the browser's status line: how many
 * files are shown of how many match, why the rest are missing, and a limit that would hold them.
 * Results come oldest first, so a limit always drops the newest files.
 */
import type {SearchCut} from './types.js';

export interface CutWords {
	/** `showing 50,000 of 97,137 files` (the service's total, when it sent one above what is shown). */
	shown: string;
	/** `the limit cut the newest`, `newer files may be missing`, `the service sent fewer than it reported`. */
	why: string;
	/** A limit that would fetch the rest (for `-l`), when the limit is the cause. */
	raiseTo?: number;
}

const count = (value: number) => value.toLocaleString('en-US');

/** Rounded up to one significant digit: 97,137 → 100,000; 2,400 → 3,000. */
export function roundLimitUp(value: number): number {
	if (value <= 10) return Math.max(1, Math.ceil(value));
	const step = 10 ** Math.floor(Math.log10(value));
	return Math.ceil(value / step) * step;
}

export function cutWords(shown: number, cut: SearchCut, limit: number): CutWords {
	const ofTotal = cut.total !== undefined && cut.total > shown ? ` of ${cut.approximate ? 'about ' : ''}${count(cut.total)}` : '';
	const words = {shown: `showing ${count(shown)}${ofTotal} files`};
	if (cut.by === 'service') return {...words, why: 'the service sent fewer than it reported'};
	// With no total above what was fetched, double the limit: enough to say whether more exist.
	const raiseTo = roundLimitUp(ofTotal ? cut.total! : 2 * limit);
	return {...words, why: cut.known ? 'the limit cut the newest' : 'the limit was reached, so newer files may be missing', raiseTo};
}

/** The one stderr line of a headless run: `showing 50,000 of 97,137 files: the limit cut the newest; raise it with -l 100000`. */
export function cutLine(shown: number, cut: SearchCut, limit: number): string {
	const words = cutWords(shown, cut, limit);
	const advice = words.raiseTo === undefined ? 'try again later, or check --api-url' : `raise it with -l ${words.raiseTo}`;
	return `${words.shown}: ${words.why}; ${advice}`;
}
