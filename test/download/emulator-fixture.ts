/** Start the emulator with hand-made products for download tests, and engines pointed at it. */
import {startEmulator, sha256Of, type Emulator, type ContentSource, type EmulatorOptions} from '../../source/emulator/index.js';
import {DownloadEngine, type EngineOptions} from '../../source/cassi/download/engine.js';
import type {DownloadItem} from '../../source/cassi/download/types.js';
import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, expect} from 'vitest';
import {sha256File, tempFolder, type TempFolder} from './helpers.js';

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
	/** Wait until the emulator has logged every answer it sent (it logs when a response closes). */
	settle(): Promise<void>;
	/** This test expects `<name>.part` to stay (kept for resume). */
	allowPart(name: string): void;
	/**
	 * What every test must leave: no `.part` it did not expect, no journal temp file, and every
	 * product under its final name byte-identical to the source.
	 */
	verifyFolder(folder: string): Promise<void>;
	close(): Promise<void>;
}

export async function startFixture(products: Product[], options: Partial<EmulatorOptions> = {}): Promise<Fixture> {
	const emulator = await startEmulator({
		...options,
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
	const allowed = new Set<string>();
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
			const whenIdle = engine.whenIdle.bind(engine);
			engine.whenIdle = async () => {
				const manifest = await whenIdle();
				await fixture.settle();
				return manifest;
			};
			return engine;
		},
		async settle() {
			let last = -1;
			for (let quiet = 0; quiet < 3; ) {
				await new Promise(resolve => setTimeout(resolve, 20));
				const count = emulator.requests().length;
				quiet = count === last ? quiet + 1 : 0;
				last = count;
			}
		},
		allowPart(name) {
			allowed.add(`${name}.part`);
		},
		async verifyFolder(folder) {
			for (const engine of engines) await engine.close();
			let names: string[];
			try {
				names = await readdir(folder);
			} catch {
				return; // never made
			}
			for (const name of names) {
				if (name.endsWith('.part')) expect(allowed.has(name), `unexpected ${name}`).toBe(true);
				expect(name).not.toMatch(/\.tmp/);
				if (emulator.findProduct(name) && !name.endsWith('.part')) {
					expect(await sha256File(join(folder, name)), `${name} differs from the source`).toBe(await fixture.sha256(name));
				}
			}
		},
		async close() {
			for (const engine of engines) await engine.close();
			await emulator.close();
		},
	};
	return fixture;
}

export type {TempFolder};

/**
 * Each test gets a fresh emulator serving `products` and an empty temp folder (handed to `use`);
 * after it, the folder must pass verifyFolder, nothing may have appeared outside it, and both are
 * closed and removed whatever happened.
 */
export function perTestFixture(products: Product[], use: (fixture: Fixture, folder: TempFolder) => void): void {
	let fixture: Fixture;
	let folder: TempFolder;
	beforeEach(async () => {
		fixture = await startFixture(products);
		folder = await tempFolder();
		use(fixture, folder);
	});
	afterEach(async () => {
		try {
			await fixture.verifyFolder(folder.path);
			expect(await folder.strays(), 'written outside the download folder').toEqual([]);
		} finally {
			await fixture.close();
			await folder.cleanup();
		}
	});
}
