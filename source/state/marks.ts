/** Marking: a set of stable row ids, so marks survive sorting, filtering and re-running the query. */
import {moveCursor} from './navigation.js';
import {selectView} from './selectors.js';
import type {AppState, Row} from './types.js';

export function toggleMark(marks: ReadonlySet<string>, id: string): Set<string> {
	const next = new Set(marks);
	if (next.has(id)) next.delete(id);
	else next.add(id);
	return next;
}

function withMarks(state: AppState, marks: Set<string>): AppState {
	return {...state, marks};
}

/** Space / Shift+↑↓: toggle the row under the cursor, then move. */
export function markAndMove(state: AppState, delta: number): AppState {
	const row = selectView(state)[state.cursor];
	if (!row) return state;
	return moveCursor(withMarks(state, toggleMark(state.marks, row.id)), delta);
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
	const marks = new Set(state.marks);
	for (let index = from; index <= to; index++) marks.add(view[index].id);
	return {...state, marks, rangeAnchor: undefined, message: {text: `Marked ${to - from + 1} files in the range`, tone: 'info'}};
}

function addAll(marks: ReadonlySet<string>, rows: Row[]): Set<string> {
	const next = new Set(marks);
	for (const row of rows) next.add(row.id);
	return next;
}

export function markAll(state: AppState): AppState {
	return withMarks(state, addAll(state.marks, selectView(state)));
}

export function invertMarks(state: AppState): AppState {
	const next = new Set(state.marks);
	for (const row of selectView(state)) {
		if (next.has(row.id)) next.delete(row.id);
		else next.add(row.id);
	}
	return withMarks(state, next);
}

/** `t`: every file in view of the type under the cursor. */
export function markType(state: AppState): AppState {
	const row = selectView(state)[state.cursor];
	if (!row) return state;
	const rows = selectView(state).filter(other => other.type === row.type);
	return {...withMarks(state, addAll(state.marks, rows)), message: {text: `Marked ${rows.length} ${row.type} files`, tone: 'info'}};
}

/** Clearing more than this many marks asks first. */
export const CLEAR_CONFIRM_THRESHOLD = 20;
