/**
 * Products → the JSON records the search returns, and the checksum cache.
 *
 * Checksums: the real format is unknown (cassi-api.md); we send the MD5 hex of the content.
 * Computing one means generating the whole file, so it is done lazily, the first time a
 * record is serialised, and cached. Only files up to checksumMaxBytes (default 8 MiB) carry
 * one, plus CGI_00011850 and CGI_00011851 (the notebook's download example) and extras that
 * ask for it; every other record has `checksum: null`.
 */
import type {Archive, Product} from './archive.js';
import {productUrl} from './archive.js';
import {md5Of, md5Sync, type ContentSource} from './content.js';
import {PRECOMPUTED_MD5} from './demo-day.js';
import {formatCassiDate} from './grammar.js';
import type {ProductInfo} from './types.js';

export class RecordMaker {
	private readonly checksums = new Map<string, string>();
	private readonly pending = new Map<string, Promise<void>>();

	constructor(
		private readonly archive: Archive,
		private readonly checksumMaxBytes: number,
	) {
		for (const [name, md5] of Object.entries(PRECOMPUTED_MD5[archive.seed] ?? {})) {
			const product = archive.findProduct(name);
			if (product) this.checksums.set(this.key(product), md5);
		}
	}

	content(product: Product): ContentSource {
		return {seed: this.archive.seed, name: product.name, size: product.size, header: product.header};
	}

	private key(product: Product): string {
		return `${product.collection}/${product.name}`;
	}

	carriesChecksum(product: Product): boolean {
		return this.archive.carriesChecksum(product, this.checksumMaxBytes);
	}

	/** Computes (once, even for concurrent searches) the checksums these products' records need. */
	async prepare(products: Iterable<Product>): Promise<void> {
		for (const product of products) {
			const key = this.key(product);
			if (!this.carriesChecksum(product) || this.checksums.has(key)) continue;
			let pending = this.pending.get(key);
			if (!pending) {
				pending = md5Of(this.content(product)).then(sum => {
					this.checksums.set(key, sum);
					this.pending.delete(key);
				});
				this.pending.set(key, pending);
			}
			await pending;
		}
	}

	checksumSync(product: Product): string | null {
		if (!this.carriesChecksum(product)) return null;
		const key = this.key(product);
		let sum = this.checksums.get(key);
		if (sum === undefined) {
			sum = md5Sync(this.content(product));
			this.checksums.set(key, sum);
		}
		return sum;
	}

	/** The record as the service sends it; call prepare() first so no hashing happens here. */
	record(product: Product): Record<string, unknown> {
		const record: Record<string, unknown> = {
			archiveFileName: product.name,
			fileType: product.fileType,
			ingestCompletionDate: formatCassiDate(product.ingestMs),
			checksum: this.checksumSync(product),
			search_key: this.archive.searchKey(product),
			distribution: {url: {mast: productUrl(product)}, size: product.size},
			times: product.startMs === null || product.endMs === null
				? null
				: {startTime: formatCassiDate(product.startMs), endTime: formatCassiDate(product.endMs)},
		};
		return product.extra?.raw ? {...record, ...product.extra.raw} : record;
	}

	/** The record as JSON text, made once per product (checksums must be prepared). */
	json(product: Product): string {
		if (product.json !== undefined) return product.json;
		let text: string;
		if (product.extra || !/^[\w.-]+$/.test(product.name)) {
			text = JSON.stringify(this.record(product));
		} else {
			// The common case, written by hand: it is most of the time a big search takes.
			const checksum = this.checksumSync(product);
			const times = product.startMs === null || product.endMs === null
				? 'null'
				: `{"startTime":"${formatCassiDate(product.startMs)}","endTime":"${formatCassiDate(product.endMs)}"}`;
			text = `{"archiveFileName":"${product.name}","fileType":${JSON.stringify(product.fileType)},` +
				`"ingestCompletionDate":"${formatCassiDate(product.ingestMs)}","checksum":${checksum === null ? 'null' : `"${checksum}"`},` +
				`"search_key":"${this.archive.searchKey(product)}","distribution":{"url":{"mast":"${productUrl(product)}"},"size":${product.size}},` +
				`"times":${times}}`;
		}
		// Template literals build ropes of ~15 pieces (~2 KB each); a flat copy is ~400 bytes.
		product.json = Buffer.from(text).toString();
		return product.json;
	}

	info(product: Product): ProductInfo & ContentSource {
		const record = this.record(product);
		return {
			name: product.name,
			fileType: product.fileType,
			size: product.size,
			etag: this.archive.etag(product),
			productUrl: productUrl(product),
			checksum: this.checksumSync(product),
			ingestMs: product.ingestMs,
			ingestCompletionDate: formatCassiDate(product.ingestMs),
			startTime: product.startMs === null ? null : formatCassiDate(product.startMs),
			endTime: product.endMs === null ? null : formatCassiDate(product.endMs),
			searchKey: String(record.search_key),
			collection: product.collection,
			seed: this.archive.seed,
			header: product.header,
		};
	}
}
