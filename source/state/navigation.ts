/** Cursor and scroll arithmetic for the results list: the cursor always stays on screen. */
import {listRows} from './layout.js';
import {selectView} from './selectors.js';
import type {AppState} from './types.js';

/** Keep the cursor inside the view and the scroll window around it, moving the window as little as possible. */
export function clampCursor(state: AppState): AppState {
	const total = selectView(state).length;
	const height = listRows(state);
	const cursor = total === 0 ? 0 : Math.min(Math.max(0, state.cursor), total - 1);
	let scroll = Math.min(state.scroll, Math.max(0, total - height));
	if (cursor < scroll) scroll = cursor;
	if (cursor >= scroll + height) scroll = cursor - height + 1;
	scroll = Math.max(0, scroll);
	if (cursor === state.cursor && scroll === state.scroll) return state;
	return {...state, cursor, scroll};
}

export function moveCursor(state: AppState, delta: number): AppState {
	return clampCursor({...state, cursor: state.cursor + delta});
}

/** Page moves shift the window and the cursor together, as a pager does. */
export function movePage(state: AppState, delta: number): AppState {
	const total = selectView(state).length;
	const maxScroll = Math.max(0, total - listRows(state));
	const scroll = Math.min(maxScroll, Math.max(0, state.scroll + delta));
	const cursor = Math.min(Math.max(0, total - 1), Math.max(0, state.cursor + delta));
	return clampCursor({...state, scroll, cursor});
}

/**
 * Run a change that alters the view (filter, sort, new rows) and keep the cursor on the
 * same file when it is still there.
 */
export function keepCursorRow(before: AppState, after: AppState): AppState {
	const previous = selectView(before);
	const row = previous[before.cursor];
	const view = selectView(after);
	if (view === previous) return clampCursor(after);
	// Rows appended below the cursor leave it where it is.
	if (row !== undefined && view[before.cursor] === row) return clampCursor(after);
	// The same file is the same row object: a view change never rebuilds rows.
	let cursor = row === undefined ? 0 : view.indexOf(row);
	if (cursor < 0) cursor = Math.min(before.cursor, Math.max(0, view.length - 1));
	const height = listRows(after);
	// Keep the row at the same screen line when possible.
	const line = before.cursor - before.scroll;
	const scroll = Math.max(0, cursor - Math.max(0, Math.min(line, height - 1)));
	return clampCursor({...after, cursor, scroll});
}
