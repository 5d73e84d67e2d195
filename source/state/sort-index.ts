/**
 * Precomputed sort keys: every sort order of 100,000 rows in a few milliseconds.
 *
 * Comparing strings is what makes sorting slow (about 60 ms for 100,000 names), so each field a
 * sort reads is ordered once, as pages arrive (a page's rows are sorted alone and merged in),
 * and turned into a dense rank per row when a sort first needs it (one pass of equality tests). Any of the sort orders is then a few stable counting
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
/**
 * Indexed on every page whether or not a sort asked: names take ~250 ms to sort at 300k rows.
 * Sizes sort natively in a few ms, so their index waits for the first sort by size (merging
 * sizes, scattered all over the order, cost ~0.3 s of a 300k-row load).
 */
const EAGER = new Set<Field>(['name', 'ingestKey']);

interface FieldIndex {
	/** Row indices in ascending order of the field, ties in arrival order. */
	order: Uint32Array;
	/**
	 * Per position in `order`: 1 where a run of equal values starts. Copied in blocks with the
	 * order as pages merge, so ranks need no value read again (rows in field order are scattered
	 * in memory: reading them took ~60 ms at 100k rows).
	 */
	starts: Uint8Array;
	/**
	 * Per row index: where the row's run of equal values starts in `order`. Equal values share
	 * one, and the order of these numbers is the field's order, so they sort by counting. Made
	 * when first needed: while pages arrive, keeping it would shift most of it on every page.
	 */
	rank?: Uint32Array;
}

interface SortIndex {
	rows: Row[];
	fields: Partial<Record<Field, FieldIndex>>;
	/** Each row's size, unknown as Infinity, with the size field: one array, not 300k scattered rows. */
	sizes?: Float64Array;
	types?: {rank: Uint32Array; ranks: number};
	views: Map<string, Row[]>;
}

export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The field's comparison of two row indices (one function per field keeps property reads fast). */
function valueCompare(rows: Row[], field: Field, sizes: Float64Array | undefined): (x: number, y: number) => number {
	switch (field) {
		case 'name':
			return (x, y) => compareText(rows[x].name, rows[y].name);
		case 'ingestKey':
			return (x, y) => {
				const a = rows[x];
				const b = rows[y];
				if (a.ingestFraction >= 0 && b.ingestFraction >= 0) return a.ingestSeconds - b.ingestSeconds || a.ingestFraction - b.ingestFraction;
				return compareText(a.ingestKey, b.ingestKey);
			};
		default:
			// Unknown sizes (Infinity) sort after every known one.
			return (x, y) => (sizes![x] < sizes![y] ? -1 : sizes![x] > sizes![y] ? 1 : 0);
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

/** Ranks from an order and where its runs start. */
function rankOrder({order, starts}: FieldIndex): Uint32Array {
	const rank = new Uint32Array(order.length);
	for (let position = 1; position < order.length; position++) {
		rank[order[position]] = starts[position] ? position : rank[order[position - 1]];
	}
	return rank;
}

/** Where runs of equal values start in `order`, comparing neighbours (an index built from scratch). */
function runStarts(order: Uint32Array, compare: (x: number, y: number) => number): Uint8Array {
	const starts = new Uint8Array(order.length);
	for (let position = 0; position < order.length; position++) {
		starts[position] = position === 0 || compare(order[position - 1], order[position]) !== 0 ? 1 : 0;
	}
	return starts;
}

function rankOf(index: SortIndex, field: Field): Uint32Array {
	const built = fieldOf(index, field);
	built.rank ??= rankOrder(built);
	return built.rank;
}

/** The field's index, built from scratch when no earlier page's was kept up. */
function fieldOf(index: SortIndex, field: Field): FieldIndex {
	let built = index.fields[field];
	if (!built) {
		if (field === 'size') index.sizes = sizeColumn(index.rows);
		built = indexField(index.rows, field, index.sizes);
		index.fields[field] = built;
	}
	return built;
}

/** Each row's size (unknown: Infinity), the first `from` copied from `base`. */
function sizeColumn(rows: Row[], base?: Float64Array, from = 0): Float64Array {
	const sizes = new Float64Array(rows.length);
	if (base) sizes.set(base.subarray(0, from));
	for (let row = from; row < rows.length; row++) sizes[row] = rows[row].size ?? Number.POSITIVE_INFINITY;
	return sizes;
}

/** Sizes: sorting numbers natively, then counting rows into place, beats any comparison sort. */
function indexSizes(sizes: Float64Array): FieldIndex {
	// Unknown sizes are Infinity: they sort after every known one and share one rank.
	const sorted = sizes.slice().sort();
	const rank = new Uint32Array(sizes.length);
	for (let index = 0; index < sizes.length; index++) {
		const size = sizes[index];
		// The first position of this size among the sorted sizes.
		let low = 0;
		let high = sorted.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (sorted[middle] < size) low = middle + 1;
			else high = middle;
		}
		rank[index] = low;
	}
	const identity = Uint32Array.from({length: sizes.length}, (_, index) => index);
	const order = countingSort(identity, rank, sizes.length + 1);
	const starts = new Uint8Array(sizes.length);
	for (let position = 0; position < order.length; position++) starts[position] = position === 0 || rank[order[position]] !== rank[order[position - 1]] ? 1 : 0;
	return {order, starts, rank};
}

/** The field's index over all `rows`, built from scratch. */
function indexField(rows: Row[], field: Field, sizes: Float64Array | undefined): FieldIndex {
	if (field === 'size') return indexSizes(sizes!);
	const compare = valueCompare(rows, field, sizes);
	const order = Uint32Array.from(Array.from({length: rows.length}, (_, index) => index).sort((x, y) => compare(x, y) || x - y));
	return {order, starts: runStarts(order, compare)};
}

/**
 * The index of `rows` from `base`'s over their first `baseLength` rows: only the new rows are
 * sorted; each finds its place by search and the old rows before it are copied in one block.
 */
function extendField(rows: Row[], field: Field, sizes: Float64Array | undefined, base: FieldIndex, baseLength: number): FieldIndex {
	const compare = valueCompare(rows, field, sizes);
	const stable = (x: number, y: number) => compare(x, y) || x - y;
	const fresh = Array.from({length: rows.length - baseLength}, (_, offset) => baseLength + offset).sort(stable);
	const order = new Uint32Array(rows.length);
	const starts = new Uint8Array(rows.length);
	let read = 0;
	let write = 0;
	const copyTo = (end: number) => {
		if (end === read) return;
		const first = write;
		// Short runs (a page of 10k among 300k rows lands every ~30) copy faster by hand than by a view.
		if (end - read > 64) {
			order.set(base.order.subarray(read, end), write);
			starts.set(base.starts.subarray(read, end), write);
			write += end - read;
			read = end;
		} else {
			while (read < end) {
				order[write] = base.order[read];
				starts[write++] = base.starts[read++];
			}
		}
		// After a new row, an old one sorts strictly after it (old rows come first among equals).
		if (first > 0 && order[first - 1] >= baseLength) starts[first] = 1;
	};
	for (const index of fresh) {
		copyTo(upperBound(base.order, read, index, stable));
		starts[write] = write === 0 || compare(order[write - 1], index) !== 0 ? 1 : 0;
		order[write++] = index;
	}
	copyTo(base.order.length);
	return {order, starts};
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
	const from = base ? base.rows.length : 0;
	const index: SortIndex = {rows, fields: {}, views: new Map()};
	if (base?.sizes) index.sizes = sizeColumn(rows, base.sizes, from);
	// Fields are indexed as pages arrive (each page costs its own size, not the rows'), so no
	// sort key waits for a full sort; size once a sort by size asked for it (see EAGER).
	for (const name of FIELDS) {
		const built = base?.fields[name];
		if (built) index.fields[name] = extendField(rows, name, index.sizes, built, from);
		else if (EAGER.has(name)) index.fields[name] = indexField(rows, name, index.sizes);
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
	const ingest = fieldOf(index, 'ingestKey');
	switch (sort.key) {
		case 'name':
			return countingSort(ingest.order, rankOf(index, 'name'), count, descending);
		case 'type': {
			const types = typeRanks(index);
			return countingSort(ingest.order, types.rank, types.ranks, descending);
		}
		case 'size': {
			const rank = rankOf(index, 'size');
			// Unknown sizes share the rank after every known one, which must stay last when the rest are reversed.
			const known = index.rows.reduce((total, row) => total + (row.size === undefined ? 0 : 1), 0);
			const key = descending ? rank.map(value => (value < known ? known - 1 - value : value)) : rank;
			return countingSort(ingest.order, key, count + 1);
		}
		default:
			return descending ? countingSort(ingest.order, rankOf(index, 'ingestKey'), count, true) : ingest.order;
	}
}

/** All rows in the sort's order. */
export function sortRows(rows: Row[], sort: Sort): Row[] {
	const index = indexFor(rows);
	const key = `${sort.key}${sort.descending ? '-' : '+'}`;
	const hit = index.views.get(key);
	if (hit) return hit;
	const positions = order(index, sort);
	// Rows that arrived in this order (results come oldest first) are their own view: no copy of
	// 300k rows per page for the collector.
	let same = true;
	for (let position = 0; same && position < positions.length; position++) same = positions[position] === position;
	let sorted = rows;
	if (!same) {
		sorted = new Array<Row>(positions.length);
		for (let position = 0; position < positions.length; position++) sorted[position] = rows[positions[position]];
	}
	index.views.set(key, sorted);
	return sorted;
}
