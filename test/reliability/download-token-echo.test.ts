/**
 * A service that echoes the request's Authorization header into its download error bodies
 * (400, 403, 500, a body cut off inside the token, a body whose first 512 characters end inside
 * it) must not get the token into anything cassi shows or keeps: stdout, stderr, the manifest,
 * the journal, `cassi resume`'s output, or the browser's queue view. The search path has the
 * same test (token-safety.test.ts); this is the download path's.
 */
import {readFile} from 'node:fs/promises';
import type {ServerResponse} from 'node:http';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {startServer, type TestServer} from '../cassi/helpers/server.js';
import {runCli, type CliResult} from '../cli/run-cli.js';
import {ensureBuilt, startApp} from '../e2e/app.js';
import {sandbox, tree, type Sandbox} from './helpers/disk.js';

const SENTINEL = 'q9XkWJ-sentinel-5be07c19';
// The token, or any run of more than 4 of its characters from either end.
const FRAGMENTS = [SENTINEL, SENTINEL.slice(0, 5), SENTINEL.slice(-5)];

// One product per way of echoing; the name says which.
const ECHO = {
	E400: 'CGI_00070400',
	E403: 'CGI_00070403',
	E500: 'CGI_00070500',
	CUT: 'CGI_00070502',
	LONG: 'CGI_00070512',
} as const;

let emulator: Emulator;
let echo: TestServer;
let world: Sandbox;
const outputs: Array<{what: string; text: string}> = [];

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(value);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers});
	response.end(text);
}

/** Echo what the client sent as Authorization (`token …`) back in the body, one way per product. */
function answerDownload(name: string, said: string, response: ServerResponse): void {
	// Retried statuses say Retry-After: 0, so the retry budget runs out at once.
	const now = {'retry-after': '0'};
	if (name === ECHO.E400) return json(response, 400, {error: `bad product_url in a request from ${said}`});
	if (name === ECHO.E403) return json(response, 403, {error: `${said} may not download ${name}`});
	if (name === ECHO.E500) return json(response, 500, {message: `internal error serving ${said}`}, now);
	if (name === ECHO.CUT) {
		// Plain text that promises more than it sends and breaks off inside the token.
		const text = `upstream refused ${said.slice(0, said.length - 8)}`;
		response.writeHead(502, {'content-type': 'text/plain', 'content-length': String(text.length + 100), ...now});
		response.write(text, () => response.socket?.destroy());
		return;
	}
	// A long reason: cassi keeps its first 100 characters, and they end inside the token.
	const lead = 'not allowed for '.padStart(100 - 'token q9XkWJ-s'.length, '-');
	response.writeHead(503, {'content-type': 'text/plain', ...now});
	response.end(`${lead}${said} today`);
}

beforeAll(async () => {
	await ensureBuilt();
	emulator = await startEmulator({
		seed: 5,
		token: SENTINEL,
		quiet: true,
		extraRecords: Object.values(ECHO).map(name => ({name, fileType: 'Science CGI Level 0', ingest: '2025-10-04T04:00:00', size: 20_000, withChecksum: true})),
	});
	// Searches go to the emulator; downloads get the echoing answers.
	echo = await startServer(async (request, response) => {
		const authorization = request.headers.authorization ?? '';
		if (request.url.endsWith('/download/roman/eng')) {
			const name = String(request.json?.product_url ?? '').split('/').pop() ?? '';
			answerDownload(name, authorization, response);
			return;
		}
		const path = request.url.replace(/^\/cassi\/api\/v0\.1/, '');
		const answer = await fetch(`${emulator.url}${path}`, {
			method: request.method,
			headers: {authorization, 'content-type': 'application/json'},
			body: request.method === 'POST' ? request.body : undefined,
		});
		const body = Buffer.from(await answer.arrayBuffer());
		response.writeHead(answer.status, {'content-type': answer.headers.get('content-type') ?? 'application/json', 'content-length': String(body.length)});
		response.end(body);
	});
	world = await sandbox();
}, 120_000);

afterAll(async () => {
	await echo?.close();
	await emulator?.close();
	await world?.cleanup();
});

const query = (names: string) => ['-s', '2025-10-04', '-e', '2025-10-04', '--filename', names, '--api-url', echo.url];

async function cassi(args: string[]): Promise<CliResult> {
	const result = await runCli(args, {cwd: world.root, env: {MAST_API_TOKEN: SENTINEL}});
	outputs.push({what: `cassi ${args.join(' ')}`, text: `${result.stdout}\n${result.stderr}`});
	return result;
}

function expectNoToken(text: string, what: string): void {
	for (const fragment of FRAGMENTS) expect(text.includes(fragment), `${what} shows "${fragment}":\n${text}`).toBe(false);
}

describe('a service that echoes the token into download errors', {timeout: 90_000}, () => {
	it('never gets it into stdout, stderr, the manifest or the journal, nor into `cassi resume`', async () => {
		const failing = [ECHO.E400, ECHO.E500, ECHO.CUT, ECHO.LONG];
		const first = await cassi([...query(failing.join(',')), '--download', '-f', 'data', '--manifest', 'manifest.json', '--json', '-j', '1']);
		expect(first.code, first.stderr).toBe(1);
		const manifest = JSON.parse(first.stdout) as {files: Array<{name: string; status: string; message: string}>};
		expect(manifest.files.map(file => [file.name, file.status])).toEqual(failing.map(name => [name, 'FAILED']));
		// The reasons still say what happened, with the token replaced.
		const reason = (name: string) => manifest.files.find(file => file.name === name)!.message;
		expect(reason(ECHO.E400)).toMatch(/HTTP 400: bad product_url in a request from token …/);
		expect(reason(ECHO.E500)).toMatch(/HTTP 500: internal error serving token …/);
		expect(reason(ECHO.CUT)).toMatch(/HTTP 502/);
		expect(reason(ECHO.LONG)).toMatch(/HTTP 503/);

		const resumed = await cassi(['resume', 'data', '--api-url', echo.url, '--json']);
		expect(resumed.code, resumed.stderr).toBe(1);

		const forbidden = await cassi([...query(ECHO.E403), '--download', '-f', 'forbidden', '--manifest', 'forbidden.json']);
		expect(forbidden.code, forbidden.stderr).toBe(3);
		expect(forbidden.stderr).toMatch(/token/);

		for (const {what, text} of outputs) expectNoToken(text, what);
		const files = await tree(world.root);
		expect(files).toEqual(expect.arrayContaining(['manifest.json', 'data/.cassi-journal.json', 'forbidden/.cassi-journal.json']));
		for (const file of ['manifest.json', 'data/.cassi-journal.json', 'forbidden/.cassi-journal.json']) {
			expectNoToken(await readFile(join(world.root, file), 'utf8'), file);
		}
	});

	it('never draws it in the browser’s queue view', async () => {
		const failing = [ECHO.E400, ECHO.E500, ECHO.CUT, ECHO.LONG];
		const term = startApp([...query(failing.join(',')), '-f', 'tui-data'], {cols: 250, rows: 30, env: {MAST_API_TOKEN: SENTINEL}});
		try {
			await term.waitFor(/^4 files · 0 marked/m, {timeout: 20_000});
			await term.press('a');
			await term.waitFor(/4 marked/);
			await term.press('d');
			await term.waitFor(/\(y\/n\)/);
			await term.press('y');
			await term.waitFor(/Queue: 0 of 4 done · 4 failed/, {timeout: 30_000});
			const shown = term.screen();
			expect(shown).toMatch(/token …/);
			expectNoToken(shown, 'the queue view');
			await term.press('q');
			await term.waitForExit();
			expectNoToken(term.output(), 'the browser (every byte it wrote)');
			for (const path of await tree(term.dirs.work)) {
				if (path.endsWith('.json')) expectNoToken(await readFile(join(term.dirs.work, path), 'utf8'), path);
			}
		} finally {
			await term.close();
		}
	});
});
