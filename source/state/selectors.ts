/**
 * Derived views of the state, memoised on the identity of their inputs: with 50,000 rows a
 * cursor move reuses the filtered, sorted view and only slices the visible window.
 */
import {widthOf} from './text-width.js';
import {keyOf, type MarkSet} from './mark-set.js';
import {memo} from './memo.js';
import {extendsRows} from './rows.js';
import {compareText, sortRows} from './sort-index.js';
import {shortType} from './type-labels.js';
import type {AppState, Row} from './types.js';

/**
 * `text` (ASCII) contains `needle` (lower-cased) ignoring case: the filter folds as it compares,
 * so no row keeps a lower-cased copy of its name.
 */
function includesFolded(text: string, needle: string): boolean {
	const last = text.length - needle.length;
	outer: for (let start = 0; start <= last; start++) {
		for (let offset = 0; offset < needle.length; offset++) {
			let code = text.charCodeAt(start + offset);
			if (code >= 65 && code <= 90) code += 32;
			if (code !== needle.charCodeAt(offset)) continue outer;
		}
		return true;
	}
	return false;
}

/**
 * What `/` matches: the name, the full type or the label the list shows for it (so `/hk` finds
 * every HK Telem row), ignoring case. Types are few: each is tested once per needle.
 */
function matcher(needle: string, typeFilter: string | undefined): ((row: Row) => boolean) | undefined {
	if (!needle && typeFilter === undefined) return undefined;
	const typeMatches = new Map<string, boolean>();
	const typeHas = (type: string) => {
		let hit = typeMatches.get(type);
		if (hit === undefined) {
			hit = type.toLowerCase().includes(needle) || shortType(type).toLowerCase().includes(needle);
			typeMatches.set(type, hit);
		}
		return hit;
	};
	const nameHas = (row: Row) => (row.lowerName === undefined ? includesFolded(row.name, needle) : row.lowerName.includes(needle));
	return row => (typeFilter === undefined || row.type === typeFilter) && (!needle || nameHas(row) || typeHas(row.type));
}

interface FilterEntry {
	sorted: Row[];
	needle: string;
	typeFilter: string | undefined;
	view: Row[];
}

// The last few filters over the current sorted rows: a backspace finds its answer here, and a
// keystroke that extends the text narrows the previous answer instead of all the rows.
let filterCache: FilterEntry[] = [];
// The sorted lists the cache may hold answers for: this one and the one before (the reducer
// compares the view before and after a change). An earlier search's rows are not kept alive.
let currentSorted: Row[] | undefined;
let previousSorted: Row[] | undefined;

// Filtering a sorted list keeps its order: typing in the filter never re-sorts.
function filteredView(sorted: Row[], filter: string, typeFilter: string | undefined): Row[] {
	if (sorted !== currentSorted) {
		previousSorted = currentSorted;
		currentSorted = sorted;
		filterCache = filterCache.filter(entry => entry.sorted === currentSorted || entry.sorted === previousSorted);
	}
	const needle = filter.trim().toLowerCase();
	const match = matcher(needle, typeFilter);
	if (!match) return sorted;
	const same = (entry: FilterEntry) => entry.sorted === sorted && entry.typeFilter === typeFilter;
	const hit = filterCache.find(entry => same(entry) && entry.needle === needle);
	if (hit) return hit.view;
	const narrower = filterCache.find(entry => same(entry) && needle.includes(entry.needle));
	const view = (narrower ? narrower.view : sorted).filter(match);
	filterCache.unshift({sorted, needle, typeFilter, view});
	filterCache.length = Math.min(filterCache.length, 8);
	return view;
}

/** The rows the list shows, filtered and sorted. */
export function selectView(state: Pick<AppState, 'rows' | 'filter' | 'typeFilter' | 'sort'>): Row[] {
	return filteredView(sortRows(state.rows, state.sort), state.filter, state.typeFilter);
}

export function selectCursorRow(state: AppState): Row | undefined {
	return selectView(state)[state.cursor];
}

// One row looked up by scanning keys (a few ms at 300k rows, once per change of rows or id):
// a map of every row by id would cost an id string per row.
const rowByKey = memo((rows: Row[], key: number): Row | undefined => rows.find(row => row.key === key));

export function selectRowById(state: AppState, id: string | undefined): Row | undefined {
	return id === undefined ? undefined : rowByKey(state.rows, keyOf(id));
}

export interface MarkedStats {
	count: number;
	bytes: number;
	/** Marked rows whose size the service did not send. */
	unknownSize: number;
}

const markedStats = memo((rows: Row[], marks: MarkSet): MarkedStats => {
	let count = 0;
	let bytes = 0;
	let unknownSize = 0;
	if (marks.size > 0) {
		for (const row of rows) {
			if (!marks.hasKey(row.key)) continue;
			count++;
			if (row.size === undefined) unknownSize++;
			else bytes += row.size;
		}
	}
	return {count, bytes, unknownSize};
});

/** Marked rows present in the current results, and their total size. */
export function selectMarked(state: AppState): MarkedStats {
	return markedStats(state.rows, state.marks);
}

/** Marked rows in result order (for downloads and export). */
export function selectMarkedRows(state: AppState): Row[] {
	return state.rows.filter(row => state.marks.hasKey(row.key));
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

export interface ColumnNeeds {
	/** Columns the longest file name needs. */
	name: number;
	/** Columns the longest full type name needs. */
	fullType: number;
}

// Pages only append: the widths of rows already measured are kept, only new rows are read.
let measured: {rows: Row[]; needs: ColumnNeeds} | undefined;

/** How wide the names and full types in the results are (for the list's columns). */
export function selectColumnNeeds(state: Pick<AppState, 'rows'>): ColumnNeeds {
	const {rows} = state;
	if (measured?.rows === rows) return measured.needs;
	const base = measured;
	const extends_ = base !== undefined && extendsRows(rows, base.rows);
	let {name, fullType} = extends_ ? base.needs : {name: 0, fullType: 0};
	for (let index = extends_ ? base.rows.length : 0; index < rows.length; index++) {
		const row = rows[index];
		if (row.name.length > name) name = widthOf(row.name);
		if (row.type.length > fullType) fullType = widthOf(row.type);
	}
	const needs = rows.length === 0 ? {name: 20, fullType: 37} : {name, fullType};
	measured = {rows, needs};
	return needs;
}

export {selectTimeline, timelineSlots, type Timeline} from './timeline.js';
