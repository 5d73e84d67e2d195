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

/**
 * Ties fall to the full ingest time, then to 0: the sort is stable and rows sit in the
 * service's order, so files with the very same time keep the order the service sent them in.
 */
function comparator(sort: Sort): (a: Row, b: Row) => number {
	const direction = sort.descending ? -1 : 1;
	switch (sort.key) {
		case 'name':
			return (a, b) => direction * compareText(a.name, b.name) || compareText(a.ingestKey, b.ingestKey);
		case 'type':
			return (a, b) => direction * compareText(a.type, b.type) || compareText(a.ingestKey, b.ingestKey);
		case 'size':
			// Unknown sizes go last whichever the direction.
			return (a, b) => {
				if (a.size === undefined || b.size === undefined) {
					return (a.size === undefined ? 1 : 0) - (b.size === undefined ? 1 : 0) || compareText(a.ingestKey, b.ingestKey);
				}
				return direction * (a.size - b.size) || compareText(a.ingestKey, b.ingestKey);
			};
		default:
			return (a, b) => direction * compareText(a.ingestKey, b.ingestKey);
	}
}

function matcher(filter: string, typeFilter: string | undefined): ((row: Row) => boolean) | undefined {
	const needle = filter.trim().toLowerCase();
	if (!needle && typeFilter === undefined) return undefined;
	return row => (typeFilter === undefined || row.type === typeFilter) && (!needle || row.haystack.includes(needle));
}

/** Merge two sorted lists (stable: `a` first on ties). */
function merge(a: Row[], b: Row[], compare: (x: Row, y: Row) => number): Row[] {
	const out = new Array<Row>(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) out[k++] = compare(b[j], a[i]) < 0 ? b[j++] : a[i++];
	while (i < a.length) out[k++] = a[i++];
	while (j < b.length) out[k++] = b[j++];
	return out;
}

interface SortedEntry {
	rows: Row[];
	key: Sort['key'];
	descending: boolean;
	sorted: Row[];
}

// Two entries: the reducer compares the view before and after a change.
const sortedCache: SortedEntry[] = [];

/** All rows in sort order; pages only ever append, so new rows are sorted alone and merged in. */
function sortedRows(rows: Row[], sort: Sort): Row[] {
	const same = (entry: SortedEntry) => entry.key === sort.key && entry.descending === sort.descending;
	const hit = sortedCache.find(entry => entry.rows === rows && same(entry));
	if (hit) return hit.sorted;
	const compare = comparator(sort);
	const base = sortedCache.find(
		entry => same(entry) && entry.rows.length > 0 && entry.rows.length < rows.length && rows[0] === entry.rows[0] && rows[entry.rows.length - 1] === entry.rows[entry.rows.length - 1],
	);
	const sorted = base ? merge(base.sorted, rows.slice(base.rows.length).sort(compare), compare) : [...rows].sort(compare);
	sortedCache.unshift({rows, key: sort.key, descending: sort.descending, sorted});
	sortedCache.length = Math.min(sortedCache.length, 2);
	return sorted;
}

// Filtering a sorted list keeps its order: typing in the filter never re-sorts.
const filteredView = memo((sorted: Row[], filter: string, typeFilter: string | undefined): Row[] => {
	const match = matcher(filter, typeFilter);
	return match ? sorted.filter(match) : sorted;
});

/** The rows the list shows, filtered and sorted. */
export function selectView(state: Pick<AppState, 'rows' | 'filter' | 'typeFilter' | 'sort'>): Row[] {
	return filteredView(sortedRows(state.rows, state.sort), state.filter, state.typeFilter);
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
