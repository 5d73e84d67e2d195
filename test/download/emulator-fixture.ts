/** Start the emulator with hand-made products for download tests, and engines pointed at it. */
import {startEmulator, sha256Of, type Emulator, type ContentSource} from '../../source/emulator/index.js';
import {DownloadEngine, type EngineOptions} from '../../source/cassi/download/engine.js';
import type {DownloadItem} from '../../source/cassi/download/types.js';

export const SEED = 11;

export interface Product {
	name: string;
	size: number;
	/** Put the MD5 in the record (default true). */
	checksum?: boolean;
}

export interface Fixture {
	emulator: Emulator;
	item(name: string, overrides?: Partial<DownloadItem>): DownloadItem;
	source(name: string): ContentSource;
	sha256(name: string): Promise<string>;
	/** Download requests the emulator saw, in order, for one product. */
	downloads(name?: string): Array<{range?: string; ifRange?: string; status: number; bytesSent?: number}>;
	engine(folder: string, options?: Partial<EngineOptions>): DownloadEngine;
	close(): Promise<void>;
}

export async function startFixture(products: Product[]): Promise<Fixture> {
	const emulator = await startEmulator({
		port: 0,
		seed: SEED,
		quiet: true,
		extraRecords: products.map(product => ({
			name: product.name,
			fileType: 'Science CGI Level 0',
			ingest: '2025-10-04T01:00:00',
			size: product.size,
			withChecksum: product.checksum !== false,
		})),
	});
	const engines: DownloadEngine[] = [];
	const fixture: Fixture = {
		emulator,
		item(name, overrides = {}) {
			const info = emulator.findProduct(name);
			if (!info) throw new Error(`no product ${name}`);
			return {
				name,
				productUrl: info.productUrl,
				size: info.size,
				checksum: info.checksum ?? undefined,
				fileType: info.fileType,
				...overrides,
			};
		},
		source(name) {
			const info = emulator.findProduct(name)!;
			return {seed: SEED, name, size: info.size};
		},
		sha256: name => sha256Of(fixture.source(name)),
		downloads(name) {
			return emulator
				.requests()
				.filter(entry => entry.path.endsWith('/download/roman/eng'))
				// Fault answers are logged before the body is parsed: they carry no product.
				.filter(entry => !name || entry.body === undefined || JSON.stringify(entry.body).includes(name))
				.map(entry => ({range: entry.headers.range, ifRange: entry.headers['if-range'], status: entry.status, bytesSent: entry.bytesSent}));
		},
		engine(folder, options = {}) {
			const engine = new DownloadEngine({
				apiUrl: emulator.url,
				token: emulator.token,
				folder,
				retryBaseMs: 5,
				retryMaxMs: 50,
				stallMs: 5000,
				...options,
			});
			engines.push(engine);
			return engine;
		},
		async close() {
			for (const engine of engines) await engine.close();
			await emulator.close();
		},
	};
	return fixture;
}
