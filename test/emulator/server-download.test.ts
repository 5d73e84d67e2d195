import {createHash} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {productChunk, sha256Of, startEmulator, type Emulator, type ProductInfo} from '../../source/emulator/index.js';
import {DAY_4, NOW, auth, download, rawPost, search} from './helpers.js';

let emu: Emulator;
let small: ProductInfo;
let medium: ProductInfo;

beforeAll(async () => {
	emu = await startEmulator({quiet: true, now: NOW});
	const {results} = await search(emu, [DAY_4]);
	const bySize = results.map(r => emu.findProduct(r.archiveFileName)!).sort((a, b) => a.size - b.size);
	small = bySize.find(p => p.size > 100_000 && p.size < 2_000_000)!;
	medium = bySize.find(p => p.fileType === 'Guide Window Level 0')!;
});
afterAll(() => emu.close());

describe('download', () => {
	it('streams the whole file with the headers a resuming client needs', async () => {
		const res = await download(emu, small.name);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/octet-stream');
		expect(Number(res.headers['content-length'])).toBe(small.size);
		expect(res.headers['accept-ranges']).toBe('bytes');
		expect(res.headers.etag).toBe(small.etag);
		expect(res.headers.etag).toMatch(/^"[^"]+"$/);
		expect(res.headers['content-disposition']).toContain(small.name);
		expect(res.body.equals(productChunk(small, 0, small.size))).toBe(true);
	});

	it('sends tens of MB whose SHA-256 matches content.ts', async () => {
		const res = await download(emu, medium.name);
		expect(res.body).toHaveLength(medium.size);
		expect(createHash('sha256').update(res.body).digest('hex')).toBe(await sha256Of(medium));
	});

	it('keeps the ETag stable across requests and restarts with the same seed', async () => {
		const again = await startEmulator({quiet: true, now: NOW});
		const other = await startEmulator({quiet: true, now: NOW, seed: 2});
		try {
			expect(again.findProduct(small.name)!.etag).toBe(small.etag);
			expect((await download(again, small.name, {Range: 'bytes=0-0'})).headers.etag).toBe(small.etag);
			expect(other.findProduct('CGI_00011850')!.etag).not.toBe(emu.findProduct('CGI_00011850')!.etag);
		} finally {
			await again.close();
			await other.close();
		}
	});

	it.each([
		['bytes=1000-', 1000, 'end'],
		['bytes=1000-1999', 1000, 1999],
		['bytes=0-0', 0, 0],
		['bytes=-500', 'size-500', 'end'],
		['bytes=5000-99999999999', 5000, 'end'],
	])('answers Range %s with 206 and the right slice', async (range, from, to) => {
		const start = from === 'size-500' ? small.size - 500 : (from as number);
		const end = to === 'end' ? small.size - 1 : (to as number);
		const res = await download(emu, small.name, {Range: range});
		expect(res.status).toBe(206);
		expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${small.size}`);
		expect(Number(res.headers['content-length'])).toBe(end - start + 1);
		expect(res.body.equals(productChunk(small, start, end + 1))).toBe(true);
	});

	it('answers an unsatisfiable range with 416 and the total size', async () => {
		for (const range of [`bytes=${small.size}-`, 'bytes=-0']) {
			const res = await download(emu, small.name, {Range: range});
			expect(res.status).toBe(416);
			expect(res.headers['content-range']).toBe(`bytes */${small.size}`);
		}
	});

	it('sends the whole file for a malformed or multiple range', async () => {
		for (const range of ['bytes=abc', 'bytes=10-5', 'bytes=0-1,5-6', 'items=0-5']) {
			const res = await download(emu, small.name, {Range: range});
			expect(res.status).toBe(200);
			expect(res.body).toHaveLength(small.size);
		}
	});

	it('honours If-Range: the same ETag gives 206, another gives the whole file', async () => {
		const same = await download(emu, small.name, {Range: 'bytes=10-', 'If-Range': small.etag});
		expect(same.status).toBe(206);
		const other = await download(emu, small.name, {Range: 'bytes=10-', 'If-Range': '"something-else"'});
		expect(other.status).toBe(200);
		expect(other.body).toHaveLength(small.size);
	});

	it('answers 400 for a malformed body, 404 for an unknown product and 401 without a token', async () => {
		const url = `${emu.url}/download/roman/eng`;
		expect((await rawPost(url, '{"product_url": 3}', auth(emu))).status).toBe(400);
		expect((await rawPost(url, 'nope', auth(emu))).status).toBe(400);
		expect((await rawPost(url, JSON.stringify({product_url: 'mast:ROMAN/cassi/eng/CGI_99999999'}), auth(emu))).status).toBe(404);
		expect((await rawPost(url, JSON.stringify({product_url: 'https://example.com/x'}), auth(emu))).status).toBe(404);
		expect((await rawPost(url, JSON.stringify({product_url: small.productUrl}))).status).toBe(401);
	});

	it('serves the notebook\'s CGI_00011850 at its listed size', async () => {
		let got = 0;
		const res = await download(emu, 'CGI_00011850', {}, (total, abort) => {
			got = total;
			if (total > 1_000_000) abort();
		});
		expect(res.status).toBe(200);
		expect(Number(res.headers['content-length'])).toBe(148_602_880);
		expect(res.body.subarray(0, 1_000_000).equals(productChunk(emu.findProduct('CGI_00011850')!, 0, 1_000_000))).toBe(true);
		expect(got).toBeGreaterThan(1_000_000);
	});
});
