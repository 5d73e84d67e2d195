import {Agent, request as httpRequest} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {md5Of, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {DAY_4, ENG, NOW, auth, download, rawPost, search} from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({quiet: true, now: NOW, pageSize: 7});
});
afterAll(() => emu.close());

const searchUrl = () => `${emu.url}/roman/search/Eng`;

async function status(body: string, headers: Record<string, string> = auth(emu), url = searchUrl()) {
	const res = await rawPost(url, body, headers);
	return {status: res.status, json: JSON.parse(res.body.toString()) as {error: string}};
}

describe('authentication', () => {
	it('answers 401 with a small JSON body without a token or with a wrong one', async () => {
		const body = JSON.stringify({conditions: ENG});
		for (const headers of [{}, {Authorization: 'token wrong'}, {Authorization: `Bearer ${emu.token}`}] as Array<Record<string, string>>) {
			const res = await status(body, headers);
			expect(res.status).toBe(401);
			expect(res.json.error).toMatch(/token/i);
		}
		expect((await status(body)).status).toBe(200);
	});

	it('never echoes the token into the request log', async () => {
		await status(JSON.stringify({conditions: ENG}));
		const log = JSON.stringify(emu.requests());
		expect(log).not.toContain(emu.token);
		expect(emu.requests().at(-1)?.headers.authorization).toBe('present');
	});
});

describe('malformed requests', () => {
	it.each([
		['not JSON', '{"conditions": '],
		['an array', '[]'],
		['a string', '"hello"'],
		['conditions not an array', JSON.stringify({conditions: {source: 'Eng'}})],
		['a condition with two keys', JSON.stringify({conditions: [{source: 'Eng', dataGroup: 'Eng'}]})],
		['a condition that is not an object', JSON.stringify({conditions: ['source=Eng']})],
		['a non-string value', JSON.stringify({conditions: [{fileType: 3}]})],
		['an unknown key', JSON.stringify({conditions: [{colour: 'blue'}]})],
		['another source', JSON.stringify({conditions: [{source: 'HST'}]})],
		['limit 0', JSON.stringify({conditions: ENG, limit: 0})],
		['a fractional limit', JSON.stringify({conditions: ENG, limit: 1.5})],
		['a string limit', JSON.stringify({conditions: ENG, limit: '10'})],
		['a negative offset', JSON.stringify({conditions: ENG, offset: -1})],
		['a bad date', JSON.stringify({conditions: [...ENG, {ingestCompletionDate: '>=2025-10-32'}]})],
		['an unclosed [', JSON.stringify({conditions: [...ENG, {archiveFileName: 'CGI_[01'}]})],
		['select_cols not a list', JSON.stringify({conditions: ENG, select_cols: 'fileType'})],
	])('answers 400 with a message for %s', async (_what, body) => {
		const res = await status(body);
		expect(res.status).toBe(400);
		expect(res.json.error.length).toBeGreaterThan(5);
	});

	it('answers 404 for an unknown path and 405 for a wrong method', async () => {
		expect((await status('{}', auth(emu), `${emu.url}/roman/search/Nope`)).status).toBe(404);
		const res = await fetch(searchUrl(), {headers: auth(emu)});
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('POST');
	});
});

describe('search results', () => {
	it('pages with offset over totalResults, at most pageSize rows a response, duplicates included', async () => {
		const first = await search(emu, [DAY_4]);
		expect(first.results).toHaveLength(7);
		const rows = [...first.results];
		for (let offset = 7; offset < first.totalResults; offset += 7) {
			const page = await search(emu, [DAY_4], {offset});
			expect(page.totalResults).toBe(first.totalResults);
			rows.push(...page.results);
		}
		expect(rows).toHaveLength(first.totalResults);
		const names = new Set(rows.map(r => r.archiveFileName));
		expect(names.size).toBe(39);
		expect((await search(emu, [DAY_4], {offset: first.totalResults})).results).toHaveLength(0);
		expect((await search(emu, [DAY_4], {limit: 3})).results).toHaveLength(3);
	});

	it('in distinct count mode, counts offset, limit, the page cap and totalResults in files and sends repeats on top', async () => {
		const distinct = await startEmulator({quiet: true, now: NOW, pageSize: 7, countMode: 'distinct', duplicateRate: 0.5});
		try {
			const first = await search(distinct, [DAY_4]);
			expect(first.totalResults).toBe(39);
			const rows = [...first.results];
			for (let offset = 7; offset < first.totalResults; offset += 7) rows.push(...(await search(distinct, [DAY_4], {offset})).results);
			const names = rows.map(r => r.archiveFileName);
			expect(new Set(names).size).toBe(39);
			expect(names.length).toBeGreaterThan(39);
			const page = (await search(distinct, [DAY_4], {offset: 3, limit: 5})).results.map(r => r.archiveFileName);
			expect(new Set(page)).toEqual(new Set([...new Set(names)].slice(3, 8)));
		} finally {
			await distinct.close();
		}
	});

	it('sends some rows twice, identical', async () => {
		const big = await startEmulator({quiet: true, now: NOW, pageSize: 100_000});
		try {
			const {results, totalResults} = await search(big, [{ingestCompletionDate: '>=2026-11-01'}]);
			expect(results).toHaveLength(totalResults);
			const seen = new Set(results.map(r => JSON.stringify(r)));
			expect(seen.size).toBeLessThan(results.length);
			expect(seen.size).toBe(new Set(results.map(r => r.archiveFileName)).size);
		} finally {
			await big.close();
		}
	});

	it('sends records shaped like the service\'s, in ingest order', async () => {
		const big = await startEmulator({quiet: true, now: NOW});
		try {
			const {results} = await search(big, [DAY_4], {select_cols: ['fileType']});
			const sorted = [...results].sort((a, b) => (a.ingestCompletionDate < b.ingestCompletionDate ? -1 : 1));
			expect(results.map(r => r.ingestCompletionDate)).toEqual(sorted.map(r => r.ingestCompletionDate));
			for (const r of results) {
				expect(r.ingestCompletionDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
				expect(typeof r.search_key).toBe('string');
				expect(r.distribution.url.mast).toMatch(/^mast:/);
				expect(r.distribution.size).toBeGreaterThan(0);
				const timed = /Science|Guide|Housekeeping/.test(r.fileType);
				expect(r.times === null).toBe(!timed);
				if (r.distribution.size <= 8 * 1024 * 1024) expect(r.checksum).toMatch(/^[0-9a-f]{32}$/);
			}
			const cgi = results.find(r => r.archiveFileName === 'CGI_00011850')!;
			expect(cgi.checksum).toBe(await md5Of(big.findProduct('CGI_00011850')!));
			expect(results.find(r => r.archiveFileName === 'CGI_00011852')!.checksum).toBeNull();
		} finally {
			await big.close();
		}
	});

	it('lists a small file\'s checksum as the MD5 of the bytes it downloads', async () => {
		const {results} = await search(emu, [DAY_4, {fileType: 'FSW Event Message Logs'}]);
		const res = await download(emu, results[0].archiveFileName);
		const {createHash} = await import('node:crypto');
		expect(createHash('md5').update(res.body).digest('hex')).toBe(results[0].checksum);
	});

	it('serves hand-made extra records with their overrides', async () => {
		const extra = await startEmulator({
			quiet: true,
			now: NOW,
			extraRecords: [
				{name: '../evil', fileType: 'Science CGI Level 0', ingest: '2026-11-23T10:00:00', size: 1000, raw: {checksum: 'f'.repeat(32)}},
				{name: 'NO_URL_1', fileType: 'Science CGI Level 0', ingest: '2026-11-23T10:00:01', size: 1000, raw: {distribution: {size: 1000}}},
				{name: 'BIG_SUMMED', fileType: 'Science WFI Level 0', ingest: '2026-11-23T10:00:02', size: 20_000_000, withChecksum: true},
				{name: 'SMALL_UNSUMMED', fileType: 'FSW Event Message Logs', ingest: '2026-11-23T10:00:03', size: 2000, withChecksum: false},
			],
		});
		try {
			const {results} = await search(extra, [{archiveFileName: '*evil,NO_URL_1'}]);
			expect(results.map(r => r.archiveFileName)).toEqual(['../evil', 'NO_URL_1']);
			expect(results[0].checksum).toBe('f'.repeat(32));
			expect(results[1].distribution).toEqual({size: 1000});
			expect((await download(extra, '../evil')).body).toHaveLength(1000);
			const summed = await search(extra, [{archiveFileName: 'BIG_SUMMED,SMALL_UNSUMMED'}]);
			expect(summed.results[0].checksum).toBe(await md5Of(extra.findProduct('BIG_SUMMED')!));
			expect(summed.results[1].checksum).toBeNull();
		} finally {
			await extra.close();
		}
	});

	it('keeps connections alive between requests', async () => {
		const agent = new Agent({keepAlive: true, maxSockets: 1});
		const once = () =>
			new Promise<boolean>((resolve, reject) => {
				const req = httpRequest(searchUrl(), {method: 'POST', agent, headers: auth(emu)}, res => {
					res.resume();
					res.on('end', () => resolve(req.reusedSocket));
				});
				req.on('error', reject);
				req.end(JSON.stringify({conditions: [...ENG, DAY_4]}));
			});
		expect(await once()).toBe(false);
		expect(await once()).toBe(true);
		agent.destroy();
	});
});

describe('RITA', () => {
	it('searches a campaign and downloads an ASDF-looking file', async () => {
		const res = await fetch(`${emu.url}/rita/search/TVAC1`, {method: 'POST', headers: auth(emu), body: JSON.stringify({conditions: [{archiveFileName: '*.asdf'}], limit: 100})});
		const {results} = (await res.json()) as {results: Array<Record<string, any>>};
		expect(results.length).toBeGreaterThan(3);
		const file = await rawPost(`${emu.url}/download/roman/rita`, JSON.stringify({product_url: results[0].distribution.url.mast}), {...auth(emu), Range: 'bytes=0-99'});
		expect(file.status).toBe(206);
		expect(file.body.toString('latin1')).toMatch(/^#ASDF 1\.0\.0/);
		expect((await status('{}', auth(emu), `${emu.url}/rita/search/TVAC9`)).status).toBe(404);
	});
});
