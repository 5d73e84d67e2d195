/** Marking: a set of stable row ids, so marks survive sorting, filtering and re-running the query. */
import {MarkSet} from './mark-set.js';
import {moveCursor} from './navigation.js';
import {selectView} from './selectors.js';
import type {AppState} from './types.js';

function withMarks(state: AppState, marks: MarkSet): AppState {
	return {...state, marks};
}

/** Space / Shift+↑↓: toggle the row under the cursor, then move. */
export function markAndMove(state: AppState, delta: number): AppState {
	const row = selectView(state)[state.cursor];
	if (!row) return state;
	return moveCursor(withMarks(state, state.marks.with([row], 'toggle')), delta);
}

/** `v` twice: mark every row between the anchor and the cursor (inclusive). */
export function markRange(state: AppState): AppState {
	if (state.rangeAnchor === undefined) {
		if (selectView(state).length === 0) return state;
		return {...state, rangeAnchor: state.cursor, message: {text: 'Range: move to the other end, then press v', tone: 'info'}};
	}
	const view = selectView(state);
	const from = Math.min(state.rangeAnchor, state.cursor);
	const to = Math.min(view.length - 1, Math.max(state.rangeAnchor, state.cursor));
	const marks = state.marks.with(view.slice(from, to + 1), 'add');
	return {...state, marks, rangeAnchor: undefined, message: {text: `Marked ${to - from + 1} files in the range`, tone: 'info'}};
}

export function markAll(state: AppState): AppState {
	return withMarks(state, state.marks.with(selectView(state), 'add'));
}

export function invertMarks(state: AppState): AppState {
	return withMarks(state, state.marks.with(selectView(state), 'toggle'));
}

/** `t`: every file in view of the type under the cursor. */
export function markType(state: AppState): AppState {
	const row = selectView(state)[state.cursor];
	if (!row) return state;
	const rows = selectView(state).filter(other => other.type === row.type);
	return {...withMarks(state, state.marks.with(rows, 'add')), message: {text: `Marked ${rows.length} ${row.type} files`, tone: 'info'}};
}

/** Clearing more than this many marks asks first. */
export const CLEAR_CONFIRM_THRESHOLD = 20;
