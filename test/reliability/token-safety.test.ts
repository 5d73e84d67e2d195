/**
 * The token never leaks. Every headless command, the error paths and the TUI's main screens
 * run with a recognisable token; it must appear in no stdout, stderr or screen byte, and in no
 * file under the run's HOME (journal, manifest, parts, lock, exports) but the conf store —
 * which is mode 0600, and is tightened again when it was found looser. `cassi token` shows at
 * most the last four characters.
 */
import {chmod, mkdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ensureBuilt, startApp} from '../e2e/app.js';
import {terminalRestoreProblems} from '../e2e/terminal.js';
import {sendJson, startServer} from '../cassi/helpers/server.js';
import {runCli, type CliResult} from '../cli/run-cli.js';
import {startCli, until} from './helpers/cli.js';
import {sandbox, tree, type Sandbox} from './helpers/disk.js';

const SENTINEL = 'TOKEN-SENTINEL-93f1c2ab';
// What must never show up: the token, or any run of more than 4 of its last characters.
const FRAGMENTS = [SENTINEL, SENTINEL.slice(0, 12), SENTINEL.slice(-5)];
const SEED = 9;
const FILES = [
	{name: 'CGI_00060001', size: 40_000},
	{name: 'CGI_00060002', size: 30_000},
];

let emulator: Emulator;
let world: Sandbox;
let home: string;
let work: string;
let configDir: string;
let storeFile: string;
const outputs: Array<{what: string; text: string}> = [];

beforeAll(async () => {
	await ensureBuilt();
	emulator = await startEmulator({
		seed: SEED,
		token: SENTINEL,
		quiet: true,
		extraRecords: FILES.map(file => ({name: file.name, fileType: 'Science CGI Level 0', ingest: '2025-10-04T03:00:00', size: file.size, withChecksum: true})),
	});
	world = await sandbox();
	home = join(world.root, 'home');
	work = join(home, 'work');
	configDir = join(home, '.config', 'cassi');
	storeFile = join(configDir, 'config.json');
	await mkdir(work, {recursive: true});
}, 120_000);

afterAll(async () => {
	await emulator.close();
	await world.cleanup();
});

const query = ['-s', '2025-10-04', '-e', '2025-10-04', '--filename', 'CGI_0006000*'];
const api = () => ['--api-url', emulator.url];

/** Run the built cassi in this test's HOME and keep what it printed for the final scan. */
async function cassi(args: string[], options: {env?: Record<string, string>; input?: string} = {}): Promise<CliResult> {
	const result = await runCli(args, {cwd: work, input: options.input, env: {HOME: home, CASSI_CONFIG_DIR: configDir, ...options.env}});
	outputs.push({what: `cassi ${args.join(' ')}`, text: result.stdout + result.stderr});
	return result;
}

function expectNoToken(text: string, what: string): void {
	for (const fragment of FRAGMENTS) expect(text.includes(fragment), `${what} shows "${fragment}"`).toBe(false);
}

async function mode(path: string): Promise<number> {
	return (await stat(path)).mode & 0o777;
}

describe('the token never leaks', {timeout: 90_000}, () => {
	it('list, count and types, as text, JSON and CSV, with the token from --token or MAST_API_TOKEN', async () => {
		for (const extra of [['--show-exp-times'], ['--csv'], ['--count'], ['--count', '--json'], ['--list-filetypes', '--csv']]) {
			const result = await cassi([...query, ...api(), '-t', SENTINEL, ...extra]);
			expect(result.code, `${extra.join(' ')}: ${result.stderr}`).toBe(0);
		}
		const fromEnv = await cassi([...query, ...api(), '--json'], {env: {MAST_API_TOKEN: SENTINEL}});
		expect(JSON.parse(fromEnv.stdout)).toHaveLength(2);
	});

	it('download with a manifest, a failed file, then resume', async () => {
		emulator.setFaults({download: [{status: 404, match: FILES[1]!.name}]});
		const first = await cassi([...query, ...api(), '-t', SENTINEL, '--download', '-f', 'cassi-data', '--manifest', 'manifest.json', '--json', '-j', '1']);
		expect(first.code, first.stderr).toBe(1);
		emulator.setFaults({});
		const resumed = await cassi(['resume', 'cassi-data', ...api(), '--manifest', 'resume-manifest.json', '--json'], {env: {MAST_API_TOKEN: SENTINEL}});
		expect(resumed.code, resumed.stderr).toBe(0);
		expect((JSON.parse(resumed.stdout) as {totals: {complete: number}}).totals.complete).toBe(1);
	});

	it('a download interrupted by SIGKILL leaves parts and a lock without the token', async () => {
		emulator.setFaults({download: [{bytesPerSecond: 20_000}]});
		const run = startCli([...query, ...api(), '-t', SENTINEL, '--download', '-f', 'killed-data', '--overwrite'], {cwd: work, env: {HOME: home, CASSI_CONFIG_DIR: configDir}});
		await until(async () => (await stat(join(work, 'killed-data', `${FILES[0]!.name}.part`)).then(info => info.size, () => 0)) > 0, 'a part to appear');
		run.child.kill('SIGKILL');
		const ended = await run.done;
		outputs.push({what: 'killed download', text: ended.stdout + ended.stderr});
		emulator.setFaults({});
		expect(await tree(join(work, 'killed-data'))).toEqual(expect.arrayContaining(['.cassi.lock', `${FILES[0]!.name}.part`]));
	});

	it('login from a pipe saves the token in a 0600 store; `cassi token` shows at most the last four characters', async () => {
		const login = await cassi(['login', ...api()], {input: `${SENTINEL}\n`});
		expect(login.code).toBe(0);
		expect(await readFile(storeFile, 'utf8')).toContain(SENTINEL);
		expect(await mode(storeFile)).toBe(0o600);
		const shown = await cassi(['token']);
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain(`…${SENTINEL.slice(-4)}`);
		expect(shown.stdout).toContain(storeFile);
		// The saved token is used with no flag at all.
		expect((await cassi([...query, ...api(), '--count', '--json'])).code).toBe(0);
	});

	it('re-tightens a store that was left readable by others', async () => {
		await chmod(storeFile, 0o644);
		expect((await cassi(['token'])).code).toBe(0);
		expect(await mode(storeFile)).toBe(0o600);
	});

	it('errors: a rejected token, a server echoing it in 4xx/5xx bodies and a redirect, unsafe URLs', async () => {
		emulator.setFaults({search: [{status: 401, body: JSON.stringify({error: `token ${SENTINEL} expired`}), times: 1}]});
		const rejected = await cassi([...query, ...api(), '-t', SENTINEL]);
		expect(rejected.code).toBe(3);
		expect(rejected.stderr).toMatch(/token rejected or expired/);

		const echo = await startServer((request, response, index) => {
			const said = request.headers.authorization ?? '';
			if (index === 0) sendJson(response, 400, {error: `bad request from ${said}`});
			else if (index === 1) sendJson(response, 502, {message: `upstream refused ${said}`});
			else {
				response.writeHead(302, {location: `http://127.0.0.2:9/steal?t=${SENTINEL}`});
				response.end();
			}
		});
		try {
			const refused = await cassi([...query, '--api-url', echo.url, '-t', SENTINEL]);
			expect(refused.code).toBe(1);
			expect(refused.stderr).toMatch(/HTTP 400: bad request from token …/);
			for (let index = 0; index < 2; index++) expect((await cassi([...query, '--api-url', echo.url, '-t', SENTINEL, '--count'])).code).toBe(1);
		} finally {
			await echo.close();
		}

		for (const url of ['http://192.0.2.1/cassi/api/v0.1', `file:///tmp/${SENTINEL}`, `https://user:${SENTINEL}@example.com/api`]) {
			const result = await cassi([...query, '--api-url', url, '-t', SENTINEL]);
			expect(result.code, url).not.toBe(0);
		}
		const blank = await cassi([...query, ...api(), '-t', `${SENTINEL} with spaces`]);
		expect(blank.code).toBe(3);
	});

	it('the emulator command logs requests without the token', async () => {
		const run = startCli(['emulator', '--port', '0', '--token', SENTINEL], {cwd: work, env: {HOME: home, CASSI_CONFIG_DIR: configDir}});
		await until(() => /^READY \S+/m.test(run.stdout()), 'READY');
		const url = /^READY (\S+)/m.exec(run.stdout())![1]!;
		const result = await cassi([...query, '--api-url', url, '-t', SENTINEL, '--count']);
		expect(result.code).toBe(0);
		await until(() => run.stderr().includes('/roman/search/Eng'), 'the request log line');
		run.child.kill('SIGTERM');
		const ended = await run.done;
		outputs.push({what: 'cassi emulator', text: ended.stdout + ended.stderr});
	});

	it('the TUI’s main screens, with downloads, never draw it', {timeout: 90_000}, async () => {
		const term = startApp([...query, ...api(), '-f', 'tui-data'], {cols: 110, rows: 32, env: {MAST_API_TOKEN: SENTINEL}});
		try {
			await term.waitFor(/^2 files · 0 marked/m, {timeout: 20_000});
			// Each screen: open it, see it, leave it, see the list again.
			const visit = async (key: string, shown: RegExp) => {
				await term.press(key);
				await term.waitFor(shown);
				await term.press('Escape');
				await term.waitForGone(shown);
			};
			await visit('Enter', /checksum/i);
			await visit('?', /keys for this screen|mark or unmark/);
			await visit('e', /Enter runs the query/);
			await term.press('a');
			await term.waitFor(/2 marked/);
			await term.press('d');
			await term.waitFor(/\(y\/n\)/);
			await term.press('y');
			await term.waitFor(/Queue: 2 of 2 done/, {timeout: 20_000});
			await term.press('w');
			await term.waitForGone(/Queue: 2 of 2 done/);
			await visit('o', /write the file|Export to/i);
			await term.press('q');
			await term.waitForExit();
			expect(terminalRestoreProblems(term.output())).toEqual([]);
			outputs.push({what: 'the TUI (every byte it wrote)', text: term.output()});
			for (const path of await tree(term.dirs.root)) {
				if (path.endsWith('/')) continue;
				const full = join(term.dirs.root, path);
				if ((await stat(full)).isFile()) expectNoToken(await readFile(full, 'latin1'), `TUI file ${path}`);
			}
		} finally {
			await term.close();
		}
	});

	it('logout removes it', async () => {
		expect((await cassi(['logout'])).code).toBe(0);
		expect(await readFile(storeFile, 'utf8')).not.toContain(SENTINEL);
		const none = await cassi(['token']);
		expect(none.code).toBe(3);
	});

	it('appears in no output and in no file under HOME but the store', async () => {
		expect(outputs.length).toBeGreaterThan(20);
		for (const {what, text} of outputs) expectNoToken(text, what);
		const files = await tree(home);
		expect(files).toEqual(expect.arrayContaining(['work/cassi-data/.cassi-journal.json', 'work/manifest.json', `work/cassi-data/${FILES[0]!.name}`, 'work/killed-data/.cassi.lock']));
		for (const path of files) {
			const full = join(home, path);
			if (!(await stat(full)).isFile() || full === storeFile) continue;
			expectNoToken(await readFile(full, 'latin1'), path);
		}
	});
});
