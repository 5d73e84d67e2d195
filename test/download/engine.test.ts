/** The queue as a user meets it: parallel workers, skipping, overwriting, names, tokens, pause and cancel. */
import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {FileState} from '../../source/cassi/download/types.js';
import {leftovers, sha256File} from './helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const FILES = ['CGI_00080001', 'CGI_00080002', 'CGI_00080003', 'CGI_00080004', 'CGI_00080005'];
const SIZE = 400_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture(FILES.map(name => ({name, size: SIZE})), (f, d) => {
	fixture = f;
	folder = d;
});

async function expectIntact(names: string[]): Promise<void> {
	for (const name of names) expect(await sha256File(join(folder.path, name))).toBe(await fixture.sha256(name));
	expect(await leftovers(folder.path)).toEqual([]);
}

describe('the download queue', () => {
	it('runs at most `parallel` files at once and completes them all', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 2_000_000}]});
		const engine = fixture.engine(folder.path, {parallel: 2});
		const running = new Set<string>();
		let most = 0;
		engine.on('file', file => {
			if (file.state === 'downloading') running.add(file.name);
			else if (['done', 'failed', 'skipped'].includes(file.state)) running.delete(file.name);
			most = Math.max(most, running.size);
		});
		engine.add(FILES.map(name => fixture.item(name)));
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(most).toBe(2);
		expect(manifest.totals).toMatchObject({files: 5, complete: 5, failed: 0, bytes: 5 * SIZE});
		await expectIntact(FILES);
	});

	it('emits throttled progress with bytes, totals and rates', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 1_000_000}]});
		const engine = fixture.engine(folder.path, {parallel: 1, progressMs: 100});
		const snapshots: Array<ReturnType<typeof engine.snapshot>> = [];
		engine.on('progress', snapshot => snapshots.push(snapshot));
		engine.add([fixture.item(FILES[0]!)]);
		await engine.start();
		await engine.whenIdle();
		await engine.close();
		const during = snapshots.filter(snapshot => snapshot.files[0]!.state === 'downloading' && snapshot.files[0]!.bytes > 0);
		expect(during.length).toBeGreaterThan(0);
		expect(during.some(snapshot => snapshot.totals.rate > 0 && snapshot.files[0]!.eta !== undefined)).toBe(true);
		expect(during.every(snapshot => snapshot.totals.bytesTotal === SIZE)).toBe(true);
		expect(snapshots.at(-1)!.totals.byState.done).toBe(1);
		expect(snapshots.at(-1)!.totals.bytesDone).toBe(SIZE);
	});

	it('skips complete files whose size and checksum match, without asking the service', async () => {
		const first = fixture.engine(folder.path);
		first.add(FILES.slice(0, 2).map(name => fixture.item(name)));
		await first.start();
		await first.whenIdle();
		await first.close();
		const before = fixture.downloads().length;
		const second = fixture.engine(folder.path);
		second.add(FILES.slice(0, 2).map(name => fixture.item(name)));
		await second.start();
		const manifest = await second.whenIdle();
		expect(manifest.files.map(file => file.status)).toEqual(['SKIPPED', 'SKIPPED']);
		expect(manifest.files[0]!.message).toMatch(/MD5 match/);
		expect(fixture.downloads().length).toBe(before);
	});

	it('downloads again over a same-size file whose checksum differs', async () => {
		const name = FILES[0]!;
		await writeFile(join(folder.path, name), Buffer.alloc(SIZE, 3));
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(name)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		await expectIntact([name]);
	});

	it('downloads again over a file of the wrong size (no checksum known)', async () => {
		const name = FILES[0]!;
		await writeFile(join(folder.path, name), 'a half-written file from the old script');
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(name, {checksum: undefined})]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		await expectIntact([name]);
	});

	it('with overwrite, downloads a complete file again', async () => {
		const name = FILES[0]!;
		const first = fixture.engine(folder.path);
		first.add([fixture.item(name)]);
		await first.start();
		await first.whenIdle();
		await first.close();
		const second = fixture.engine(folder.path, {overwrite: true});
		second.add([fixture.item(name)]);
		await second.start();
		const manifest = await second.whenIdle();
		await second.close();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(fixture.downloads(name)).toHaveLength(2);
		await expectIntact([name]);
	});

	it('refuses unsafe names with a reason while the other files finish, writing nothing outside the folder', async () => {
		const good = fixture.item(FILES[0]!);
		const url = good.productUrl;
		const bad = [
			'../escape',
			'../../escape',
			'sub/dir',
			'back\\slash',
			'/etc/passwd',
			'..',
			'C:evil',
			'bell\u0007name',
			'\u001b]0;pwned\u0007title',
			'nul\u0000byte',
			'x'.repeat(300),
		];
		const engine = fixture.engine(folder.path);
		engine.add([good, ...bad.map(name => ({name, productUrl: url, size: SIZE})), {name: FILES[0]!.toLowerCase(), productUrl: url, size: SIZE}]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		const byName = new Map(manifest.files.map(file => [file.name, file]));
		expect(byName.get(FILES[0]!)!.status).toBe('COMPLETE');
		for (const name of bad) {
			expect(byName.get(name)!.status).toBe('FAILED');
			expect(byName.get(name)!.message).toMatch(/file name|separator|"\.\."/);
		}
		expect(byName.get(FILES[0]!.toLowerCase())!.message).toMatch(/differs only in letter case/);
		expect((await readdir(folder.path)).filter(name => !name.startsWith('.cassi'))).toEqual([FILES[0]]);
		expect(await readdir(dirname(folder.path))).not.toContain('escape');
		expect(fixture.downloads()).toHaveLength(1);
	});

	it('fails a record without a download URL and goes on', async () => {
		const engine = fixture.engine(folder.path);
		engine.add([{name: 'NO_URL_00000001', size: 10}, fixture.item(FILES[1]!)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files.map(file => [file.status, file.message])).toEqual([
			['FAILED', expect.stringMatching(/no download URL/)],
			['COMPLETE', ''],
		]);
	});

	it('pauses the whole queue on a rejected token and goes on after setToken and resume', async () => {
		const engine = fixture.engine(folder.path, {token: 'expired-token-123', parallel: 2});
		const auth: string[] = [];
		engine.on('auth', file => auth.push(`${file.name}: ${file.message}`));
		engine.add(FILES.slice(0, 3).map(name => fixture.item(name)));
		await engine.start();
		const paused = await engine.whenIdle();
		expect(auth).toHaveLength(1);
		expect(auth[0]).toMatch(/token rejected or expired/);
		expect(paused.files.map(file => file.status)).toEqual(['INCOMPLETE', 'INCOMPLETE', 'INCOMPLETE']);
		expect(engine.snapshot().totals.paused).toBe(true);
		expect(fixture.downloads().length).toBeLessThanOrEqual(2);
		engine.setToken(fixture.emulator.token);
		engine.resume();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.totals.complete).toBe(3);
		await expectIntact(FILES.slice(0, 3));
		const journal = await readFile(join(folder.path, '.cassi-journal.json'), 'utf8');
		expect(journal).not.toContain('expired-token-123');
		expect(journal).not.toContain(fixture.emulator.token);
	});

	it('pauses, resumes and cancels single files, keeping the part resumable', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 400_000}]});
		const [a, b] = FILES as [string, string];
		const engine = fixture.engine(folder.path, {parallel: 2});
		const states: Array<[string, FileState]> = [];
		engine.on('file', file => states.push([file.name, file.state]));
		engine.add([fixture.item(a), fixture.item(b)]);
		await engine.start();
		await until(() => engine.snapshot().files.every(file => file.bytes > 50_000));
		engine.pause(a);
		engine.cancel(b);
		await until(() => engine.snapshot().totals.byState.downloading === 0);
		const partA = (await stat(join(folder.path, `${a}.part`))).size;
		expect(partA).toBeGreaterThan(0);
		expect((await stat(join(folder.path, `${b}.part`))).size).toBeGreaterThan(0);
		expect(engine.snapshot().files.map(file => file.state)).toEqual(['paused', 'cancelled']);
		fixture.emulator.setFaults({});
		engine.resume(a);
		engine.resume(b);
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.totals.complete).toBe(2);
		const resumed = fixture.downloads(a).at(-1)!;
		expect(resumed.range).toBe(`bytes=${partA}-`);
		await expectIntact([a, b]);
	});

	it('retries failed files on request', async () => {
		fixture.emulator.setFaults({download: [{status: 400, times: 1}]});
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(FILES[0]!)]);
		await engine.start();
		expect((await engine.whenIdle()).files[0]!.status).toBe('FAILED');
		engine.retryFailed();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		await expectIntact([FILES[0]!]);
	});

	it('removes a file from the queue', async () => {
		const engine = fixture.engine(folder.path, {parallel: 1});
		engine.add(FILES.slice(0, 2).map(name => fixture.item(name)));
		engine.remove(FILES[1]!);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files.map(file => file.name)).toEqual([FILES[0]]);
	});
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}
