/**
 * The end-of-session story in a real terminal: mark three files, d, confirm, quit at once. After
 * the terminal is restored the screen shows the summary and the exact `cassi resume` command, the
 * exit code is 130, and running that command finishes all three with no `.part` left — against a
 * throttled emulator (the command carries --api-url) and on the demo archive (a bare command).
 */
import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {startEmulator, sha256Of} from '../../source/emulator/index.js';
import {runCli} from '../cli/run-cli.js';
import {sha256File} from '../download/helpers.js';
import {e2eFile, startApp} from './app.js';
import {terminalRestoreProblems, type TerminalHandle} from './terminal.js';

const TOKEN = 'quit-resume-token-7f3a';
const SEED = 17;
const FILES = ['CGI_00070001', 'CGI_00070002', 'CGI_00070003'];
const SIZE = 900_000;

const track = e2eFile();

/** Mark every row, d, y, and quit as soon as the queue shows; returns the screen after exit. */
async function downloadThenQuit(terminal: TerminalHandle, ready: RegExp): Promise<string> {
	await terminal.waitFor(ready, {timeout: 40_000});
	await terminal.press('a');
	await terminal.waitFor(/^3 files · 3 marked/m);
	await terminal.press('d');
	await terminal.waitFor(/\(y\/n\)/);
	await terminal.press('y');
	await terminal.waitFor(/Queue: 0 of 3 done/, {timeout: 20_000});
	await terminal.press('q');
	await terminal.waitFor(/Quit anyway\?/);
	await terminal.press('y');
	expect(await terminal.waitForExit({timeout: 20_000})).toBe(130);
	expect(terminal.isAltScreen()).toBe(false);
	expect(terminalRestoreProblems(terminal.output())).toEqual([]);
	return terminal.screen();
}

async function expectNoParts(folder: string): Promise<void> {
	expect((await readdir(folder)).filter(name => name.endsWith('.part'))).toEqual([]);
}

describe('quitting the browser with downloads running', () => {
	it('prints the summary and the resume command (with --api-url); running it finishes all three', {timeout: 120_000}, async () => {
		const emulator = track(
			await startEmulator({
				seed: SEED,
				token: TOKEN,
				quiet: true,
				extraRecords: FILES.map(name => ({name, fileType: 'Science CGI Level 0', ingest: '2025-10-04T05:00:00', size: SIZE, withChecksum: true})),
			}),
		);
		emulator.setFaults({download: [{bytesPerSecond: 150_000}]});
		const terminal = startApp(['-s', '2025-10-04', '-e', '2025-10-04', '--filename', 'CGI_0007000*', '--api-url', emulator.url, '-f', 'cassi-data'], {
			cols: 200,
			rows: 30,
			env: {MAST_API_TOKEN: TOKEN},
		});
		track(terminal);
		const folder = join(terminal.dirs.work, 'cassi-data');
		const screen = await downloadThenQuit(terminal, /^3 files · 0 marked/m);
		const command = `cassi resume ${folder} --api-url ${emulator.url}`;
		expect(screen).toMatch(/^0 complete, 0 skipped, 0 failed, 3 incomplete \(resumable\) of 3 files; /m);
		expect(screen).toContain(`interrupted: run \`${command}\` to continue`);

		emulator.setFaults({});
		const resumed = await runCli(command.split(' ').slice(1), {env: {MAST_API_TOKEN: TOKEN}});
		expect(resumed.stderr).toMatch(/^3 complete, 0 skipped, 0 failed of 3 files/m);
		expect(resumed.code).toBe(0);
		for (const name of FILES) expect(await sha256File(join(folder, name))).toBe(await sha256Of({seed: SEED, name, size: SIZE}));
		await expectNoParts(folder);
	});

	it('on the demo archive a bare `cassi resume FOLDER` is the command, and it finishes all three', {timeout: 180_000}, async () => {
		const names = ['WFIGW_00008143', 'WFIGW_00008144', 'WFIGW_00008146'];
		const terminal = startApp(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--filename', names.join(',')], {cols: 200, rows: 30});
		track(terminal);
		const folder = join(terminal.dirs.work, 'cassi-data');
		const screen = await downloadThenQuit(terminal, /^3 files · 0 marked/m);
		expect(screen).toMatch(/3 incomplete \(resumable\) of 3 files/);
		expect(screen).toContain(`interrupted: run \`cassi resume ${folder}\` to continue`);

		const resumed = await runCli(['resume', folder, '-q']);
		expect(resumed.stderr).toMatch(/^3 complete, 0 skipped, 0 failed of 3 files/m);
		expect(resumed.code).toBe(0);
		expect((await readdir(folder)).filter(name => !name.startsWith('.')).sort()).toEqual(names);
		await expectNoParts(folder);
	});
});
