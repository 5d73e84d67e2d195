/**
 * Fault matrix, interactive: the built cassi in a real terminal (node-pty + headless xterm)
 * against the emulator, with downloads running. A dropped SSH session must hand the terminal
 * back and leave everything resumable; an expired token must cost nothing but typing a new
 * one; hostile names must never reach the terminal as escape sequences.
 */
import {readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {startEmulator, sha256Of, type Emulator, type ExtraRecord} from '../../source/emulator/index.js';
import {e2eFile, startApp} from '../e2e/app.js';
import {terminalRestoreProblems, type TerminalHandle} from '../e2e/terminal.js';
import {runCli} from '../cli/run-cli.js';
import {leftovers, sha256File} from '../download/helpers.js';
import {startCli, until} from './helpers/cli.js';
import {sandbox} from './helpers/disk.js';

const TOKEN = 'tui-fault-token-c4e2a1';
const SEED = 13;
const FILES = [
	{name: 'CGI_00050001', size: 1_400_000},
	{name: 'CGI_00050002', size: 1_100_000},
];

const track = e2eFile();

async function archive(extra: ExtraRecord[] = []): Promise<Emulator> {
	return track(
		await startEmulator({
			seed: SEED,
			token: TOKEN,
			quiet: true,
			extraRecords: [
				...FILES.map(file => ({name: file.name, fileType: 'Science CGI Level 0', ingest: '2025-10-04T04:00:00', size: file.size, withChecksum: true})),
				...extra,
			],
		}),
	);
}

const query = (pattern = 'CGI_0005000*') => ['-s', '2025-10-04', '-e', '2025-10-04', '--filename', pattern];

async function sizeOf(path: string): Promise<number> {
	return stat(path).then(
		info => info.size,
		() => -1,
	);
}

/** Opens the browser on the two files, marks both and starts their download. */
async function downloadBoth(server: Emulator, extraArgs: string[] = []): Promise<{terminal: TerminalHandle; folder: string}> {
	const terminal = startApp([...query(), '--api-url', server.url, '-f', 'cassi-data', ...extraArgs], {cols: 110, rows: 30, env: {MAST_API_TOKEN: TOKEN}});
	track(terminal);
	const folder = join(terminal.dirs.work, 'cassi-data');
	await terminal.waitFor(/^2 files · 0 marked/m, {timeout: 40_000});
	await terminal.press('a');
	await terminal.waitFor(/^2 files · 2 marked/m);
	await terminal.press('d');
	await terminal.waitFor(/\(y\/n\)/);
	await terminal.press('y');
	return {terminal, folder};
}

async function expectIntact(folder: string): Promise<void> {
	for (const file of FILES) {
		expect(await sha256File(join(folder, file.name))).toBe(await sha256Of({seed: SEED, name: file.name, size: file.size}));
	}
	expect(await leftovers(folder)).toEqual([]);
}

describe('a dropped session with downloads running', () => {
	it.each(['SIGHUP', 'SIGTERM'] as const)('%s restores the terminal, releases the folder and leaves parts that `cassi resume` completes', {timeout: 90_000}, async signal => {
		const server = await archive();
		server.setFaults({download: [{bytesPerSecond: 200_000}]});
		const {terminal, folder} = await downloadBoth(server);
		await until(async () => (await Promise.all(FILES.map(file => sizeOf(join(folder, `${file.name}.part`))))).every(size => size > 50_000), 'both parts to grow', 45_000);
		terminal.kill(signal);
		// Files were left unfinished: exit 130, as a headless run, and the story after the restored screen.
		expect(await terminal.waitForExit({timeout: 15_000})).toBe(130);
		expect(terminal.isAltScreen()).toBe(false);
		expect(terminalRestoreProblems(terminal.output())).toEqual([]);
		const after = terminal.output().split('\x1b[?1049l').at(-1)!;
		expect(after).toMatch(/0 complete, 0 skipped, 0 failed, 2 incomplete \(resumable\) of 2 files/);
		expect(after).toContain(`interrupted: run \`cassi resume ${folder} --api-url ${server.url}\` to continue`);
		const names = await readdir(folder);
		expect(names).not.toContain('.cassi.lock');
		for (const file of FILES) {
			expect(names).not.toContain(file.name);
			expect(names).toContain(`${file.name}.part`);
		}
		const journal = JSON.parse(await readFile(join(folder, '.cassi-journal.json'), 'utf8')) as {items: Array<{state: string}>};
		expect(journal.items.map(item => item.state).every(state => state !== 'done' && state !== 'downloading')).toBe(true);

		server.setFaults({});
		const resumed = await runCli(['resume', folder, '--api-url', server.url, '-q'], {env: {MAST_API_TOKEN: TOKEN}});
		expect(resumed.code).toBe(0);
		await expectIntact(folder);
	});
});

describe('coming back after a crash', () => {
	it('offers the unfinished queue of a killed run, and p completes it byte-identical', {timeout: 90_000}, async () => {
		const server = await archive();
		server.setFaults({download: [{bytesPerSecond: 200_000}]});
		const box = await sandbox();
		try {
			const folder = join(box.root, 'cassi-data');
			const killed = startCli([...query(), '--api-url', server.url, '-t', TOKEN, '--download', '-f', folder]);
			await until(async () => (await Promise.all(FILES.map(file => sizeOf(join(folder, `${file.name}.part`))))).every(size => size > 50_000), 'both parts to grow', 45_000);
			killed.child.kill('SIGKILL');
			await killed.done;
			server.setFaults({});
			const terminal = startApp([...query(), '--api-url', server.url, '-f', folder], {cols: 110, rows: 30, env: {MAST_API_TOKEN: TOKEN}});
			track(terminal);
			await terminal.waitFor(/2 unfinished downloads from an earlier run/, {timeout: 40_000});
			await terminal.press('w');
			await terminal.waitFor(/Queue: 0 of 2 done/);
			await terminal.press('p');
			await terminal.waitFor(/Queue: 2 of 2 done/, {timeout: 40_000});
			await expectIntact(folder);
			const ranges = server.requests().filter(entry => entry.path.endsWith('/download/roman/eng')).map(entry => entry.headers.range);
			expect(ranges.filter(range => range !== undefined && /^bytes=[1-9]\d*-$/.test(range))).toHaveLength(2);
			await terminal.press('q');
			expect(await terminal.waitForExit()).toBe(0);
		} finally {
			await box.cleanup();
		}
	});
});

describe('a token that expires mid-session', () => {
	it('asks for a new token and goes on, keeping results, marks and the queue', {timeout: 90_000}, async () => {
		const server = await archive();
		// Each file's first request breaks off; its retry meets a 401, as an expired token would.
		server.setFaults({download: [{cutAfterBytes: 100_000, times: 2}, {status: 401, times: 1}]});
		const {terminal, folder} = await downloadBoth(server, ['-j', '1']);
		await terminal.waitFor(/Paste your token/, {timeout: 40_000});
		expect(terminal.screen()).toMatch(/rejected|expired/i);
		await terminal.type(TOKEN, 5);
		// Every character is in (masked) before Enter, so Enter is a key, not the tail of a paste.
		await terminal.waitFor(new RegExp(`: •{${TOKEN.length}}(?!•)`));
		await terminal.settle();
		await terminal.press('Enter');
		await terminal.waitFor(/Queue: 2 of 2 done/, {timeout: 40_000});
		await terminal.press('w');
		await terminal.waitFor(/^2 files · 2 marked/m);
		expect(terminal.screen()).toContain('CGI_00050001');
		await expectIntact(folder);
		expect(terminal.output()).not.toContain(TOKEN);
		await terminal.press('q');
		expect(await terminal.waitForExit()).toBe(0);
		expect(terminalRestoreProblems(terminal.output())).toEqual([]);
	});
});

describe('a token that expires between searches', () => {
	it('asks for a new token when a refresh meets a 401, then shows the results again with marks and queue kept', {timeout: 90_000}, async () => {
		const server = await archive();
		const {terminal, folder} = await downloadBoth(server);
		await terminal.waitFor(/Queue: 2 of 2 done/, {timeout: 40_000});
		await terminal.press('w');
		await terminal.waitFor(/^2 files · 2 marked/m);
		server.setFaults({search: [{status: 401, times: 1}]});
		await terminal.press('r');
		await terminal.waitFor(/Paste your token/, {timeout: 40_000});
		await terminal.type(TOKEN, 5);
		await terminal.waitFor(new RegExp(`: •{${TOKEN.length}}(?!•)`));
		await terminal.settle();
		await terminal.press('Enter');
		await terminal.waitFor(/^2 files · 2 marked/m, {timeout: 40_000});
		expect(terminal.screen()).toContain('↓ 2/2');
		await expectIntact(folder);
		await terminal.press('q');
		expect(await terminal.waitForExit()).toBe(0);
	});
});

describe('hostile names on the screen', () => {
	it('never lets a name set the window title, write the clipboard or clear the screen', {timeout: 90_000}, async () => {
		const hostile: ExtraRecord[] = [
			{name: 'CGI_00040001', fileType: 'Science CGI Level 0', ingest: '2025-10-04T05:00:00', size: 1000, raw: {archiveFileName: 'CGI_\u001B]0;pwned-title\u0007A'}},
			{name: 'CGI_00040002', fileType: 'Science CGI Level 0', ingest: '2025-10-04T05:00:01', size: 1000, raw: {archiveFileName: 'CGI_\u001B]52;c;cHduZWQtY2xpcA==\u0007B'}},
			{name: 'CGI_00040003', fileType: 'Science CGI Level 0', ingest: '2025-10-04T05:00:02', size: 1000, raw: {archiveFileName: '\u001B[2J\u001B[HCGI_C', fileType: 'Type \u001B[31mred\u001B[0m'}},
			{name: 'CGI_00040004', fileType: 'Science CGI Level 0', ingest: '2025-10-04T05:00:03', size: 1000, raw: {archiveFileName: `../../${'D'.repeat(290)}`}},
		];
		const server = await archive(hostile);
		const terminal = startApp([...query('CGI_0004000*'), '--api-url', server.url, '-f', 'cassi-data'], {cols: 110, rows: 30, env: {MAST_API_TOKEN: TOKEN}});
		track(terminal);
		const titles: string[] = [];
		terminal.xterm.onTitleChange(title => titles.push(title));
		await terminal.waitFor(/^4 files · 0 marked/m, {timeout: 40_000});
		await terminal.press('Enter');
		await terminal.waitFor(/checksum/i);
		await terminal.press('Escape');
		await terminal.waitForGone(/checksum/i);
		await terminal.press('a');
		await terminal.press('d');
		await terminal.waitFor(/\(y\/n\)/);
		await terminal.press('y');
		await terminal.waitFor(/failed/i, {timeout: 40_000});
		const output = terminal.output();
		expect(output).not.toContain('pwned-title');
		expect(output).not.toContain(']52;');
		expect(output).not.toContain('cHduZWQtY2xpcA');
		expect(output).not.toContain('\u001B[31mred');
		expect(titles.join(' ')).not.toContain('pwned');
		// The names still show, cleaned, so the user can tell the files apart.
		expect(terminal.screen()).toMatch(/CGI_A|CGI_B|CGI_C/);
		expect(await readdir(join(terminal.dirs.work, 'cassi-data')).catch(() => [])).not.toEqual(expect.arrayContaining(['CGI_A', 'CGI_B', 'CGI_C']));
		await terminal.press('q');
		await terminal.waitForExit();
		expect(terminalRestoreProblems(terminal.output())).toEqual([]);
	});
});
