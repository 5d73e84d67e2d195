/** Runs a validated search over a product source and builds one response page. */
import type {Product} from './archive.js';
import {dateBounds, matches} from './grammar.js';
import type {SearchRequest} from './payload.js';
import type {CountMode} from './types.js';

export interface ProductSource {
	scan(lo: number, hi: number): Iterable<Product>;
}

function fieldValue(product: Product, field: string): string | number | null {
	switch (field) {
		case 'ingestCompletionDate':
			return product.ingestMs;
		case 'fileType':
			return product.fileType;
		case 'archiveFileName':
			return product.name;
		case 'startTime':
			return product.startMs;
		case 'endTime':
			return product.endMs;
		default:
			return null;
	}
}

/**
 * Every matching row in ingest order, with the duplicated ones sent twice in a row
 * (the real service repeats some rows; totalResults and paging count the repeats).
 */
export function searchRows(source: ProductSource, request: SearchRequest): Product[] {
	let lo = -Infinity;
	let hi = Infinity;
	for (const {field, condition} of request.parsed) {
		if (field !== 'ingestCompletionDate') continue;
		const bounds = dateBounds(condition);
		lo = Math.max(lo, bounds.lo);
		hi = Math.min(hi, bounds.hi);
	}
	const rows: Product[] = [];
	if (lo > hi) return rows;
	for (const product of source.scan(lo, hi)) {
		if (request.parsed.every(({field, condition}) => matches(condition, fieldValue(product, field)))) {
			rows.push(product);
			if (product.dup) rows.push(product);
		}
	}
	return rows;
}

/** The files of `searchRows`' answer: its repeated rows (always back to back) dropped. */
export function distinctRows(rows: readonly Product[]): Product[] {
	return rows.filter((row, index) => index === 0 || rows[index - 1] !== row);
}

/**
 * One page. In `raw` mode the offset, the count and the total are rows with the repeats in
 * them, as the rows come; in `distinct` mode they are files (`rows` is then distinctRows'
 * list) and the page sends each of its repeated files twice on top of the count.
 */
export function pageOf(rows: readonly Product[], offset: number, count: number, mode: CountMode): Product[] {
	const slice = rows.slice(offset, offset + count);
	if (mode === 'raw') return slice;
	const page: Product[] = [];
	for (const product of slice) {
		page.push(product);
		if (product.dup) page.push(product);
	}
	return page;
}

/** A small LRU of row lists, so paging through a big result does not search again. */
export class RowCache {
	private readonly entries = new Map<string, Product[]>();

	constructor(private readonly max = 4) {}

	get(key: string, compute: () => Product[]): Product[] {
		let rows = this.entries.get(key);
		if (rows) {
			this.entries.delete(key);
		} else {
			rows = compute();
			if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
		}
		this.entries.set(key, rows);
		return rows;
	}
}
