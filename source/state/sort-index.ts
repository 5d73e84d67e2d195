/**
 * Precomputed sort keys: every sort order of 100,000 rows in a few milliseconds.
 *
 * Comparing strings is what makes sorting slow (about 60 ms for 100,000 names), so each field a
 * sort reads is ordered once, as pages arrive (a page's rows are sorted alone and merged in),
 * and turned into a dense rank per row. Any of the sort orders is then a few stable counting
 * sorts over those integer ranks (linear time), least significant key first.
 *
 * The orders are the same as a stable sort by these comparisons (ties keep the service's order):
 * - ingest: the full ingest time;    - name: name, then the full ingest time;
 * - type: type, then the full ingest time;
 * - size: size, then the full ingest time, unknown sizes last in both directions.
 * The tie-breaker is ascending whichever the direction.
 */
import {extendsRows} from './rows.js';
import type {Row, Sort} from './types.js';

type Field = 'name' | 'ingestKey' | 'size';
const FIELDS: Field[] = ['name', 'ingestKey', 'size'];

interface FieldIndex {
	/** Row indices in ascending order of the field, ties in arrival order. */
	order: Uint32Array;
	/**
	 * Per row index: where the row's run of equal values starts in `order`. Equal values share
	 * one, and the order of these numbers is the field's order, so they sort by counting.
	 */
	rank: Uint32Array;
}

interface SortIndex {
	rows: Row[];
	fields: Record<Field, FieldIndex>;
	types?: {rank: Uint32Array; ranks: number};
	views: Map<string, Row[]>;
}

export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Unknown sizes sort after every known one. */
function compareSize(a: number | undefined, b: number | undefined): number {
	if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
	return a - b;
}

/** The field's comparison of two row indices (one function per field keeps property reads fast). */
function valueCompare(rows: Row[], field: Field): (x: number, y: number) => number {
	switch (field) {
		case 'name':
			return (x, y) => compareText(rows[x].name, rows[y].name);
		case 'ingestKey':
			return (x, y) => compareText(rows[x].ingestKey, rows[y].ingestKey);
		default:
			return (x, y) => compareSize(rows[x].size, rows[y].size);
	}
}

/**
 * First index in `order[from..]` whose row sorts after row `index`: galloping out from `from`,
 * then a binary search. A page's sorted rows mostly land together (in ingest order all of them
 * after the rows before; by name, each type's after its own), so most take a compare or two.
 */
function upperBound(order: Uint32Array, from: number, index: number, compare: (x: number, y: number) => number): number {
	let low = from;
	let probe = from;
	let step = 1;
	while (probe < order.length && compare(order[probe], index) <= 0) {
		low = probe + 1;
		probe = low + step;
		step *= 2;
	}
	let high = Math.min(probe, order.length);
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compare(order[middle], index) <= 0) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Ranks for an order, comparing each row with the one before it. */
function rankOrder(order: Uint32Array, compare: (x: number, y: number) => number): Uint32Array {
	const rank = new Uint32Array(order.length);
	for (let position = 1; position < order.length; position++) {
		rank[order[position]] = compare(order[position - 1], order[position]) === 0 ? rank[order[position - 1]] : position;
	}
	return rank;
}

/** Sizes: sorting numbers natively, then counting rows into place, beats any comparison sort. */
function indexSizes(rows: Row[]): FieldIndex {
	const known = Float64Array.from(rows.filter(row => row.size !== undefined), row => row.size!).sort();
	const rank = new Uint32Array(rows.length);
	for (let index = 0; index < rows.length; index++) {
		const size = rows[index].size;
		if (size === undefined) {
			rank[index] = known.length;
			continue;
		}
		// The first position of this size among the sorted sizes.
		let low = 0;
		let high = known.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (known[middle] < size) low = middle + 1;
			else high = middle;
		}
		rank[index] = low;
	}
	const identity = Uint32Array.from({length: rows.length}, (_, index) => index);
	return {order: countingSort(identity, rank, rows.length + 1), rank};
}

/** The field's index over all `rows`, built from scratch. */
function indexField(rows: Row[], field: Field): FieldIndex {
	if (field === 'size') return indexSizes(rows);
	const compare = valueCompare(rows, field);
	const order = Uint32Array.from(Array.from({length: rows.length}, (_, index) => index).sort((x, y) => compare(x, y) || x - y));
	return {order, rank: rankOrder(order, compare)};
}

/**
 * The index of `rows` from `base`'s over their first `baseLength` rows: only the new rows are
 * sorted; each finds its place by binary search and the old rows before it are copied in one
 * block, their ranks shifted by the rows inserted ahead of them (no old value is compared).
 */
function extendField(rows: Row[], field: Field, base: FieldIndex, baseLength: number): FieldIndex {
	const compare = valueCompare(rows, field);
	const fresh = Array.from({length: rows.length - baseLength}, (_, offset) => baseLength + offset).sort((x, y) => compare(x, y) || x - y);
	const order = new Uint32Array(rows.length);
	const rank = new Uint32Array(rows.length);
	let read = 0;
	let write = 0;
	// Old rows keep their ranks unless new rows land ahead of them.
	rank.set(base.rank);
	const copyTo = (end: number) => {
		const shift = write - read;
		order.set(base.order.subarray(read, end), write);
		if (shift !== 0) for (let position = read; position < end; position++) rank[base.order[position]] = base.rank[base.order[position]] + shift;
		write += end - read;
		read = end;
	};
	for (const index of fresh) {
		copyTo(upperBound(base.order, read, index, (x, y) => compare(x, y) || x - y));
		const previous = write > 0 ? order[write - 1] : undefined;
		rank[index] = previous !== undefined && compare(previous, index) === 0 ? rank[previous] : write;
		order[write++] = index;
	}
	copyTo(base.order.length);
	return {order, rank};
}

/** Stable counting sort of `input` (row indices) by `key(row index)` in [0, ranks). */
function countingSort(input: Uint32Array, key: Uint32Array, ranks: number, descending = false): Uint32Array {
	const starts = new Uint32Array(ranks + 1);
	const last = ranks - 1;
	for (let position = 0; position < input.length; position++) {
		const value = key[input[position]];
		starts[(descending ? last - value : value) + 1]++;
	}
	for (let value = 1; value <= ranks; value++) starts[value] += starts[value - 1];
	const out = new Uint32Array(input.length);
	for (let position = 0; position < input.length; position++) {
		const index = input[position];
		const value = key[index];
		out[starts[descending ? last - value : value]++] = index;
	}
	return out;
}

// One index per rows array (the reducer compares the view before and after a change, so the
// previous one stays too); a longer rows array that starts with an indexed one extends it.
const cache: SortIndex[] = [];

function indexFor(rows: Row[]): SortIndex {
	const hit = cache.find(entry => entry.rows === rows);
	if (hit) return hit;
	// Pages only ever append: an indexed prefix of these rows is the base.
	const base = cache.find(entry => entry.rows.length < rows.length && extendsRows(rows, entry.rows));
	const index = {rows, fields: {}, views: new Map()} as SortIndex;
	// Every field is indexed as pages arrive (each page costs its own size, not the rows'), so
	// no sort key has to wait for a full sort.
	for (const name of FIELDS) {
		const built = base?.fields[name];
		index.fields[name] = built ? extendField(rows, name, built, base!.rows.length) : indexField(rows, name);
	}
	cache.unshift(index);
	cache.length = Math.min(cache.length, 2);
	return index;
}

/** Row type ranks: few distinct types, so these are ranked directly. */
function typeRanks(index: SortIndex): {rank: Uint32Array; ranks: number} {
	if (index.types) return index.types;
	const types = [...new Set(index.rows.map(row => row.type))].sort(compareText);
	const byType = new Map(types.map((type, rank) => [type, rank]));
	index.types = {rank: Uint32Array.from(index.rows, row => byType.get(row.type)!), ranks: types.length};
	return index.types;
}

function order(index: SortIndex, sort: Sort): Uint32Array {
	const count = index.rows.length;
	const descending = sort.descending;
	// Rows in ingest order are the input of every other sort: its tie-breaker.
	const ingest = index.fields.ingestKey;
	switch (sort.key) {
		case 'name':
			return countingSort(ingest.order, index.fields.name.rank, count, descending);
		case 'type': {
			const types = typeRanks(index);
			return countingSort(ingest.order, types.rank, types.ranks, descending);
		}
		case 'size': {
			const size = index.fields.size;
			// Unknown sizes share the rank after every known one, which must stay last when the rest are reversed.
			const known = index.rows.reduce((total, row) => total + (row.size === undefined ? 0 : 1), 0);
			const key = descending ? size.rank.map(rank => (rank < known ? known - 1 - rank : rank)) : size.rank;
			return countingSort(ingest.order, key, count + 1);
		}
		default:
			return descending ? countingSort(ingest.order, ingest.rank, count, true) : ingest.order;
	}
}

/** All rows in the sort's order. */
export function sortRows(rows: Row[], sort: Sort): Row[] {
	const index = indexFor(rows);
	const key = `${sort.key}${sort.descending ? '-' : '+'}`;
	const hit = index.views.get(key);
	if (hit) return hit;
	const positions = order(index, sort);
	const sorted = new Array<Row>(positions.length);
	for (let position = 0; position < positions.length; position++) sorted[position] = rows[positions[position]];
	index.views.set(key, sorted);
	return sorted;
}
