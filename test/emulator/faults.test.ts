import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {productChunk, startEmulator, type Emulator, type ProductInfo} from '../../source/emulator/index.js';
import {DAY_4, ENG, NOW, auth, download, rawPost, search, sleep} from './helpers.js';

let emu: Emulator;
let file: ProductInfo;
let other: ProductInfo;

beforeAll(async () => {
	emu = await startEmulator({quiet: true, now: NOW});
	const {results} = await search(emu, [DAY_4, {fileType: 'Calibrated Engineering Data'}]);
	const sized = results.map(r => emu.findProduct(r.archiveFileName)!).filter(p => p.size > 20_000).sort((a, b) => b.size - a.size);
	[file, other] = sized;
});
afterEach(() => emu.setFaults({}));
afterAll(() => emu.close());

const searchBody = JSON.stringify({conditions: [...ENG, DAY_4], limit: 100});
const searchOnce = () => rawPost(`${emu.url}/roman/search/Eng`, searchBody, auth(emu));
const expected = (p: ProductInfo, start = 0, end = p.size) => productChunk(p, start, end);

describe('search faults', () => {
	it('answers 429 with Retry-After the given number of times, then succeeds', async () => {
		emu.setFaults({search: [{status: 429, retryAfter: '2', times: 2}]});
		for (let i = 0; i < 2; i++) {
			const res = await searchOnce();
			expect(res.status).toBe(429);
			expect(res.headers['retry-after']).toBe('2');
		}
		expect((await searchOnce()).status).toBe(200);
	});

	it('sends an HTML error page', async () => {
		emu.setFaults({search: [{status: 503, body: '<html><body><h1>Service Unavailable</h1></body></html>', times: 1}]});
		const res = await searchOnce();
		expect(res.status).toBe(503);
		expect(res.headers['content-type']).toMatch(/text\/html/);
		expect(res.body.toString()).toContain('<h1>');
	});

	it('answers 401 as an expired token would', async () => {
		emu.setFaults({search: [{status: 401, times: 1}]});
		expect((await searchOnce()).status).toBe(401);
		expect((await searchOnce()).status).toBe(200);
	});

	it('cuts a JSON body short after N bytes', async () => {
		emu.setFaults({search: [{cutAfterBytes: 100, times: 1}]});
		const res = await searchOnce();
		expect(res.status).toBe(200);
		expect(res.complete).toBe(false);
		expect(res.body).toHaveLength(100);
		expect(Number(res.headers['content-length'])).toBeGreaterThan(100);
	});

	it('applies a rule only to requests whose body matches', async () => {
		emu.setFaults({search: [{status: 500, match: 'WFIGW_'}]});
		expect((await searchOnce()).status).toBe(200);
		const matched = await rawPost(`${emu.url}/roman/search/Eng`, JSON.stringify({conditions: [...ENG, {archiveFileName: 'WFIGW_*'}]}), auth(emu));
		expect(matched.status).toBe(500);
	});
});

describe('download faults', () => {
	it('answers 500 N times, then sends the file', async () => {
		emu.setFaults({download: [{status: 500, times: 2}]});
		expect((await download(emu, file.name)).status).toBe(500);
		expect((await download(emu, file.name)).status).toBe(500);
		const ok = await download(emu, file.name);
		expect(ok.status).toBe(200);
		expect(ok.body.equals(expected(file))).toBe(true);
	});

	it('sends 503 with an HTTP-date Retry-After', async () => {
		const when = new Date(Date.now() + 5000).toUTCString();
		emu.setFaults({download: [{status: 503, retryAfter: when, times: 1}]});
		const res = await download(emu, file.name);
		expect(res.status).toBe(503);
		expect(res.headers['retry-after']).toBe(when);
	});

	it('cuts the body after N bytes while promising the full length', async () => {
		emu.setFaults({download: [{cutAfterBytes: 10_000, times: 1}]});
		const res = await download(emu, file.name);
		expect(Number(res.headers['content-length'])).toBe(file.size);
		expect(res.complete).toBe(false);
		expect(res.error).toBeDefined();
		expect(res.body.equals(expected(file, 0, 10_000))).toBe(true);
		expect((await download(emu, file.name)).body).toHaveLength(file.size);
	});

	it('stalls after N bytes, keeping the connection open until the client gives up', async () => {
		emu.setFaults({download: [{stallAfterBytes: 5000, times: 1}]});
		let seen = 0;
		let abortIt: (() => void) | undefined;
		const pending = download(emu, file.name, {}, (total, abort) => {
			seen = total;
			abortIt = abort;
		});
		while (seen < 5000) await sleep(20);
		await sleep(300);
		expect(seen).toBe(5000);
		abortIt!();
		const res = await pending;
		expect(res.complete).toBe(false);
		await sleep(50);
		expect(emu.requests().at(-1)?.bytesSent).toBe(5000);
	});

	it('sends the headers of a response stalled at byte 0', async () => {
		emu.setFaults({download: [{stallAfterBytes: 0, times: 1}]});
		const {request} = await import('node:http');
		const status = await new Promise<number>((resolve, reject) => {
			const req = request(`${emu.url}/download/roman/eng`, {method: 'POST', headers: auth(emu), agent: false}, res => {
				resolve(res.statusCode ?? 0);
				req.destroy();
			});
			req.on('error', reject);
			req.end(JSON.stringify({product_url: file.productUrl}));
		});
		expect(status).toBe(200);
	});

	it('closes promptly while a stalled download is still open', async () => {
		const own = await startEmulator({quiet: true, now: NOW});
		own.setFaults({download: [{stallAfterBytes: 1000}]});
		let seen = 0;
		const pending = download(own, file.name, {}, total => (seen = total));
		while (seen < 1000) await sleep(20);
		await own.close();
		const res = await pending;
		expect(res.complete).toBe(false);
		expect(res.body).toHaveLength(1000);
	});

	it('ignores Range when told to', async () => {
		emu.setFaults({download: [{ignoreRange: true, times: 1}]});
		const res = await download(emu, file.name, {Range: 'bytes=100-'});
		expect(res.status).toBe(200);
		expect(res.headers['content-range']).toBeUndefined();
		expect(res.body.equals(expected(file))).toBe(true);
	});

	it('flips the byte at an absolute offset, in full and ranged responses', async () => {
		emu.setFaults({download: [{corruptByteAt: 12_345, times: 2}]});
		const good = expected(file);
		for (const range of [undefined, 'bytes=10000-']) {
			const start = range ? 10_000 : 0;
			const res = await download(emu, file.name, range ? {Range: range} : {});
			const want = Buffer.from(good.subarray(start));
			expect(res.body.equals(want)).toBe(false);
			want[12_345 - start] ^= 0xff;
			expect(res.body.equals(want)).toBe(true);
		}
	});

	it('throttles one response (the elapsed time is at least size / rate)', async () => {
		emu.setFaults({download: [{bytesPerSecond: 100_000, times: 1}]});
		const started = Date.now();
		const res = await download(emu, file.name, {Range: 'bytes=0-49999'});
		expect(res.body.equals(expected(file, 0, 50_000))).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
	});

	it('applies a rule only to the product whose URL matches', async () => {
		emu.setFaults({download: [{status: 404, match: other.name}]});
		expect((await download(emu, file.name)).status).toBe(200);
		expect((await download(emu, other.name)).status).toBe(404);
	});

	it('replaces earlier faults on each setFaults', async () => {
		emu.setFaults({download: [{status: 500}]});
		emu.setFaults({search: [{status: 500}]});
		expect((await download(emu, file.name)).status).toBe(200);
		expect(() => emu.setFaults({download: [{status: 99}]})).toThrow();
		expect(() => emu.setFaults({download: [{colour: 'red'} as never]})).toThrow();
	});
});

describe('request log', () => {
	it('records what was asked even when a fault or a 401 answered', async () => {
		emu.setFaults({search: [{status: 503, times: 1}], download: [{status: 404, times: 1}]});
		expect((await searchOnce()).status).toBe(503);
		expect(emu.requests().at(-1)).toMatchObject({status: 503, body: {conditions: [...ENG, DAY_4], limit: 100}});
		expect((await download(emu, file.name)).status).toBe(404);
		expect(emu.requests().at(-1)).toMatchObject({status: 404, body: {product_url: file.productUrl}});
		expect((await download(emu, other.name, {Authorization: 'token wrong'})).status).toBe(401);
		expect(emu.requests().at(-1)).toMatchObject({status: 401, body: {product_url: other.productUrl}});
	});
});

describe('server-wide knobs', () => {
	it('adds latency before each response and throttles each connection', async () => {
		const slow = await startEmulator({quiet: true, now: NOW, latencyMs: 300, bytesPerSecond: 200_000});
		try {
			let started = Date.now();
			expect((await rawPost(`${slow.url}/roman/search/Eng`, searchBody, auth(slow))).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(300);
			started = Date.now();
			const res = await download(slow, file.name, {Range: 'bytes=0-19999'});
			expect(res.body).toHaveLength(20_000);
			// 20,000 bytes at 200,000 B/s: at least 100 ms after the latency.
			expect(Date.now() - started).toBeGreaterThanOrEqual(300 + 90);
		} finally {
			await slow.close();
		}
	});
});

describe('control endpoint', () => {
	it('sets faults and lists requests over HTTP for out-of-process tests', async () => {
		const base = emu.url.replace(/\/cassi\/api\/v0\.1$/, '');
		const set = await fetch(`${base}/__emulator/faults`, {method: 'POST', body: JSON.stringify({search: [{status: 503, times: 1}]})});
		expect(set.status).toBe(200);
		expect((await searchOnce()).status).toBe(503);
		const log = (await (await fetch(`${base}/__emulator/requests`)).json()) as Array<{status: number; path: string}>;
		expect(log.at(-1)).toMatchObject({status: 503, path: '/cassi/api/v0.1/roman/search/Eng'});
		expect(JSON.stringify(log)).not.toContain(emu.token);
		const bad = await fetch(`${base}/__emulator/faults`, {method: 'POST', body: JSON.stringify({search: [{status: 'x'}]})});
		expect(bad.status).toBe(400);
		expect((await fetch(`${base}/__emulator/faults`)).status).toBe(405);
	});
});
