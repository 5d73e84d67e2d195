/** `--download` and `cassi resume` without the TUI: lines, summary, manifest, exit codes. */
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {runHeadlessDownload, runResume} from '../../source/headless/download.js';
import type {Manifest} from '../../source/cassi/download/types.js';
import type {CassiRecord} from '../../source/cassi/types.js';
import {leftovers, sha256File} from '../download/helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from '../download/emulator-fixture.js';

const A = 'CGI_00050001';
const B = 'CGI_00050002';
const SIZE = 800_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: A, size: SIZE}, {name: B, size: SIZE}], (f, d) => {
	fixture = f;
	folder = d;
});

function record(name: string): CassiRecord {
	const info = fixture.emulator.findProduct(name)!;
	return {
		archiveFileName: name,
		fileType: info.fileType,
		ingestCompletionDate: info.ingestCompletionDate,
		checksum: info.checksum,
		distribution: {url: {mast: info.productUrl}, size: info.size},
	};
}

function sink() {
	let text = '';
	return {write: (chunk: string) => (text += chunk), get text() {
		return text;
	}};
}

function run(options: Partial<Parameters<typeof runHeadlessDownload>[0]> = {}) {
	const stdout = sink();
	const stderr = sink();
	const done = runHeadlessDownload({
		records: [record(A), record(B)],
		apiUrl: fixture.emulator.url,
		token: fixture.emulator.token,
		folder: folder.path,
		parallel: 2,
		stdout,
		stderr,
		isTTY: false,
		columns: 80,
		engine: {retryBaseMs: 5, retryMaxMs: 20},
		...options,
	});
	return {done, stdout, stderr};
}

describe('headless download', () => {
	it('prints one line per finished file and a summary; exit 0 with the right bytes', async () => {
		const {done, stdout, stderr} = run();
		expect(await done).toBe(0);
		const lines = stderr.text.trim().split('\n');
		expect(lines.filter(line => line.startsWith('done')).sort()).toEqual([`done     ${A}  800 kB`, `done     ${B}  800 kB`]);
		expect(lines.at(-1)).toMatch(new RegExp(`^2 complete, 0 skipped, 0 failed of 2 files; 1.6 MB in \\d+:\\d\\d \\(.+/s\\) into ${folder.path}$`));
		expect(stdout.text).toBe('');
		for (const name of [A, B]) expect(await sha256File(join(folder.path, name))).toBe(await fixture.sha256(name));
		expect(await leftovers(folder.path)).toEqual([]);
		await expect(stat(join(folder.path, '.cassi.lock'))).rejects.toThrow();
	});

	it('a --manifest that cannot be written is one clear line and exit 1, and leaves no file', async () => {
		const manifestPath = join(folder.path, 'no-such-folder', 'manifest.json');
		const {done, stderr} = run({manifestPath});
		expect(await done).toBe(1);
		expect(stderr.text).toContain(`could not write the manifest ${manifestPath}: the folder does not exist\n`);
		expect(stderr.text).not.toMatch(/ENOENT|open '/);
		await expect(stat(join(folder.path, 'no-such-folder'))).rejects.toThrow();
	});

	it('exits 1 naming the failed file and its reason; --json and --manifest carry every file', async () => {
		fixture.emulator.setFaults({download: [{status: 404, match: B}]});
		const manifestPath = join(folder.path, 'manifest.json');
		const {done, stdout, stderr} = run({json: true, manifestPath});
		expect(await done).toBe(1);
		await fixture.settle();
		expect(stderr.text).toContain(`FAILED ${B}: the service has no such file (HTTP 404: Injected fault: HTTP 404)`);
		const printed = JSON.parse(stdout.text) as Manifest;
		const written = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
		expect(written).toEqual(printed);
		expect(printed.files.map(file => [file.name, file.path, file.status, file.bytes])).toEqual([
			[A, join(folder.path, A), 'COMPLETE', SIZE],
			[B, join(folder.path, B), 'FAILED', 0],
		]);
		expect(printed.files[0]!.seconds).toBeGreaterThanOrEqual(0);
		expect(printed.totals).toMatchObject({files: 2, complete: 1, failed: 1, skipped: 0, bytes: SIZE});
		expect(await readFile(manifestPath, 'utf8')).not.toContain(fixture.emulator.token);
	});

	it('exits 0 when everything was rightly skipped', async () => {
		expect(await run().done).toBe(0);
		const again = run({json: true});
		expect(await again.done).toBe(0);
		expect((JSON.parse(again.stdout.text) as Manifest).files.map(file => file.status)).toEqual(['SKIPPED', 'SKIPPED']);
	});

	it('exits 3 when the token is rejected', async () => {
		const {done, stderr} = run({token: 'not-the-token'});
		expect(await done).toBe(3);
		expect(stderr.text).toMatch(/token rejected or expired/);
	});

	it('on a terminal redraws progress lines in place, never wider than the terminal', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 1_000_000}]});
		const {done, stderr} = run({isTTY: true, columns: 40});
		expect(await done).toBe(0);
		expect(stderr.text).toContain('\x1b[');
		const visible = stderr.text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split(/[\r\n]/);
		expect(visible.some(line => /^CGI_0005000[12] {2}\d+%/.test(line))).toBe(true);
		expect(visible.some(line => /^\d\/2 files/.test(line))).toBe(true);
		// The summary at the end may wrap; everything drawn before it fits.
		const drawn = visible.slice(0, visible.findIndex(line => /^\d+ complete, /.test(line)));
		expect(drawn.length).toBeGreaterThan(2);
		for (const line of drawn) expect(stringWidth(line)).toBeLessThanOrEqual(39);
	});

	it('-q prints only the summary', async () => {
		const {done, stderr} = run({quiet: true});
		expect(await done).toBe(0);
		expect(stderr.text.trim().split('\n')).toHaveLength(1);
	});

	it('stops on a signal leaving parts resumable, and `cassi resume` finishes the job', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 400_000}]});
		const controller = new AbortController();
		const first = run({signal: controller.signal});
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			const parts = await Promise.all([A, B].map(name => stat(join(folder.path, `${name}.part`)).then(s => s.size, () => 0)));
			if (parts.every(size => size > 50_000)) break;
			await new Promise(resolve => setTimeout(resolve, 20));
		}
		controller.abort();
		expect(await first.done).toBe(130);
		expect(first.stderr.text).toContain(`cassi resume ${folder.path}`);
		const parts = await Promise.all([A, B].map(async name => (await stat(join(folder.path, `${name}.part`))).size));

		fixture.emulator.setFaults({});
		const stdout = sink();
		const stderr = sink();
		await fixture.settle();
		const before = fixture.downloads().length;
		const code = await runResume({
			folder: folder.path,
			apiUrl: fixture.emulator.url,
			token: fixture.emulator.token,
			stdout,
			stderr,
			isTTY: false,
			columns: 80,
		});
		expect(code).toBe(0);
		await fixture.settle();
		const ranges = fixture.downloads().slice(before).map(request => request.range).sort();
		expect(ranges).toEqual(parts.map(size => `bytes=${size}-`).sort());
		for (const name of [A, B]) expect(await sha256File(join(folder.path, name))).toBe(await fixture.sha256(name));
		expect(await leftovers(folder.path)).toEqual([]);
	});
});
