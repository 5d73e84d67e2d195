/**
 * Paging, every way the service might count (../shared/cassi-api.md, "Unknown"): offsets and
 * totals in raw rows or distinct files, with or without a page cap, rows repeated within and
 * across pages. The real client against a purpose-built service (servers/paging.ts) and the
 * built program against the emulator's count modes; every file must arrive exactly once, and
 * `--limit N` must mean N files.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {CassiClient} from '../../source/cassi/client.js';
import type {Query} from '../../source/cassi/types.js';
import {startEmulator, type CountMode, type Emulator} from '../../source/emulator/index.js';
import {sendJson, startServer} from '../cassi/helpers/server.js';
import {runCli} from '../cli/run-cli.js';
import {ensureBuilt} from '../e2e/app.js';
import {pagingFiles, rowsWithRepeats, startPagingService, type PagingService} from './servers/paging.js';

const TOKEN = 'paging-token-3e8b41';
const QUERY: Query = {ingestStart: '2025-06-01T00:00:00', ingestEnd: '2025-06-01T23:59:59', limit: 50_000};

const open: Array<{close(): Promise<unknown>}> = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(item => item.close()));
});

function client(url: string, pageSize?: number) {
	return new CassiClient({apiUrl: url, token: TOKEN, retries: 0, pageSize});
}

const names = (records: ReadonlyArray<{archiveFileName: string}>) => records.map(record => record.archiveFileName);

describe('paging against a purpose-built service, every way it might count', () => {
	const files = pagingFiles(300);
	const combos: PagingService[] = [];
	for (const offsets of ['rows', 'files'] as const) {
		for (const total of ['rows', 'files', 'none'] as const) {
			for (const cap of [undefined, 64, 1]) combos.push({offsets, total, cap});
		}
	}

	it('repeats rows within and across pages (the test service is a fair test)', () => {
		const rows = rowsWithRepeats(files);
		expect(rows.length).toBeGreaterThan(files.length + 50);
		expect(new Set(rows).size).toBe(files.length);
	});

	it.each(combos)('gets every file exactly once, in order: offsets in $offsets, total in $total, cap $cap', async service => {
		const server = await startPagingService(files, service);
		open.push(server);
		const result = await client(server.url).search(QUERY);
		expect(names(result.records)).toEqual(names(files));
		expect(result.cut).toBeUndefined();
	});

	it.each(combos)('gives exactly the first 100 files for --limit 100, and says it cut: offsets in $offsets, total in $total, cap $cap', async service => {
		const server = await startPagingService(files, service);
		open.push(server);
		const result = await client(server.url).search({...QUERY, limit: 100});
		expect(names(result.records)).toEqual(names(files.slice(0, 100)));
		expect(result.cut).toMatchObject({by: 'limit'});
		if (service.total !== 'none') expect(result.cut).toMatchObject({known: true, total: expect.any(Number)});
	});

	it.each(combos)('a limit of exactly the file count gets them all and claims no cut: offsets in $offsets, total in $total, cap $cap', async service => {
		const server = await startPagingService(files, service);
		open.push(server);
		const result = await client(server.url).search({...QUERY, limit: files.length});
		expect(names(result.records)).toEqual(names(files));
		// With no total, reaching the limit can only say "maybe more"; a total settles it.
		if (service.total === 'none') expect(result.cut).toEqual({by: 'limit', known: false});
		else expect(result.cut).toBeUndefined();
	});

	it('pages at our own page size too, and never asks beyond the limit it still needs', async () => {
		const server = await startPagingService(files, {offsets: 'files', total: 'files', cap: 64});
		open.push(server);
		const result = await client(server.url, 40).search({...QUERY, limit: 250});
		expect(names(result.records)).toEqual(names(files.slice(0, 250)));
		expect(Math.max(...server.requests.map(request => request.json.limit as number))).toBeLessThanOrEqual(40 + 20);
	});
});

describe('paging against services that misbehave', () => {
	it('stops, and says the service sent fewer, when the service ignores offset (no loop)', async () => {
		const files = pagingFiles(30);
		const server = await startServer((request, response) => sendJson(response, 200, {results: files.slice(0, 10), totalResults: 30}));
		open.push(server);
		const result = await client(server.url).search(QUERY);
		expect(names(result.records)).toEqual(names(files.slice(0, 10)));
		expect(result.cut).toEqual({by: 'service', known: true, total: 30});
		expect(server.requests.length).toBeLessThanOrEqual(5);
	});

	it('stops on an empty page when totalResults overcounts, and says the service sent fewer', async () => {
		const files = pagingFiles(12);
		const server = await startServer((request, response) => {
			const {offset, limit} = request.json as {offset: number; limit: number};
			sendJson(response, 200, {results: files.slice(offset, offset + Math.min(limit, 5)), totalResults: 1000});
		});
		open.push(server);
		const result = await client(server.url).search(QUERY);
		expect(names(result.records)).toEqual(names(files));
		expect(result.cut).toEqual({by: 'service', known: true, total: 1000});
	});

	it('keeps the first files of a service that ignores limit, and says the limit cut', async () => {
		const files = pagingFiles(30);
		const server = await startServer((_request, response) => sendJson(response, 200, {results: files}));
		open.push(server);
		const result = await client(server.url).search({...QUERY, limit: 12});
		expect(names(result.records)).toEqual(names(files.slice(0, 12)));
		expect(result.cut).toEqual({by: 'limit', known: true});
		expect(server.requests).toHaveLength(1);
	});

	it('says more may exist when the limit is reached and the service sends no total', async () => {
		const files = pagingFiles(30);
		const server = await startPagingService(files, {offsets: 'rows', total: 'none'});
		open.push(server);
		const result = await client(server.url).search({...QUERY, limit: 10});
		expect(result.records).toHaveLength(10);
		expect(result.cut).toMatchObject({by: 'limit'});
	});
});

describe('the built program against every count mode of the emulator and a service it has never seen', () => {
	beforeAll(ensureBuilt, 120_000);

	const FILE_COUNT = 2000;
	/** 2,000 files on a day the archive has nothing else, every 9th sent twice. */
	function startArchive(countMode: CountMode, pageSize: number): Promise<Emulator> {
		return startEmulator({
			token: TOKEN,
			quiet: true,
			now: new Date('2025-10-20T12:00:00Z'),
			countMode,
			pageSize,
			extraRecords: pagingFiles(FILE_COUNT).map((file, index) => ({
				name: file.archiveFileName,
				fileType: file.fileType,
				ingest: file.ingestCompletionDate.slice(0, 23),
				size: 100,
				repeat: index % 9 === 4,
			})),
		});
	}

	const day = (url: string) => ['-s', '2025-06-01', '-e', '2025-06-01', '--api-url', url, '-t', TOKEN, '-q'];

	async function countOf(url: string, extra: string[] = []): Promise<number> {
		const result = await runCli([...day(url), '--count', '--json', ...extra]);
		expect(result.code, result.stderr).toBe(0);
		return (JSON.parse(result.stdout) as {total: number}).total;
	}

	it.each([
		{countMode: 'raw', pageSize: 300},
		{countMode: 'raw', pageSize: 1_000_000},
		{countMode: 'distinct', pageSize: 300},
		{countMode: 'distinct', pageSize: 1_000_000},
	] as const)('lists every file once, counts 2,000, and -l 100 gives 100: emulator counting $countMode, page cap $pageSize', async ({countMode, pageSize}) => {
		const archive = await startArchive(countMode, pageSize);
		open.push(archive);
		const listed = await runCli([...day(archive.url), '--json']);
		expect(listed.code, listed.stderr).toBe(0);
		const rows = JSON.parse(listed.stdout) as Array<{archiveFileName: string}>;
		expect(names(rows)).toEqual(names(pagingFiles(FILE_COUNT)));
		expect(await countOf(archive.url)).toBe(FILE_COUNT);
		expect(await countOf(archive.url, ['-l', '100'])).toBe(100);
	});

	it('counts 2,000 and -l 100 gives 100 against a service that counts files and caps its pages', async () => {
		const server = await startPagingService(pagingFiles(FILE_COUNT), {offsets: 'files', total: 'files', cap: 500});
		open.push(server);
		expect(await countOf(server.url)).toBe(FILE_COUNT);
		expect(await countOf(server.url, ['-l', '100'])).toBe(100);
	});
});

describe('a cut answer says so', () => {
	beforeAll(ensureBuilt, 120_000);

	const day = (url: string) => ['-s', '2025-06-01', '-e', '2025-06-01', '--api-url', url, '-t', TOKEN];

	it('prints one stderr line, marks --count --json truncated with the service total, keeps --json an array; an unlimited query says nothing', async () => {
		const server = await startPagingService(pagingFiles(2400), {offsets: 'files', total: 'files', cap: 500});
		open.push(server);
		// Repeats in the first page, and nothing yet says whether the total counts them: "about".
		const counted = await runCli([...day(server.url), '-l', '100', '--count', '--json', '-q']);
		expect(counted.code).toBe(0);
		expect(JSON.parse(counted.stdout)).toMatchObject({total: 100, truncated: true, serviceTotal: 2400});
		expect(counted.stderr).toBe('showing 100 of about 2,400 files: the limit cut the newest; raise it with -l 3000\n');
		const listed = await runCli([...day(server.url), '-l', '100', '--json']);
		expect(JSON.parse(listed.stdout)).toHaveLength(100);
		expect(listed.stderr.trim().split('\n')).toContain('showing 100 of about 2,400 files: the limit cut the newest; raise it with -l 3000');
		const whole = await runCli([...day(server.url), '--count', '--json']);
		expect(JSON.parse(whole.stdout)).toEqual({total: 2400, byType: {'Science WFI Level 0': 2400}, truncated: false});
		expect(whole.stderr).not.toMatch(/showing|limit/);
	});

	it('says the limit was reached, and more may exist, when the service sends no total', async () => {
		const files = pagingFiles(300);
		const server = await startServer((request, response) => {
			const {offset, limit} = request.json as {offset: number; limit: number};
			sendJson(response, 200, {results: files.slice(offset, offset + limit)});
		});
		open.push(server);
		const result = await runCli([...day(server.url), '-l', '100', '--count', '-q']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('showing 100 files: the limit was reached, so newer files may be missing; raise it with -l 200\n');
	});

	it('says "about" when the service total may count repeated rows, and nothing when the limit held every file', async () => {
		const archive = await startEmulator({token: TOKEN, quiet: true, now: new Date('2025-10-20T12:00:00Z'), pageSize: 30});
		open.push(archive);
		const oct4 = ['-s', '2025-10-04', '-e', '2025-10-04', '--api-url', archive.url, '-t', TOKEN, '-q', '--count'];
		const cut = await runCli([...oct4, '-l', '35']);
		expect(cut.stderr).toBe('showing 35 of about 40 files: the limit cut the newest; raise it with -l 40\n');
		// 39 files in 40 rows: a limit of 39 holds them all, though the service counts 40.
		const exact = await runCli([...oct4, '-l', '39']);
		expect(exact.stdout).toMatch(/^Total files: +39$/m);
		expect(exact.stderr).toBe('');
	});
});
