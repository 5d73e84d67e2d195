/**
 * Derived views of the state, memoised on the identity of their inputs: with 50,000 rows a
 * cursor move reuses the filtered, sorted view and only slices the visible window.
 */
import {listHeight} from './layout.js';
import {memo} from './memo.js';
import type {AppState, Row, Sort} from './types.js';

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function comparator(sort: Sort): (a: Row, b: Row) => number {
	const direction = sort.descending ? -1 : 1;
	switch (sort.key) {
		case 'name':
			return (a, b) => direction * compareText(a.name, b.name) || compareText(a.ingest, b.ingest);
		case 'type':
			return (a, b) => direction * compareText(a.type, b.type) || compareText(a.ingest, b.ingest) || compareText(a.name, b.name);
		case 'size':
			// Unknown sizes go last whichever the direction.
			return (a, b) => {
				if (a.size === undefined || b.size === undefined) {
					return (a.size === undefined ? 1 : 0) - (b.size === undefined ? 1 : 0) || compareText(a.name, b.name);
				}
				return direction * (a.size - b.size) || compareText(a.name, b.name);
			};
		default:
			return (a, b) => direction * compareText(a.ingest, b.ingest) || compareText(a.name, b.name);
	}
}

const filteredRows = memo((rows: Row[], filter: string, typeFilter: string | undefined): Row[] => {
	const needle = filter.trim().toLowerCase();
	if (!needle && typeFilter === undefined) return rows;
	return rows.filter(row => (typeFilter === undefined || row.type === typeFilter) && (!needle || row.haystack.includes(needle)));
});

const sortedRows = memo((rows: Row[], key: Sort['key'], descending: boolean): Row[] => {
	return [...rows].sort(comparator({key, descending}));
});

/** The rows the list shows, filtered and sorted. */
export function selectView(state: Pick<AppState, 'rows' | 'filter' | 'typeFilter' | 'sort'>): Row[] {
	return sortedRows(filteredRows(state.rows, state.filter, state.typeFilter), state.sort.key, state.sort.descending);
}

/** The slice of the view on screen. */
export function selectWindow(state: AppState): Row[] {
	return selectView(state).slice(state.scroll, state.scroll + listHeight(state.height));
}

export function selectCursorRow(state: AppState): Row | undefined {
	return selectView(state)[state.cursor];
}

const rowsById = memo((rows: Row[]): Map<string, Row> => new Map(rows.map(row => [row.id, row])));

export function selectRowById(state: AppState, id: string | undefined): Row | undefined {
	return id === undefined ? undefined : rowsById(state.rows).get(id);
}

export interface MarkedStats {
	count: number;
	bytes: number;
	/** Marked rows whose size the service did not send. */
	unknownSize: number;
}

const markedStats = memo((rows: Row[], marks: ReadonlySet<string>): MarkedStats => {
	const byId = rowsById(rows);
	let count = 0;
	let bytes = 0;
	let unknownSize = 0;
	for (const id of marks) {
		const row = byId.get(id);
		if (!row) continue;
		count++;
		if (row.size === undefined) unknownSize++;
		else bytes += row.size;
	}
	return {count, bytes, unknownSize};
});

/** Marked rows present in the current results, and their total size. */
export function selectMarked(state: AppState): MarkedStats {
	return markedStats(state.rows, state.marks);
}

/** Marked rows in result order (for downloads and export). */
export function selectMarkedRows(state: AppState): Row[] {
	return state.rows.filter(row => state.marks.has(row.id));
}

export interface TypeCount {
	type: string;
	count: number;
}

const typeCounts = memo((counts: Record<string, number>): TypeCount[] =>
	Object.entries(counts)
		.map(([type, count]) => ({type, count}))
		.sort((a, b) => b.count - a.count || compareText(a.type, b.type)),
);

/** Per-type counts, largest first. */
export function selectTypeCounts(state: AppState): TypeCount[] {
	return typeCounts(state.counts);
}

export {selectTimeline, type Timeline} from './timeline.js';
