// The fast sort (precomputed keys, pages merged in) must give exactly the order the sort's
// comparisons define, and the marks bitmap must behave as a set of ids, for any rows.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {keyOf, MarkSet} from '../../source/state/mark-set.js';
import {toRow} from '../../source/state/rows.js';
import {sortRows} from '../../source/state/sort-index.js';
import type {Row, Sort, SortKey} from '../../source/state/types.js';

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The orders as the help describes them; ties keep the service's order. */
function expected(rows: Row[], sort: Sort): Row[] {
	const direction = sort.descending ? -1 : 1;
	const compare = (a: Row, b: Row): number => {
		switch (sort.key) {
			case 'name':
				return direction * text(a.name, b.name) || text(a.ingestKey, b.ingestKey);
			case 'type':
				return direction * text(a.type, b.type) || text(a.ingestKey, b.ingestKey);
			case 'size':
				if (a.size === undefined || b.size === undefined) return (a.size === undefined ? 1 : 0) - (b.size === undefined ? 1 : 0) || text(a.ingestKey, b.ingestKey);
				return direction * (a.size - b.size) || text(a.ingestKey, b.ingestKey);
			default:
				return direction * text(a.ingestKey, b.ingestKey);
		}
	};
	return [...rows].sort(compare);
}

// Few distinct values, so ties on every field are common.
const recordArb = fc.record({
	name: fc.constantFrom('A', 'B', 'b', 'C_1', 'C_10'),
	type: fc.constantFrom('Science CGI Level 0', 'Guide Window Level 0', 'Calibrated Engineering Data'),
	minute: fc.integer({min: 0, max: 3}),
	fraction: fc.constantFrom('', '.1', '.1050000', '.4000000', '.1050000Z', '.0999999'),
	size: fc.option(fc.constantFrom(0, 5, 1_000, 2 ** 40), {nil: undefined}),
});

let serial = 0;
function rowsOf(specs: Array<typeof recordArb extends fc.Arbitrary<infer T> ? T : never>): Row[] {
	return specs.map(spec => {
		const id = `row-${serial++}`;
		return toRow({
			archiveFileName: spec.name,
			fileType: spec.type,
			ingestCompletionDate: `2025-10-04T00:0${spec.minute}:00${spec.fraction}`,
			distribution: {url: {mast: `mast:ROMAN/eng/${id}`}, ...(spec.size === undefined ? {} : {size: spec.size})},
		});
	});
}

const SORTS: Sort[] = (['ingest', 'name', 'type', 'size'] as SortKey[]).flatMap(key => [
	{key, descending: false},
	{key, descending: true},
]);

describe('sorting rows', () => {
	it('every sort order equals sorting by its comparisons, as pages arrive one after another', () => {
		fc.assert(
			fc.property(fc.array(fc.array(recordArb, {maxLength: 12}), {minLength: 1, maxLength: 5}), fc.constantFrom(...SORTS), (pages, sort) => {
				let rows: Row[] = [];
				for (const specs of pages) {
					rows = rows.concat(rowsOf(specs));
					// Sorting after each page exercises merging a page into the earlier order.
					expect(sortRows(rows, sort).map(row => row.id)).toEqual(expected(rows, sort).map(row => row.id));
					for (const other of SORTS) expect(sortRows(rows, other).map(row => row.id)).toEqual(expected(rows, other).map(row => row.id));
				}
			}),
			{numRuns: 150},
		);
	});
});

describe('the marks set', () => {
	it('adds, deletes and toggles like a Set of ids, and never changes an earlier set', () => {
		const opArb = fc.record({
			op: fc.constantFrom('add' as const, 'delete' as const, 'toggle' as const),
			ids: fc.uniqueArray(fc.integer({min: 0, max: 80}), {maxLength: 40}),
		});
		fc.assert(
			fc.property(fc.array(opArb, {maxLength: 12}), ops => {
				let marks = MarkSet.empty;
				let reference = new Set<string>();
				for (const {op, ids} of ops) {
					const named = ids.map(id => `mark-${id}`);
					const before = [...marks].sort();
					const next = marks.with(named.map(id => ({key: keyOf(id)})), op);
					expect([...marks].sort()).toEqual(before);
					reference = new Set(reference);
					for (const id of named) {
						if (op === 'add' || (op === 'toggle' && !reference.has(id))) reference.add(id);
						else reference.delete(id);
					}
					marks = next;
					expect([...marks].sort()).toEqual([...reference].sort());
					expect(marks.size).toBe(reference.size);
					for (let id = 0; id <= 80; id++) expect(marks.has(`mark-${id}`)).toBe(reference.has(`mark-${id}`));
				}
			}),
		);
	});
});
