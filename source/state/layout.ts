/**
 * Screen geometry shared by the reducer (page jumps, scrolling) and the components, so a
 * page down moves exactly one visible page. Browse: header, timeline, column heads, the
 * list, the status line and the footer hint line; below WIDE_LAYOUT a one-line counts
 * summary, and a status message too long for one line takes a second for its lifetime.
 */
import {wrapWords} from './text-width.js';
import type {AppState} from './types.js';

export const CHROME_ROWS = 5;

/** From this width the per-type counts sit in a panel beside the list; below it, in one line. */
export const WIDE_LAYOUT = 80;

/** The list's rows at 80 columns with a one-line status (the common case; tests use it). */
export function listHeight(height: number): number {
	return Math.max(1, height - CHROME_ROWS);
}

export type StatusState = Pick<AppState, 'width' | 'confirm' | 'filtering' | 'screen' | 'message'>;

/** The text that may need two lines: a question, or a message (the filter line is always one). */
export function statusMessage(state: StatusState): string | undefined {
	if (state.confirm) return `? ${state.confirm.message}`;
	if (state.filtering && state.screen === 'browse') return undefined;
	return state.message?.text;
}

/** 1, or 2 while a question or message is too long for one line: it is wrapped, never cut mid-word. */
export function statusHeight(state: StatusState): number {
	const text = statusMessage(state);
	return text === undefined ? 1 : Math.max(1, wrapWords(text, state.width).length);
}

/** The one-line counts summary above the list on narrow screens. */
export function summaryHeight(width: number): number {
	return width < WIDE_LAYOUT ? 1 : 0;
}

/** Rows of the results list in this state. */
export function listRows(state: StatusState & Pick<AppState, 'height'>): number {
	return Math.max(1, state.height - CHROME_ROWS - (statusHeight(state) - 1) - summaryHeight(state.width));
}

/** Lines of the detail view's body (header, footer and a title line around it). */
export function detailHeight(height: number): number {
	return Math.max(1, height - 4);
}
