/** Runs a validated search over a product source and builds one response page. */
import type {Product} from './archive.js';
import {dateBounds, matches} from './grammar.js';
import type {SearchRequest} from './payload.js';

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
