/**
 * Every fault knob of the emulator against the real engine over loopback: the
 * final bytes must be the source's (SHA-256) and nothing partial may be left.
 */
import {readdir, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {productChunk} from '../../source/emulator/index.js';
import {leftovers, sha256File} from './helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const NAME = 'CGI_00090001';
const SIZE = 3_000_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: NAME, size: SIZE}], (f, d) => {
	fixture = f;
	folder = d;
});

async function download(options: Parameters<Fixture['engine']>[1] = {}, item = fixture.item(NAME)) {
	const engine = fixture.engine(folder.path, options);
	engine.add([item]);
	await engine.start();
	const manifest = await engine.whenIdle();
	await engine.close();
	return manifest;
}

async function expectIntact(): Promise<void> {
	expect(await sha256File(join(folder.path, NAME))).toBe(await fixture.sha256(NAME));
	expect(await leftovers(folder.path)).toEqual([]);
}

async function expectNothingOfIt(): Promise<void> {
	const names = await readdir(folder.path);
	expect(names.filter(name => name.startsWith(NAME))).toEqual([]);
}

describe('download faults', () => {
	// The emulator hands exactly CUT bytes to the socket, waits until they are flushed, then breaks
	// the connection: TCP delivers all of them before the close, so all of them must be kept, and
	// the resume must start exactly there, whatever the timing of the socket or the disk.
	const CUT = 1_000_000;

	it('resumes after a cut with a 206 and does not fetch the prefix again', async () => {
		fixture.emulator.setFaults({download: [{cutAfterBytes: CUT, times: 1}]});
		const manifest = await download();
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE', bytes: SIZE});
		expect(manifest.totals.bytes).toBe(SIZE);
		expect(fixture.downloads(NAME)).toEqual([
			{range: undefined, ifRange: undefined, status: 200, bytesSent: CUT},
			{range: `bytes=${CUT}-`, ifRange: expect.any(String), status: 206, bytesSent: SIZE - CUT},
		]);
		await expectIntact();
	});

	it('starts afresh when the server answers a resume with a full 200', async () => {
		fixture.emulator.setFaults({download: [{cutAfterBytes: CUT, times: 1}, {ignoreRange: true}]});
		const manifest = await download();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(fixture.downloads(NAME).map(request => [request.range, request.status, request.bytesSent])).toEqual([
			[undefined, 200, CUT],
			[`bytes=${CUT}-`, 200, SIZE],
		]);
		await expectIntact();
	});

	it('aborts a stalled transfer and resumes it exactly where the received bytes end', async () => {
		fixture.emulator.setFaults({download: [{stallAfterBytes: 500_000, times: 1}]});
		const manifest = await download({stallMs: 1000});
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(fixture.downloads(NAME).map(request => request.range)).toEqual([undefined, 'bytes=500000-']);
		await expectIntact();
	});

	it.each([429, 503])('waits out a %i with Retry-After, then succeeds', async status => {
		fixture.emulator.setFaults({download: [{status, retryAfter: '1', times: 2}]});
		const engine = fixture.engine(folder.path);
		const reasons: string[] = [];
		engine.on('file', file => {
			if (file.state === 'retrying') reasons.push(file.message ?? '');
		});
		engine.add([fixture.item(NAME)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(reasons.some(reason => reason.includes(String(status)) && reason.includes('in 1 s'))).toBe(true);
		expect(fixture.downloads(NAME).map(request => request.status)).toEqual([status, status, 200]);
		await expectIntact();
	});

	it('retries a 500 several times, then succeeds', async () => {
		fixture.emulator.setFaults({download: [{status: 500, times: 3}]});
		const manifest = await download();
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE'});
		expect(fixture.downloads(NAME).map(request => request.status)).toEqual([500, 500, 500, 200]);
		await expectIntact();
	});

	it('fails clearly when Retry-After asks for longer than the budget', async () => {
		fixture.emulator.setFaults({download: [{status: 503, retryAfter: '86400'}]});
		const manifest = await download({maxWaitMs: 60_000});
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toMatch(/wait 86400 s.*Retry-After/);
		expect(fixture.downloads(NAME)).toHaveLength(1);
		await expectNothingOfIt();
	});

	it('gives up after the retry budget, keeping the part for resume', async () => {
		fixture.emulator.setFaults({download: [{cutAfterBytes: 200_000}]});
		fixture.allowPart(NAME);
		const manifest = await download({retries: 2});
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toMatch(/gave up after 3 attempts/);
		// Each attempt keeps the 200,000 bytes it got and the next one asks for the rest of them.
		expect(fixture.downloads(NAME).map(request => request.range)).toEqual([undefined, 'bytes=200000-', 'bytes=400000-']);
		expect((await stat(join(folder.path, `${NAME}.part`))).size).toBe(600_000);
		expect(await readdir(folder.path)).not.toContain(NAME);
	});

	it('downloads again once after a corrupt byte and ends with the right bytes', async () => {
		fixture.emulator.setFaults({download: [{corruptByteAt: 1_234_567, times: 1}]});
		const manifest = await download();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(fixture.downloads(NAME).map(request => request.range)).toEqual([undefined, undefined]);
		await expectIntact();
	});

	it('fails as corrupted when every copy is wrong, leaving no part and no final file', async () => {
		fixture.emulator.setFaults({download: [{corruptByteAt: 10}]});
		const manifest = await download();
		const item = fixture.item(NAME);
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toMatch(new RegExp(`^corrupted: checksum mismatch \\(expected ${item.checksum}, got [0-9a-f]{32}\\)$`));
		expect(fixture.downloads(NAME)).toHaveLength(2);
		await expectNothingOfIt();
	});

	it('fails a 404 at once, naming the file, while the rest goes on', async () => {
		fixture.emulator.setFaults({download: [{status: 404, match: NAME}]});
		const manifest = await download();
		expect(manifest.files[0]).toMatchObject({name: NAME, status: 'FAILED'});
		expect(manifest.files[0]!.message).toMatch(/HTTP 404/);
		expect(fixture.downloads(NAME)).toHaveLength(1);
		await expectNothingOfIt();
	});

	it('never saves a 200 web page as the file, even with no size or checksum to check', async () => {
		fixture.emulator.setFaults({download: [{status: 200, body: '<html><head><title>MAST maintenance</title></head></html>'}]});
		const manifest = await download({}, fixture.item(NAME, {size: undefined, checksum: undefined}));
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toMatch(/web page instead of the file \("MAST maintenance"\)/);
		await expectNothingOfIt();
	});

	it('checks the length against the record and never renames a short file', async () => {
		const manifest = await download({retries: 0}, fixture.item(NAME, {size: SIZE + 10, checksum: undefined}));
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toMatch(/size mismatch/);
		await expectNothingOfIt();
	});

	it('resumes a part left by an earlier run, hashing its prefix so the checksum covers the whole file', async () => {
		await writeFile(join(folder.path, `${NAME}.part`), productChunk(fixture.source(NAME), 0, 2_000_000));
		const manifest = await download();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(manifest.files[0]!.bytes).toBe(SIZE);
		expect(manifest.totals.bytes).toBe(SIZE - 2_000_000);
		expect(fixture.downloads(NAME).map(request => request.range)).toEqual(['bytes=2000000-']);
		await expectIntact();
	});

	it('does not trust a wrong prefix: the checksum catches it and the file is fetched whole', async () => {
		await writeFile(join(folder.path, `${NAME}.part`), Buffer.alloc(2_000_000, 1));
		const manifest = await download();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(fixture.downloads(NAME).map(request => request.range)).toEqual(['bytes=2000000-', undefined]);
		await expectIntact();
	});
});
