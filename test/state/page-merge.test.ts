// Rows arrive in pages and are merged into the sorted view one page at a time (selectors.ts
// sorts only the new page and merges it in). Whatever the page split, the sort column and
// direction, and however many rows tie, the view must be the one a fresh sort of every row gives.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {CassiRecord} from '../../source/cassi/types.js';
import {initialState} from '../../source/state/initial.js';
import {selectView} from '../../source/state/selectors.js';
import type {AppState, Row, Sort, SortKey} from '../../source/state/types.js';
import {apply, NOW, page, TYPES} from './fixtures.js';

const KEYS: SortKey[] = ['ingest', 'name', 'type', 'size'];
const SORTS: Sort[] = KEYS.flatMap(key => [false, true].map(descending => ({key, descending})));

// Few distinct values per column, so ties (on the column, and on every column) are common.
const recordShape = fc.record({
	name: fc.constantFrom('CGI_001', 'CGI_002', 'WFI_001', 'WFI_002', 'GW_001'),
	type: fc.constantFrom(...TYPES.slice(0, 3)),
	ingest: fc.constantFrom('2025-10-04T00:01:27.8970000', '2025-10-04T00:01:27.9000000', '2025-10-04T05:00:00.0000000', '2025-10-05T00:00:00.0000000'),
	size: fc.option(fc.constantFrom(0, 1, 2, 1_000_000), {nil: undefined}),
});

function toRecords(shapes: Array<{name: string; type: string; ingest: string; size?: number}>): CassiRecord[] {
	return shapes.map((shape, index) => ({
		archiveFileName: shape.name,
		fileType: shape.type,
		ingestCompletionDate: shape.ingest,
		checksum: `sum-${index}`, // keeps every row a distinct file, however much else ties
		search_key: `key-${index}`,
		distribution: {url: {mast: `mast:ROMAN/eng/${shape.name}`}, size: shape.size ?? null},
		times: null,
	}));
}

/** Cut `records` into consecutive pages at the given (unsorted, possibly repeated) points. */
function split(records: CassiRecord[], cuts: number[]): CassiRecord[][] {
	const points = [...new Set(cuts.map(cut => cut % (records.length + 1)))].sort((a, b) => a - b);
	const pages: CassiRecord[][] = [];
	let from = 0;
	for (const point of [...points, records.length]) {
		pages.push(records.slice(from, point));
		from = point;
	}
	return pages;
}

/** The same rows as fresh objects: the selector cannot reuse anything and sorts them all at once. */
function freshSortIds(state: AppState): string[] {
	// Copies keep the row's class: its id and record are read through it.
	const copy = (row: Row): Row => Object.assign(Object.create(Object.getPrototypeOf(row) as object) as Row, row);
	return selectView({...state, rows: state.rows.map(copy)}).map(row => row.id);
}

function primary(row: Row, key: SortKey): string | number | undefined {
	return key === 'name' ? row.name : key === 'type' ? row.type : key === 'size' ? row.size : row.ingest;
}

/** Independent of the selector's comparator: the column never goes backwards (unknown sizes last). */
function expectOrderedBy(view: Row[], sort: Sort): void {
	for (let index = 1; index < view.length; index++) {
		const before = primary(view[index - 1]!, sort.key);
		const after = primary(view[index]!, sort.key);
		if (after === undefined) continue;
		expect(before, `row ${index - 1} of ${view.length}: ${String(before)} then ${String(after)}`).not.toBeUndefined();
		const [low, high] = sort.descending ? [after, before!] : [before!, after];
		expect(low <= high, `rows ${index - 1},${index} out of ${sort.key} ${sort.descending ? 'descending' : 'ascending'} order: ${String(before)} then ${String(after)}`).toBe(true);
	}
}

describe('rows merged page by page into the sorted view', () => {
	it.each(SORTS.map(sort => [`${sort.key} ${sort.descending ? 'descending' : 'ascending'}`, sort] as const))(
		'equals a fresh sort of every row after each page (%s, random page splits, ties)',
		(_label, sort) => {
			fc.assert(
				fc.property(fc.array(recordShape, {maxLength: 60}), fc.array(fc.nat(), {maxLength: 8}), (shapes, cuts) => {
					const records = toRecords(shapes);
					let state: AppState = {...initialState({hasToken: true, width: 100, height: 30, now: NOW}), sort};
					state = apply(state, {type: 'run-query', now: NOW.toISOString()});
					const id = state.search.id;
					let received = 0;
					for (const batch of split(records, cuts)) {
						received += batch.length;
						state = apply(state, {type: 'search-page', id, page: page(batch, received, records.length, received === records.length)});
						// Read the view after every page, as each frame does: that is what lets the next page merge in.
						const view = selectView(state);
						expect(view.map(row => row.id)).toEqual(freshSortIds(state));
						expectOrderedBy(view, sort);
					}
					expect(selectView(state)).toHaveLength(records.length);
				}),
				{numRuns: 150},
			);
		},
	);

	it('stays a fresh sort when the sort changes while pages arrive', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.array(recordShape, {maxLength: 12}), fc.constantFrom(...SORTS)), {minLength: 1, maxLength: 8}), steps => {
				const records = toRecords(steps.flatMap(([shapes]) => shapes));
				let state = apply(initialState({hasToken: true, width: 100, height: 30, now: NOW}), {type: 'run-query', now: NOW.toISOString()});
				const id = state.search.id;
				let received = 0;
				for (const [shapes, sort] of steps) {
					const batch = records.slice(received, received + shapes.length);
					received += batch.length;
					state = apply({...state, sort}, {type: 'search-page', id, page: page(batch, received, records.length, received === records.length)});
					const view = selectView(state);
					expect(view.map(row => row.id)).toEqual(freshSortIds(state));
					expectOrderedBy(view, sort);
				}
			}),
			{numRuns: 200},
		);
	});
});
