/** The results list: moving, marking, filtering, sorting, and the keys that leave it. */
import {MarkSet} from './mark-set.js';
import type {Command} from './actions.js';
import {onForm} from './form-reducer.js';
import {listRows} from './layout.js';
import {CLEAR_CONFIRM_THRESHOLD, invertMarks, markAll, markAndMove, markRange, markType} from './marks.js';
import {clampCursor, keepCursorRow, moveCursor, movePage} from './navigation.js';
import {openExport} from './screens-reducer.js';
import {askDownload} from './download-ask.js';
import {fetchRest, runQuery} from './search-reducer.js';
import {selectCursorRow, selectMarked, selectTypeCounts, selectView} from './selectors.js';
import type {AppState, SortKey} from './types.js';

const SORT_CYCLE: Array<{key: SortKey; descending: boolean}> = [
	{key: 'ingest', descending: false},
	{key: 'ingest', descending: true},
	{key: 'name', descending: false},
	{key: 'name', descending: true},
	{key: 'type', descending: false},
	{key: 'type', descending: true},
	{key: 'size', descending: true},
	{key: 'size', descending: false},
];

function cycleType(state: AppState, delta: number): AppState {
	const types = selectTypeCounts(state).map(entry => entry.type);
	if (types.length === 0) return state;
	const options: Array<string | undefined> = [undefined, ...types];
	const index = options.indexOf(state.typeFilter);
	const typeFilter = options[(index + delta + options.length) % options.length];
	return keepCursorRow(state, {...state, typeFilter});
}

function cycleSort(state: AppState): AppState {
	const index = SORT_CYCLE.findIndex(item => item.key === state.sort.key && item.descending === state.sort.descending);
	return keepCursorRow(state, {...state, sort: SORT_CYCLE[(index + 1) % SORT_CYCLE.length]});
}

export function onBrowse(state: AppState, command: Command): AppState {
	const page = listRows(state);
	switch (command) {
		case 'cursor-down':
			return moveCursor(state, 1);
		case 'cursor-up':
			return moveCursor(state, -1);
		case 'top':
			return clampCursor({...state, cursor: 0});
		case 'bottom':
			return clampCursor({...state, cursor: selectView(state).length - 1});
		case 'page-down':
			return movePage(state, page);
		case 'page-up':
			return movePage(state, -page);
		case 'half-down':
			return movePage(state, Math.max(1, Math.floor(page / 2)));
		case 'half-up':
			return movePage(state, -Math.max(1, Math.floor(page / 2)));
		case 'mark':
		case 'mark-down':
			return markAndMove(state, 1);
		case 'mark-up':
			return markAndMove(state, -1);
		case 'range':
			return markRange(state);
		case 'mark-all':
			return markAll(state);
		case 'invert-marks':
			return invertMarks(state);
		case 'clear-marks': {
			const count = selectMarked(state).count;
			if (count > CLEAR_CONFIRM_THRESHOLD) return {...state, confirm: {kind: 'clear-marks', message: `Clear all ${count} marks? (y/n)`}};
			return {...state, marks: MarkSet.empty};
		}
		case 'mark-type':
			return markType(state);
		case 'filter':
			return {...state, filtering: true, filterBefore: state.filter};
		case 'next-type':
			return cycleType(state, 1);
		case 'prev-type':
			return cycleType(state, -1);
		case 'sort':
			return cycleSort(state);
		case 'detail': {
			const row = selectCursorRow(state);
			return row ? {...state, screen: 'detail', detailId: row.id, detailScroll: 0} : state;
		}
		case 'refresh':
			return runQuery(state);
		case 'fetch-rest':
			return fetchRest(state);
		case 'preset-today':
		case 'preset-yesterday':
		case 'preset-week':
		case 'preset-last-check':
			return onForm(state, command);
		case 'download':
			return askDownload(state);
		case 'open-export':
			return openExport(state);
		case 'back':
			if (state.rangeAnchor !== undefined) return {...state, rangeAnchor: undefined};
			if (state.typeFilter !== undefined || state.filter) return keepCursorRow(state, {...state, typeFilter: undefined, filter: ''});
			return state;
		default:
			return state;
	}
}

/** A changed filter puts the cursor on its first match, with the list scrolled to the top. */
export function setFilter(state: AppState, filter: string): AppState {
	if (filter === state.filter) return state;
	return clampCursor({...state, filter, cursor: 0, scroll: 0});
}

export function onFilter(state: AppState, command: Command): AppState {
	switch (command) {
		case 'text-done':
			return {...state, filtering: false};
		case 'back':
			return keepCursorRow(state, {...state, filtering: false, filter: state.filterBefore});
		default:
			return state;
	}
}
