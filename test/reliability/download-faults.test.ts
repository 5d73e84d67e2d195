/**
 * Fault matrix, download side: the real DownloadEngine over loopback HTTP, against the
 * emulator's knobs or a purpose-built server. Every test checks the promise a user relies
 * on: the final bytes are the source's (SHA-256), nothing partial carries a final name,
 * failures are one clean line naming the file, and nothing is written outside the folder.
 */
import {mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {DownloadEngine, type EngineOptions} from '../../source/cassi/download/engine.js';
import type {DownloadItem, FileSnapshot, Manifest} from '../../source/cassi/download/types.js';
import {CassiError} from '../../source/cassi/errors.js';
import {productChunk, sha256Of, type ContentSource} from '../../source/emulator/content.js';
import {startFixture, type Fixture} from '../download/emulator-fixture.js';
import {leftovers, sha256File, startTestServer, strays, TOKEN, type TestServer} from '../download/helpers.js';
import {readOnlyFolder, sandbox, smallDisk, tree, type Sandbox} from './helpers/disk.js';
import {chunk, head, startRawServer} from './servers/raw-http.js';

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const NAME = 'CGI_00070001';
const SIZE = 600_000;

const cleanups: Array<() => Promise<unknown>> = [];
const boxes: Array<{root: string; folder: string}> = [];
afterEach(async () => {
	// Every cleanup runs even when one fails (a failing test must not leave the rest behind).
	const failures: unknown[] = [];
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => failures.push(error));
	try {
		// With the engines closed, nothing may lie outside a download folder.
		for (const {root, folder} of boxes) expect(await strays(root, folder), 'written outside the download folder').toEqual([]);
	} finally {
		for (const {root} of boxes.splice(0)) await rm(root, {recursive: true, force: true});
	}
	if (failures.length > 0) throw failures[0];
});

/** A download folder two levels deep in a sandbox of its own: an escaping name lands in the sandbox. */
async function box(): Promise<Sandbox & {folder: string}> {
	const made = await sandbox();
	const folder = join(made.root, 'outer', 'cassi-data');
	boxes.push({root: made.root, folder});
	return {...made, folder};
}

async function fixture(products = [{name: NAME, size: SIZE}]): Promise<Fixture> {
	const made = await startFixture(products);
	cleanups.push(() => made.close());
	return made;
}

async function testServer(files = [{name: NAME, size: SIZE}]): Promise<TestServer> {
	const server = await startTestServer(files);
	cleanups.push(() => server.close());
	return server;
}

function engineFor(apiUrl: string, folder: string, options: Partial<EngineOptions> = {}): DownloadEngine {
	const engine = new DownloadEngine({apiUrl, token: TOKEN, folder, retryBaseMs: 5, retryMaxMs: 50, stallMs: 5000, ...options});
	cleanups.push(() => engine.close());
	return engine;
}

/** Run a queue to idle; collect every file event. */
async function run(engine: DownloadEngine, items: DownloadItem[]): Promise<{manifest: Manifest; events: FileSnapshot[]}> {
	const events: FileSnapshot[] = [];
	engine.on('file', file => events.push(file));
	engine.add(items);
	await engine.start();
	const manifest = await engine.whenIdle();
	await engine.close();
	return {manifest, events};
}

/** The promise after a good end: the source's bytes under the final name, nothing partial left. */
async function expectIntact(folder: string, name: string, sha256: string): Promise<void> {
	expect(await sha256File(join(folder, name))).toBe(sha256);
	expect(await leftovers(folder)).toEqual([]);
}

/** The promise after a failure: a one-line message without control characters, and no final file. */
async function expectFailedCleanly(manifest: Manifest, folder: string, name: string, message: RegExp): Promise<void> {
	const entry = manifest.files.find(file => file.name === name)!;
	expect(entry.status).toBe('FAILED');
	expect(entry.message).toMatch(message);
	expect(entry.message).not.toMatch(CONTROL);
	const names = await readdir(folder).catch(() => [] as string[]);
	expect(names).not.toContain(name);
}

describe('download: broken bodies', () => {
	it('retries a chunked body cut off mid-chunk, resuming from the bytes on disk, and ends with the source bytes', async () => {
		const source: ContentSource = {seed: 3, name: NAME, size: SIZE};
		const server = await startRawServer((request, socket) => {
			const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
			if (request.index === 0) {
				socket.write(head(200, {'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked', ETag: '"v1"'}));
				socket.write(chunk(productChunk(source, 0, 250_000)));
				socket.write(`${(100_000).toString(16)}\r\n`);
				socket.write(productChunk(source, 250_000, 260_000));
				// Closed mid-chunk (FIN, so what was sent arrives): the chunked body never ends.
				socket.end();
				return;
			}
			const start = range ? Number(range[1]) : 0;
			const status = start > 0 ? 206 : 200;
			socket.end(
				Buffer.concat([
					Buffer.from(head(status, {'Content-Length': SIZE - start, ETag: '"v1"', Connection: 'close', ...(start > 0 ? {'Content-Range': `bytes ${start}-${SIZE - 1}/${SIZE}`} : {})})),
					productChunk(source, start, SIZE),
				]),
			);
		});
		cleanups.push(() => server.close());
		const {folder} = await box();
		const {manifest} = await run(engineFor(server.url, folder), [{name: NAME, productUrl: 'mast:ROMAN/eng/x', size: SIZE}]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(server.requests).toHaveLength(2);
		// Resumed from the bytes that reached the disk before the break: how many did depends on
		// the socket and the write buffer, so a restart from zero is allowed, a resume past them is not.
		const range = server.requests[1]!.headers.range;
		if (range !== undefined) {
			const resumedAt = Number(/^bytes=(\d+)-$/.exec(range)?.[1]);
			expect(resumedAt).toBeGreaterThan(0);
			expect(resumedAt).toBeLessThanOrEqual(260_000);
		}
		await expectIntact(folder, NAME, await sha256Of(source));
	});

	it('keeps exactly Content-Length bytes of a body that runs longer, even with no size in the record', async () => {
		const source: ContentSource = {seed: 4, name: NAME, size: SIZE};
		const server = await startRawServer((_request, socket) => {
			socket.end(
				Buffer.concat([
					Buffer.from(head(200, {'Content-Type': 'application/octet-stream', 'Content-Length': SIZE})),
					productChunk(source, 0, SIZE),
					Buffer.alloc(50_000, 0x41),
				]),
			);
		});
		cleanups.push(() => server.close());
		const {folder} = await box();
		const {manifest} = await run(engineFor(server.url, folder), [{name: NAME, productUrl: 'mast:ROMAN/eng/x'}]);
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE', bytes: SIZE});
		await expectIntact(folder, NAME, await sha256Of(source));
	});

	it('keeps a 1-byte-per-second trickle going (it is not a stall) and ends with the right bytes', async () => {
		const archive = await fixture([{name: 'CGI_00070003', size: 3}]);
		archive.emulator.setFaults({download: [{bytesPerSecond: 1}]});
		const {folder} = await box();
		const {manifest, events} = await run(archive.engine(folder, {stallMs: 1500}), [archive.item('CGI_00070003')]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(events.some(event => event.state === 'retrying')).toBe(false);
		expect(archive.downloads('CGI_00070003')).toHaveLength(1);
		await expectIntact(folder, 'CGI_00070003', await archive.sha256('CGI_00070003'));
	});
});

describe('download: status codes', () => {
	it.each([502, 504])('retries a %i a few times, then completes with the right bytes', async status => {
		const archive = await fixture();
		archive.emulator.setFaults({download: [{status, times: 2}]});
		const {folder} = await box();
		const {manifest} = await run(archive.engine(folder), [archive.item(NAME)]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(archive.downloads(NAME).map(request => request.status)).toEqual([status, status, 200]);
		await expectIntact(folder, NAME, await archive.sha256(NAME));
	});

	it('waits out a 503 whose Retry-After is an HTTP date, then completes', async () => {
		const archive = await fixture();
		archive.emulator.setFaults({download: [{status: 503, retryAfter: new Date(Date.now() + 2000).toUTCString(), times: 1}]});
		const {folder} = await box();
		const {manifest, events} = await run(archive.engine(folder), [archive.item(NAME)]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		const retry = events.find(event => event.state === 'retrying');
		expect(retry?.message).toMatch(/HTTP 503.*retry 1 of \d+ in (\d+ ms|[12] s)$/);
		await expectIntact(folder, NAME, await archive.sha256(NAME));
	});

	it('fails a 400 at once, naming the file, while the rest of the queue completes', async () => {
		const archive = await fixture([{name: NAME, size: SIZE}, {name: 'CGI_00070002', size: 1000}]);
		archive.emulator.setFaults({download: [{status: 400, match: NAME, body: '{"error": "bad product_url \\u001b[2J"}'}]});
		const {folder} = await box();
		const {manifest} = await run(archive.engine(folder), [archive.item(NAME), archive.item('CGI_00070002')]);
		await expectFailedCleanly(manifest, folder, NAME, /HTTP 400/);
		expect(archive.downloads(NAME)).toHaveLength(1);
		expect(manifest.files.find(file => file.name === 'CGI_00070002')!.status).toBe('COMPLETE');
		await expectIntact(folder, 'CGI_00070002', await archive.sha256('CGI_00070002'));
	});
});

describe('download: resume answers', () => {
	it('starts afresh when a 206 names the wrong total, never appending to the part', async () => {
		const server = await testServer();
		const {folder} = await box();
		await mkdir(folder, {recursive: true});
		await writeFile(join(folder, `${NAME}.part`), productChunk(server.source(NAME), 0, 100_000));
		server.override = (request, response, file) => {
			if (!request.range) return false;
			response.writeHead(206, {'content-range': `bytes 100000-${file.size + 999}/${file.size + 1000}`, 'content-length': String(file.size - 100_000 + 1000)});
			response.end(Buffer.concat([productChunk(file.source, 100_000, file.size), Buffer.alloc(1000)]));
			return true;
		};
		const {manifest} = await run(engineFor(server.url, folder), [{name: NAME, productUrl: server.productUrl(NAME), size: SIZE}]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(server.requests.map(request => request.range)).toEqual(['bytes=100000-', undefined]);
		await expectIntact(folder, NAME, await sha256Of(server.source(NAME)));
	});

	it('replaces a right-size file with the wrong content at the final name when the checksum is known', async () => {
		const archive = await fixture();
		const {folder} = await box();
		await mkdir(folder, {recursive: true});
		await writeFile(join(folder, NAME), Buffer.alloc(SIZE, 0x5a));
		const {manifest, events} = await run(archive.engine(folder), [archive.item(NAME)]);
		expect(archive.item(NAME).checksum).toMatch(/^[0-9a-f]{32}$/);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(events.some(event => /fails its checksum/.test(event.message ?? ''))).toBe(true);
		expect(archive.downloads(NAME)).toHaveLength(1);
		await expectIntact(folder, NAME, await archive.sha256(NAME));
	});
});

describe('download: where the token goes', () => {
	it('does not follow a redirect to another origin: no request (and no Authorization) reaches it', async () => {
		const elsewhere = await testServer();
		const server = await testServer();
		server.override = (_request, response) => {
			response.writeHead(302, {location: `${elsewhere.url}/download/roman/eng`});
			response.end();
			return true;
		};
		const {folder} = await box();
		const {manifest} = await run(engineFor(server.url, folder), [{name: NAME, productUrl: server.productUrl(NAME), size: SIZE}]);
		await expectFailedCleanly(manifest, folder, NAME, /redirected the download \(HTTP 302\)/);
		expect(server.requests[0]!.authorization).toBe(`token ${TOKEN}`);
		expect(elsewhere.requests).toHaveLength(0);
		expect(await leftovers(folder)).toEqual([]);
	});

	it('refuses a plain-http API on another host before connecting, and a file: URL as unsupported', async () => {
		const {folder} = await box();
		for (const [apiUrl, kind, message] of [
			['http://192.0.2.1/cassi/api/v0.1', 'security', /^refusing to send the token over http:\/\/192\.0\.2\.1/],
			['file:///etc/cassi', 'usage', /scheme "file:" is not supported/],
		] as const) {
			let error: unknown;
			try {
				engineFor(apiUrl, folder);
			} catch (error_) {
				error = error_;
			}
			expect(error).toBeInstanceOf(CassiError);
			expect((error as CassiError).kind).toBe(kind);
			expect((error as CassiError).message).toMatch(message);
		}
		// Refused before anything happened: not even the folder was made.
		await expect(stat(folder)).rejects.toThrow();
	});
});

describe('download: hostile names', () => {
	const hostile: Array<[string, string, RegExp]> = [
		['a parent-folder escape', '../escaped', /path separator/],
		['a deeper escape', '../../../../tmp/cassi-escaped', /path separator/],
		['an absolute path', '/tmp/cassi-absolute', /path separator/],
		['a backslash path', '..\\..\\windows', /path separator/],
		['a drive path', 'C:evil', /drive/],
		['a NUL', 'CGI_\u0000x', /NUL/],
		['a control character', 'CGI_\u0007bell', /control characters/],
		['an OSC 0 window title', 'CGI_\u001B]0;pwned\u0007', /control characters/],
		['an OSC 52 clipboard write', 'CGI_\u001B]52;c;ZWNobyBoaQ==\u0007', /control characters/],
		['a CSI clear screen', '\u001B[2J\u001B[HCGI_1', /control characters/],
		['a C1 CSI', 'CGI_\u009B2J', /control characters/],
		['a right-to-left override (shows as CGI_1exe.fits)', 'CGI_1\u202Estif.exe', /invisible direction/],
		['300 characters', `CGI_${'A'.repeat(296)}`, /longer than 255 bytes/],
		['dot-dot alone', '..', /"\." or "\.\."/],
		['a part-file name', 'CGI_1.part', /\.part/],
		['the journal’s name', '.cassi-journal.json', /its own files/],
	];

	it('refuses each hostile name with a clean reason, downloads the rest, and writes nothing outside the folder', async () => {
		const archive = await fixture([{name: NAME, size: 20_000}]);
		const {root, folder} = await box();
		const url = archive.item(NAME).productUrl!;
		const items: DownloadItem[] = [archive.item(NAME), ...hostile.map(([, name]) => ({name, productUrl: url, size: 20_000}))];
		const {manifest, events} = await run(archive.engine(folder), items);
		for (const [label, name, reason] of hostile) {
			const entry = manifest.files.find(file => file.name === name);
			expect(entry, label).toBeDefined();
			expect(entry!.status, label).toBe('FAILED');
			// Never written anywhere: no path, rather than one outside the folder.
			expect(entry!.path, label).toBeNull();
			expect(entry!.message, label).toMatch(reason);
			expect(entry!.message, label).not.toMatch(CONTROL);
		}
		for (const event of events) expect(event.message ?? '').not.toMatch(CONTROL);
		expect(manifest.files.find(file => file.name === NAME)).toMatchObject({status: 'COMPLETE', path: join(folder, NAME)});
		// Only the good file (and cassi's journal) exist, and only inside the folder.
		expect(await tree(root)).toEqual(['outer', 'outer/cassi-data', 'outer/cassi-data/.cassi-journal.json', `outer/cassi-data/${NAME}`]);
		expect(archive.downloads()).toHaveLength(1);
	});

	it('refuses the second of two names that differ only in letter case', async () => {
		const archive = await fixture([{name: 'CGI_CASE0001', size: 1000}]);
		const {folder} = await box();
		const url = archive.item('CGI_CASE0001').productUrl!;
		const {manifest} = await run(archive.engine(folder), [archive.item('CGI_CASE0001'), {name: 'cgi_case0001', productUrl: url, size: 1000}]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(manifest.files[1]).toMatchObject({name: 'cgi_case0001', status: 'FAILED'});
		expect(manifest.files[1]!.message).toMatch(/differs only in letter case/);
		expect(await readdir(folder)).toEqual(expect.not.arrayContaining(['cgi_case0001']));
	});
});

describe('download: the local disk', () => {
	it('refuses to start, with the numbers, when the queue cannot fit on the disk', async () => {
		const archive = await fixture([{name: NAME, size: 3_000_000}]);
		const disk = await smallDisk(1024 * 1024);
		cleanups.push(disk.cleanup);
		const folder = join(disk.path, 'cassi-data');
		const statfs = disk.kind === 'tmpfs' ? undefined : async () => ({bavail: 256, bsize: 4096});
		const engine = archive.engine(folder, {statfs});
		engine.add([archive.item(NAME)]);
		const error = await engine.start().then(
			() => undefined,
			(error_: unknown) => error_,
		);
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).kind).toBe('disk');
		expect((error as CassiError).message).toMatch(/^not enough disk space: needs 3 MB, 1(\.0\d)? MB free on .*cassi-data; free some space or choose another folder with --folder$/);
		expect(archive.downloads()).toHaveLength(0);
	});

	it('fails fast on a full disk mid-file (ENOSPC), once, keeping the part for resume', async () => {
		const archive = await fixture([{name: NAME, size: 3_000_000}]);
		const disk = await smallDisk(1024 * 1024);
		cleanups.push(disk.cleanup);
		const folder = join(disk.path, 'cassi-data');
		let createWriteStream: EngineOptions['createWriteStream'];
		if (disk.kind === 'fallback') {
			const {Writable} = await import('node:stream');
			createWriteStream = () =>
				new Writable({
					write(_chunk, _encoding, callback) {
						callback(Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'}));
					},
				});
		}
		// No size in the record, so the free-space check cannot see it coming: the write must say it.
		const {manifest} = await run(archive.engine(folder, {createWriteStream}), [archive.item(NAME, {size: undefined, checksum: undefined})]);
		await expectFailedCleanly(manifest, folder, NAME, /^cannot write .*CGI_00070001\.part: no space left on the device \(ENOSPC\)$/);
		expect(archive.downloads(NAME)).toHaveLength(1);
		if (disk.kind === 'tmpfs') expect((await stat(join(folder, `${NAME}.part`))).size).toBeGreaterThan(0);
	});

	it('fails in one line naming the folder when it is read-only, writing nothing', async () => {
		const archive = await fixture([{name: NAME, size: 10_000}]);
		const readOnly = await readOnlyFolder();
		cleanups.push(readOnly.cleanup);
		const engine = archive.engine(readOnly.path);
		engine.add([archive.item(NAME)]);
		const error = await engine.start().then(
			() => undefined,
			(error_: unknown) => error_,
		);
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).kind).toBe('disk');
		expect((error as CassiError).message).toMatch(/^cannot write .*ro.*: (the file system is read-only \(EROFS\)|permission denied \(EACCES\)|a file is in the way of the folder \(ENOTDIR\))$/);
		if (readOnly.kind === 'file') await expect(stat(readOnly.path)).rejects.toThrow();
		else expect(await readdir(readOnly.path)).toEqual([]);
		expect(archive.downloads()).toHaveLength(0);
	});
});

describe('download: sharing and tokens', () => {
	it('lets only one queue use a folder: the second says who holds it', async () => {
		const archive = await fixture();
		archive.emulator.setFaults({download: [{bytesPerSecond: 400_000, times: 1}]});
		const {folder} = await box();
		const first = archive.engine(folder);
		first.add([archive.item(NAME)]);
		await first.start();
		const second = archive.engine(folder);
		second.add([archive.item(NAME)]);
		const error = await second.start().then(
			() => undefined,
			(error_: unknown) => error_,
		);
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).message).toMatch(new RegExp(`^folder is in use by cassi \\(pid ${process.pid} on .+, since \\d\\d:\\d\\d\\): wait for it to finish, or stop it$`));
		const manifest = await first.whenIdle();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		await first.close();
		await expectIntact(folder, NAME, await archive.sha256(NAME));
	});

	it('pauses the whole queue on a 401 mid-session, keeps the parts, and goes on with a new token', async () => {
		const archive = await fixture([{name: NAME, size: SIZE}, {name: 'CGI_00070002', size: SIZE}]);
		archive.emulator.setFaults({download: [{status: 401, match: 'CGI_00070002', times: 1}]});
		const {folder} = await box();
		const engine = archive.engine(folder, {parallel: 1});
		const auth: FileSnapshot[] = [];
		engine.on('auth', file => auth.push(file));
		engine.add([archive.item(NAME), archive.item('CGI_00070002')]);
		await engine.start();
		const paused = await engine.whenIdle();
		expect(auth).toHaveLength(1);
		expect(auth[0]!.message).toMatch(/^token rejected or expired/);
		expect(paused.files.find(file => file.name === NAME)!.status).toBe('COMPLETE');
		expect(engine.snapshot().totals.paused).toBe(true);
		expect(engine.snapshot().files.find(file => file.name === 'CGI_00070002')!.state).toBe('paused');
		engine.setToken(archive.emulator.token);
		engine.resume();
		const manifest = await engine.whenIdle();
		expect(manifest.files.map(file => file.status)).toEqual(['COMPLETE', 'COMPLETE']);
		await engine.close();
		await expectIntact(folder, 'CGI_00070002', await archive.sha256('CGI_00070002'));
		const journal = await readFile(join(folder, '.cassi-journal.json'), 'utf8');
		expect(journal).not.toContain(archive.emulator.token);
	});
});
