/** The journal that lets `cassi resume` continue, and the lock that keeps two runs apart. */
import {spawnSync} from 'node:child_process';
import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadJournal} from '../../source/cassi/download/journal.js';
import {resumeFromJournal} from '../../source/cassi/download/resume.js';
import {leftovers, sha256File} from './helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const A = 'CGI_00060001';
const B = 'CGI_00060002';
const SIZE = 1_000_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: A, size: SIZE}, {name: B, size: SIZE}], (f, d) => {
	fixture = f;
	folder = d;
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

describe('journal', () => {
	it('records the queue, its states and the manifest, never the token', async () => {
		fixture.emulator.setFaults({download: [{status: 404, match: B}]});
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(A), fixture.item(B)]);
		await engine.start();
		await engine.whenIdle();
		await engine.close();
		const text = await readFile(join(folder.path, '.cassi-journal.json'), 'utf8');
		expect(text).not.toContain(fixture.emulator.token);
		const journal = (await loadJournal(folder.path))!;
		expect(journal.items.map(item => [item.name, item.state, item.size])).toEqual([
			[A, 'done', SIZE],
			[B, 'failed', SIZE],
		]);
		expect(journal.items[0]!.productUrl).toBe(fixture.item(A).productUrl);
		expect(journal.items[0]!.etag).toBeTruthy();
		expect(journal.manifest!.files.map(file => file.status)).toEqual(['COMPLETE', 'FAILED']);
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('after an interruption, resume continues the parts and skips what was finished', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 500_000, match: B}]});
		const first = fixture.engine(folder.path, {parallel: 2});
		first.add([fixture.item(A), fixture.item(B)]);
		await first.start();
		await until(() => {
			const [a, b] = first.snapshot().files;
			return a!.state === 'done' && b!.bytes > 100_000;
		});
		await first.close();
		const part = (await stat(join(folder.path, `${B}.part`))).size;
		expect(part).toBeGreaterThan(0);
		const journal = (await loadJournal(folder.path))!;
		expect(journal.items.map(item => item.state)).toEqual(['done', 'queued']);
		expect(journal.items[1]!.message).toMatch(/interrupted/);

		fixture.emulator.setFaults({});
		await fixture.settle();
		const before = fixture.downloads().length;
		const {engine} = await resumeFromJournal(folder.path, {apiUrl: fixture.emulator.url, token: fixture.emulator.token});
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files.map(file => [file.name, file.status])).toEqual([
			[A, 'SKIPPED'],
			[B, 'COMPLETE'],
		]);
		const resumed = fixture.downloads().slice(before);
		expect(resumed).toHaveLength(1);
		expect(resumed[0]!.range).toBe(`bytes=${part}-`);
		expect(resumed[0]!.ifRange).toBe(journal.items[1]!.etag);
		for (const name of [A, B]) expect(await sha256File(join(folder.path, name))).toBe(await fixture.sha256(name));
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('resumes with the checksum the journal kept: different bytes of the same size end FAILED "checksum mismatch"', async () => {
		// A first run keeps 400,000 good bytes of A in its part, and the journal (with A's checksum).
		fixture.emulator.setFaults({download: [{cutAfterBytes: 400_000, match: A}]});
		fixture.allowPart(A);
		const first = fixture.engine(folder.path, {retries: 0});
		first.add([fixture.item(A)]);
		await first.start();
		expect((await first.whenIdle()).files[0]!.status).toBe('FAILED');
		await first.close();
		expect((await loadJournal(folder.path))!.items[0]!.checksum).toBe(fixture.item(A).checksum);

		// On resume the service sends bytes of the right size that are not A's; only the checksum can tell.
		fixture.emulator.setFaults({download: [{corruptByteAt: 600_000, match: A}]});
		await fixture.settle();
		const before = fixture.downloads(A).length;
		const {engine} = await resumeFromJournal(folder.path, {apiUrl: fixture.emulator.url, token: fixture.emulator.token, retryBaseMs: 5, retryMaxMs: 50});
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		await fixture.settle();
		expect(manifest.files[0]).toMatchObject({name: A, status: 'FAILED'});
		expect(manifest.files[0]!.message).toMatch(/checksum mismatch/);
		expect(fixture.downloads(A).slice(before).map(request => request.range)).toEqual(['bytes=400000-', undefined]);
		expect(await readdir(folder.path)).not.toContain(A);
		expect((await loadJournal(folder.path))!.items[0]).toMatchObject({name: A, state: 'failed', checksum: fixture.item(A).checksum});
	});

	it('says there is nothing to resume when the folder has no journal', async () => {
		await expect(resumeFromJournal(folder.path, {apiUrl: fixture.emulator.url, token: fixture.emulator.token})).rejects.toThrow(
			/nothing to resume: no download journal/,
		);
	});

	it('a file named as the folder is a usage error in words, not ENOTDIR', async () => {
		const file = join(folder.path, 'not-a-folder');
		await writeFile(file, 'x');
		const failure = loadJournal(file);
		await expect(failure).rejects.toMatchObject({kind: 'usage', message: `${file} is a file, not a download folder: name the folder you downloaded into`});
	});
});

describe('folder lock', () => {
	it('refuses a second engine on the same folder, naming the holder, until the first closes', async () => {
		const first = fixture.engine(folder.path);
		await first.start();
		const lock = JSON.parse(await readFile(join(folder.path, '.cassi.lock'), 'utf8')) as {pid: number; host: string};
		expect(lock).toMatchObject({pid: process.pid, host: hostname()});
		const second = fixture.engine(folder.path);
		second.add([fixture.item(A)]);
		await expect(second.start()).rejects.toThrow(
			new RegExp(`^folder is in use by cassi \\(pid ${process.pid} on ${hostname()}, since \\d\\d:\\d\\d\\)`),
		);
		await first.close();
		await expect(stat(join(folder.path, '.cassi.lock'))).rejects.toThrow();
		await second.start();
		expect((await second.whenIdle()).files[0]!.status).toBe('COMPLETE');
	});

	it('takes over a lock left by a dead process on this host', async () => {
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		await writeFile(join(folder.path, '.cassi.lock'), JSON.stringify({pid: dead, host: hostname(), startedAt: new Date().toISOString()}));
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(A)]);
		await engine.start();
		const lock = JSON.parse(await readFile(join(folder.path, '.cassi.lock'), 'utf8')) as {pid: number};
		expect(lock.pid).toBe(process.pid);
		expect((await engine.whenIdle()).files[0]!.status).toBe('COMPLETE');
	});

	it('clears the half-written journal a killed run left behind', async () => {
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		await writeFile(join(folder.path, '.cassi.lock'), JSON.stringify({pid: dead, host: hostname(), startedAt: new Date().toISOString()}));
		await writeFile(join(folder.path, `.cassi-journal.json.tmp-${dead}`), '{"version": 1, "ite');
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(A)]);
		await engine.start();
		expect((await engine.whenIdle()).files[0]!.status).toBe('COMPLETE');
		await engine.close();
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('respects a lock held on another host', async () => {
		await writeFile(join(folder.path, '.cassi.lock'), JSON.stringify({pid: 4321, host: 'elsewhere.example', startedAt: '2026-01-01T10:02:00Z'}));
		const engine = fixture.engine(folder.path);
		await expect(engine.start()).rejects.toThrow(/^folder is in use by cassi \(pid 4321 on elsewhere\.example, since \d\d:\d\d\)/);
	});
});
