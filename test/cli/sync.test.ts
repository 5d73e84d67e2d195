import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {toServiceDate} from '../../source/cassi/dates.js';
import {acquireLock} from '../../source/cassi/download/lock.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import type {ExtraRecord} from '../../source/emulator/types.js';
import {ensureBuilt} from '../e2e/app.js';
import {runCli} from './run-cli.js';

const TOKEN = 'sync-test-token-7c21';
const LOGS = 'FSW Event Message Logs';
let root: string;
let folder: string;
const emulators: Emulator[] = [];

beforeAll(ensureBuilt, 120_000);
beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'cassi-sync-'));
	folder = join(root, 'mirror');
});
afterEach(async () => {
	for (const emulator of emulators.splice(0)) await emulator.close();
	await rm(root, {recursive: true, force: true});
});

/** Every file's size and modification time, journal and saved query aside. */
async function snapshot(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const name of (await readdir(dir)).filter(name => !name.startsWith('.cassi-')).sort()) {
		const info = await stat(join(dir, name));
		out[name] = `${info.size} ${info.mtimeMs}`;
	}
	return out;
}

describe('cassi sync FOLDER', () => {
	it('mirrors a file type from -s on; a second bare run exits 0 and changes nothing', async () => {
		const first = await runCli(['sync', folder, '--demo', '-s', '2025-10-25', '--filetype', LOGS, '--json', '-q']);
		expect(first.code).toBe(0);
		const manifest = JSON.parse(first.stdout) as {files: Array<{name: string; status: string}>; totals: {files: number; failed: number}};
		expect(manifest.totals.files).toBeGreaterThanOrEqual(7);
		expect(manifest.totals.failed).toBe(0);
		const files = await snapshot(folder);
		expect(Object.keys(files).sort()).toEqual(manifest.files.map(file => file.name).sort());
		expect(Object.keys(files).every(name => name.startsWith('RST_FSWLOG_'))).toBe(true);
		const saved = JSON.parse(await readFile(join(folder, '.cassi-sync.json'), 'utf8'));
		expect(saved).toMatchObject({query: {ingestStart: '2025-10-25T00:00:00', fileTypes: [LOGS]}, demo: true});

		const second = await runCli(['sync', folder, '--json', '-q']);
		expect(second.code).toBe(0);
		const again = JSON.parse(second.stdout) as {files: Array<{status: string}>};
		expect(again.files.every(file => file.status !== 'COMPLETE')).toBe(true);
		expect(await snapshot(folder)).toEqual(files);
	});

	it('fetches a late arrival and a file that changed on the service, and nothing else', async () => {
		const hoursAgo = (h: number) => toServiceDate(new Date(Date.now() - h * 3_600_000));
		const early: ExtraRecord = {name: 'RST_FSWLOG_LATE0001', fileType: LOGS, ingest: hoursAgo(3), size: 4000, withChecksum: true};
		const start = (extras: ExtraRecord[]) =>
			startEmulator({quiet: true, token: TOKEN, now: new Date('2025-10-12T12:00:00Z'), extraRecords: extras}).then(emulator => {
				emulators.push(emulator);
				return emulator;
			});
		const before = await start([early]);
		const first = await runCli(['sync', folder, '-s', '2025-10-10', '--filetype', LOGS, '--api-url', before.url, '-t', TOKEN, '-q']);
		expect(first.code).toBe(0);
		const files = await snapshot(folder);
		expect(files['RST_FSWLOG_LATE0001']).toMatch(/^4000 /);

		// Later: a file ingested 2 hours ago shows up (late), and the early one was replaced (new size).
		const after = await start([{...early, size: 5000}, {name: 'RST_FSWLOG_LATE0002', fileType: LOGS, ingest: hoursAgo(2), size: 3000, withChecksum: true}]);
		const second = await runCli(['sync', folder, '--api-url', after.url, '-t', TOKEN, '--json', '-q']);
		expect(second.code).toBe(0);
		const statuses = Object.fromEntries((JSON.parse(second.stdout).files as Array<{name: string; status: string}>).map(file => [file.name, file.status]));
		expect(statuses).toEqual({RST_FSWLOG_LATE0001: 'COMPLETE', RST_FSWLOG_LATE0002: 'COMPLETE'});
		const now = await snapshot(folder);
		expect(now['RST_FSWLOG_LATE0001']).toMatch(/^5000 /);
		expect(now['RST_FSWLOG_LATE0002']).toMatch(/^3000 /);
		for (const [name, entry] of Object.entries(files)) if (!name.includes('LATE')) expect(now[name], name).toBe(entry);
	});

	it('a run cut by its limit says so in files, as a headless search does, exits 1 and keeps the window for next time', async () => {
		const cut = await runCli(['sync', folder, '--demo', '-s', '2025-10-25', '--filetype', LOGS, '-l', '2', '-q']);
		expect(cut.code).toBe(1);
		expect(cut.stderr).toMatch(/^sync: the folder is not complete: showing 2 of (about )?[\d,]+ files: the limit cut the newest; raise it with -l \d+$/m);
		expect(cut.stderr).not.toMatch(/rows/);
		const saved = JSON.parse(await readFile(join(folder, '.cassi-sync.json'), 'utf8'));
		expect(saved.lastEnd).toBeUndefined();
	});

	it('downloads small files many at once, as --download does (no -j given)', async () => {
		const hoursAgo = (h: number) => toServiceDate(new Date(Date.now() - h * 3_600_000));
		const small: ExtraRecord[] = Array.from({length: 6}, (_, index) => ({name: `RST_FSWLOG_SMALL000${index + 1}`, fileType: LOGS, ingest: hoursAgo(2), size: 16_000, withChecksum: true}));
		// Each file takes about 8 s at this pace, so four downloads started within 4 s of the first
		// were all running at once: more than the 3 a fixed default would allow.
		const pace = 2_000;
		const emulator = await startEmulator({quiet: true, token: TOKEN, extraRecords: small, bytesPerSecond: pace});
		emulators.push(emulator);
		const result = await runCli(['sync', folder, '-s', '-1d', '--filename', 'RST_FSWLOG_SMALL*', '--api-url', emulator.url, '-t', TOKEN, '-q']);
		expect(result.code, result.stderr).toBe(0);
		const starts = emulator
			.requests()
			.filter(entry => entry.path.includes('/download/'))
			.map(entry => Date.parse(entry.time))
			.sort((a, b) => a - b);
		expect(starts).toHaveLength(small.length);
		expect(starts[3]! - starts[0]!).toBeLessThan((16_000 / pace) * 500);
	});

	it('a --filetype in the wrong case gets the known name on stderr, as the root command does', async () => {
		const result = await runCli(['sync', folder, '--demo', '-s', '2025-10-25', '--filetype', 'fsw event message logs', '-q']);
		expect(result.stderr).toMatch(/^cassi: file type "fsw event message logs" is not a known type: did you mean "FSW Event Message Logs"\? \(types match exactly\)$/m);
	});

	it('a first run without -s, and a later run with query options, are usage errors (exit 2)', async () => {
		const bare = await runCli(['sync', folder, '--demo']);
		expect(bare.code).toBe(2);
		expect(bare.stderr).toMatch(/has no saved sync yet: the first run needs a start/);
		const first = await runCli(['sync', folder, '--demo', '-s', '2025-10-30', '--filetype', LOGS, '-q']);
		expect(first.code).toBe(0);
		const changed = await runCli(['sync', folder, '--filetype', 'Science CGI Level 0']);
		expect(changed.code).toBe(2);
		expect(changed.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(changed.stderr).toMatch(/already mirrors the query saved in .*later runs take no --filetype/);
	});

	it('is refused, saving nothing, while another cassi holds the folder', async () => {
		await mkdir(folder, {recursive: true});
		const lock = await acquireLock(folder);
		try {
			const result = await runCli(['sync', folder, '--demo', '-s', '2025-10-30', '--filetype', LOGS, '-q']);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/^cassi: folder is in use by cassi \(pid \d+/m);
			expect(existsSync(join(folder, '.cassi-sync.json'))).toBe(false);
		} finally {
			await lock.release();
		}
	});
});
