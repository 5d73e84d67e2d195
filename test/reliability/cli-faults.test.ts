/**
 * Fault matrix, whole program: the built `cassi` against the emulator over loopback, killed,
 * signalled, doubled up on one folder, and fed hostile names. Exit codes, the lines a user
 * reads, and the bytes on disk are what is checked.
 */
import {readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startEmulator, sha256Of, type Emulator} from '../../source/emulator/index.js';
import {ensureBuilt} from '../e2e/app.js';
import {sendJson, startServer} from '../cassi/helpers/server.js';
import {runCli} from '../cli/run-cli.js';
import {leftovers, sha256File} from '../download/helpers.js';
import {startCli, until} from './helpers/cli.js';
import {sandbox, tree, type Sandbox} from './helpers/disk.js';

const TOKEN = 'cli-fault-token-5d1e0b';
const SEED = 5;
const FILES = [
	{name: 'CGI_00090001', size: 1_500_000},
	{name: 'CGI_00090002', size: 1_200_000},
];
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

let emulator: Emulator;
let box: Sandbox;
let folder: string;

function startArchive(port = 0): Promise<Emulator> {
	return startEmulator({
		port,
		seed: SEED,
		token: TOKEN,
		quiet: true,
		extraRecords: FILES.map(file => ({name: file.name, fileType: 'Science CGI Level 0', ingest: '2025-10-04T01:00:00', size: file.size, withChecksum: true})),
	});
}

beforeAll(ensureBuilt, 120_000);

beforeEach(async () => {
	emulator = await startArchive();
	box = await sandbox();
	folder = join(box.root, 'cassi-data');
});
afterEach(async () => {
	await emulator.close();
	await box.cleanup();
});

const query = ['-s', '2025-10-04', '-e', '2025-10-04', '--filename', 'CGI_0009000*'];
const connection = () => ['--api-url', emulator.url, '-t', TOKEN];
const downloadArgs = () => [...query, ...connection(), '--download', '-f', folder, '-j', '2'];

async function sizeOf(path: string): Promise<number> {
	return stat(path).then(
		info => info.size,
		() => -1,
	);
}

/** Both parts exist with some bytes in them: the download is properly under way. */
async function partsUnderWay(): Promise<boolean> {
	const sizes = await Promise.all(FILES.map(file => sizeOf(join(folder, `${file.name}.part`))));
	return sizes.every(size => size > 50_000);
}

async function expectAllIntact(): Promise<void> {
	for (const file of FILES) {
		expect(await sha256File(join(folder, file.name))).toBe(await sha256Of({seed: SEED, name: file.name, size: file.size}));
	}
	expect(await leftovers(folder)).toEqual([]);
}

async function expectNoFinalFiles(): Promise<void> {
	const names = await readdir(folder);
	for (const file of FILES) expect(names).not.toContain(file.name);
}

function downloadsAfter(count: number) {
	return emulator
		.requests()
		.slice(count)
		.filter(entry => entry.path.endsWith('/download/roman/eng'));
}

describe('interrupted downloads', {timeout: 90_000}, () => {
	it('survives SIGKILL mid-download: `cassi resume` finishes with byte-identical files, fetching only the rest', async () => {
		emulator.setFaults({download: [{bytesPerSecond: 250_000}]});
		const run = startCli(downloadArgs());
		await until(partsUnderWay, 'both parts to grow', 45_000);
		run.child.kill('SIGKILL');
		expect((await run.done).signal).toBe('SIGKILL');
		await expectNoFinalFiles();
		const kept = await Promise.all(FILES.map(file => sizeOf(join(folder, `${file.name}.part`))));

		emulator.setFaults({});
		const before = emulator.requests().length;
		const resumed = await runCli(['resume', folder, ...connection(), '-q']);
		expect(resumed.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
		expect(resumed.code).toBe(0);
		await expectAllIntact();
		// Resumed from what was on disk (the stale lock of the killed run taken over), not from zero.
		const ranges = downloadsAfter(before).map(entry => Number(/^bytes=(\d+)-$/.exec(entry.headers.range ?? '')?.[1] ?? 0));
		expect(ranges).toHaveLength(2);
		for (const [index, start] of ranges.sort((a, b) => a - b).entries()) {
			expect(start).toBeGreaterThan(0);
			expect(start).toBeLessThanOrEqual([...kept].sort((a, b) => a - b)[index]!);
		}
	});

	it.each(['SIGTERM', 'SIGHUP'] as const)('stops cleanly on %s (a dropped session): exit 130, parts kept, lock released, resumable', async signal => {
		emulator.setFaults({download: [{bytesPerSecond: 250_000}]});
		const manifestPath = join(folder, '..', 'manifest.json');
		const run = startCli([...downloadArgs(), '--manifest', manifestPath]);
		await until(partsUnderWay, 'both parts to grow', 45_000);
		run.child.kill(signal);
		const ended = await run.done;
		expect(ended.code).toBe(130);
		// The hint is the exact command: a bare `cassi resume` would not reach this API.
		expect(ended.stderr).toContain(`interrupted: run \`cassi resume ${folder} --api-url ${emulator.url}\` to continue`);
		expect(ended.stderr).toMatch(/^0 complete, 0 skipped, 0 failed, 2 incomplete \(resumable\) of 2 files/m);
		const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {files: Array<{status: string}>; totals: {incomplete: number}};
		expect(manifest.files.map(file => file.status)).toEqual(['INCOMPLETE', 'INCOMPLETE']);
		expect(manifest.totals.incomplete).toBe(2);
		expect(ended.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
		await expectNoFinalFiles();
		const names = await readdir(folder);
		expect(names).not.toContain('.cassi.lock');
		for (const file of FILES) expect(names).toContain(`${file.name}.part`);
		const journal = JSON.parse(await readFile(join(folder, '.cassi-journal.json'), 'utf8')) as {items: Array<{name: string; state: string}>};
		expect(journal.items.map(item => item.state)).toEqual(['queued', 'queued']);

		emulator.setFaults({});
		const resumed = await runCli(['resume', folder, ...connection(), '-q']);
		expect(resumed.code).toBe(0);
		await expectAllIntact();
	});

	it('lets only one process use a folder: the second exits 2 saying who holds it, the first finishes intact', async () => {
		// The first run's transfers stall mid-file, so it holds the folder however slow the second is to start.
		emulator.setFaults({download: [{stallAfterBytes: 100_000, times: 2}]});
		const first = startCli(downloadArgs());
		await until(partsUnderWay, 'the first run to start writing', 45_000);
		const second = await runCli(downloadArgs());
		// Then the service comes back on the same port: the first run's retries resume and finish.
		const port = emulator.port;
		await emulator.close();
		emulator = await startArchive(port);
		expect(second.code).toBe(2);
		expect(second.stderr.trimEnd().split('\n').filter(line => line.startsWith('cassi: '))).toEqual([
			expect.stringMatching(new RegExp(`^cassi: folder is in use by cassi \\(pid ${first.child.pid} on .+\\): wait for it to finish, or stop it$`)),
		]);
		const done = await first.done;
		expect(done.code).toBe(0);
		await expectAllIntact();
	});
});

describe('a token that expires during a headless download', {timeout: 90_000}, () => {
	it('exits 3 saying to log in and resume, keeping the rest resumable; `cassi resume` then completes', async () => {
		emulator.setFaults({download: [{status: 401, match: FILES[1]!.name, times: 1}]});
		const first = await runCli([...downloadArgs(), '-j', '1']);
		expect(first.code).toBe(3);
		expect(first.stderr).toContain('the token was rejected or has expired: run `cassi login` with a new one, then `cassi resume` to continue');
		expect(first.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
		expect(await readdir(folder)).not.toContain(FILES[1]!.name);
		const resumed = await runCli(['resume', folder, ...connection(), '-q']);
		expect(resumed.code).toBe(0);
		await expectAllIntact();
	});
});

describe('a journal planted in a shared folder', {timeout: 90_000}, () => {
	it('cannot make `cassi resume` send the token to the address it names', async () => {
		const thief = await startServer((_request, response) => sendJson(response, 200, {results: []}));
		try {
			const {mkdir, writeFile} = await import('node:fs/promises');
			await mkdir(folder, {recursive: true});
			const journal = {
				version: 1,
				apiUrl: thief.url,
				updatedAt: new Date().toISOString(),
				items: [{name: FILES[0]!.name, productUrl: `mast:ROMAN/cassi/eng/${FILES[0]!.name}`, size: FILES[0]!.size, state: 'queued', bytes: 0, attempts: 0}],
			};
			await writeFile(join(folder, '.cassi-journal.json'), JSON.stringify(journal));
			const result = await runCli(['resume', folder], {env: {MAST_API_TOKEN: TOKEN}});
			expect(thief.requests.map(request => request.headers.authorization)).toEqual([]);
			expect(result.code).toBe(2);
			expect(result.stderr).toBe(`cassi: the downloads in ${folder} came from ${thief.url}: run \`cassi resume ${folder} --api-url ${thief.url}\` to continue (cassi never sends your token to an address read from a file)\n`);
			// Saying where, on the command line, is consent: then it resumes from there.
			const resumed = await runCli(['resume', folder, '--api-url', emulator.url, '-q'], {env: {MAST_API_TOKEN: TOKEN}});
			expect(resumed.code).toBe(0);
		} finally {
			await thief.close();
		}
	});
});

describe('interrupted searches', {timeout: 90_000}, () => {
	it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s while the service is slow to answer exits 130 in one line', async signal => {
		// A service that takes the request and never answers.
		const silent = await startServer(() => {});
		try {
			const run = startCli([...query, '--api-url', silent.url, '-t', TOKEN, '--count', '-q']);
			await until(() => silent.requests.length > 0, 'the search request to arrive');
			run.child.kill(signal);
			const ended = await run.done;
			expect(ended.code).toBe(130);
			expect(ended.stderr).toBe('cassi: interrupted\n');
			expect(ended.stdout).toBe('');
		} finally {
			await silent.close();
		}
	});
});

describe('hostile names from the service', {timeout: 90_000}, () => {
	const HOSTILE = [
		{name: 'CGI_00080001', archiveFileName: '../../escaped-by-dots'},
		{name: 'CGI_00080002', archiveFileName: '/tmp/cassi-absolute-name'},
		{name: 'CGI_00080003', archiveFileName: 'CGI_\u001B]0;pwned-title\u0007'},
		{name: 'CGI_00080004', archiveFileName: 'CGI_\u001B]52;c;ZWNobyBoaQ==\u0007'},
		{name: 'CGI_00080005', archiveFileName: '\u001B[2J\u001B[HCGI_CLEAR'},
		{name: 'CGI_00080006', archiveFileName: `CGI_${'L'.repeat(296)}`},
		{name: 'CGI_00080007', archiveFileName: 'CGI_\u0000NUL'},
		{name: 'CGI_00080008', archiveFileName: 'CGI_BACK\\SLASH'},
		{name: 'CGI_00080000', archiveFileName: 'CGI_C1\u009B2J\u009D0;title\u009C'},
	];

	beforeEach(async () => {
		await emulator.close();
		emulator = await startEmulator({
			seed: SEED,
			token: TOKEN,
			quiet: true,
			extraRecords: [
				...HOSTILE.map(h => ({name: h.name, fileType: 'Science CGI Level 0', ingest: '2025-10-04T02:00:00', size: 5000, raw: {archiveFileName: h.archiveFileName}})),
				{name: 'CGI_00080009', fileType: 'Science CGI Level 0', ingest: '2025-10-04T02:00:00', size: 5000, withChecksum: true},
			],
		});
	});

	const hostileQuery = () => ['-s', '2025-10-04', '-e', '2025-10-04', '--filename', 'CGI_0008000*', ...connection()];

	it.each([
		['the list', []],
		['CSV', ['--csv', '--show-exp-times']],
		['JSON', ['--json']],
		['the count', ['--count']],
	])('prints no escape sequence or control character in %s', async (_label, extra) => {
		const result = await runCli([...hostileQuery(), ...extra]);
		expect(result.code).toBe(0);
		expect(result.stdout + result.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
		expect(result.stdout).not.toContain('pwned-title\u0007');
		if (extra[0] === '--json') {
			const names = (JSON.parse(result.stdout) as Array<{archiveFileName: string}>).map(row => row.archiveFileName);
			expect(names).toContain('CGI_');
			expect(names).toContain('CGI_CLEAR');
		}
	});

	it('prints the manifest (--json) with no control character, even for the names it refused', async () => {
		const result = await runCli([...hostileQuery(), '--download', '-f', folder, '--json', '-q']);
		expect(result.code).toBe(1);
		expect(result.stdout + result.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
		const manifest = JSON.parse(result.stdout) as {files: Array<{name: string; status: string; path: string | null}>};
		expect(manifest.files.filter(file => file.status === 'FAILED')).toHaveLength(HOSTILE.length);
		// Every path is inside the folder, or null for a refused name.
		for (const file of manifest.files) expect(file.path === null || file.path.startsWith(`${folder}/`), file.name).toBe(true);
		expect(manifest.files.filter(file => file.path === null)).toHaveLength(HOSTILE.length);
		expect(manifest.files.filter(file => file.status === 'COMPLETE').map(file => file.name)).toEqual(['CGI_00080009']);
	});

	it('downloads only the good file, refuses each hostile name in a clean line, exits 1, and writes nothing outside the folder', async () => {
		const result = await runCli([...hostileQuery(), '--download', '-f', folder]);
		expect(result.code).toBe(1);
		expect(result.stdout + result.stderr).not.toMatch(CONTROL_BUT_NEWLINE);
		expect(result.stderr).toMatch(/escaped-by-dots.*path separator/);
		expect(result.stderr).toMatch(/cassi-absolute-name.*path separator/);
		expect(result.stderr).toMatch(/CGI_LLLL.*longer than 255 bytes/);
		expect(result.stderr).toMatch(/control characters|NUL/);
		expect(await tree(box.root)).toEqual(['cassi-data', 'cassi-data/.cassi-journal.json', 'cassi-data/CGI_00080009']);
		const journal = await readFile(join(folder, '.cassi-journal.json'), 'utf8');
		expect(journal).not.toContain(TOKEN);
	});
});
