/**
 * What a headless run says besides its answer: the UTC window it asked for, an empty answer
 * (stdout stays empty), a file type that was probably mistyped, and a service that counts
 * matches it does not send.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sendJson, startServer, type TestServer} from '../cassi/helpers/server.js';
import {runCli} from './run-cli.js';

describe('a headless run says what it asked for and what came back', () => {
	it('echoes its UTC window on stderr, and -q drops it', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--count', '--json']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('ingest 2025-10-04 00:00:00 → 2025-10-04 23:59:59 UTC\n');
		expect(JSON.parse(result.stdout).total).toBe(39);
		const quiet = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--count', '--json', '-q']);
		expect(quiet.stderr).toBe('');
	});

	it('keeps typed fractions of a second in the condition: .2 to .5 holds only WFISCI_00016594 (00:33:00.400)', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04T00:33:00.2', '-e', '2025-10-04T00:33:00.5', '--csv']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('ingest 2025-10-04 00:33:00.2 → 2025-10-04 00:33:00.5 UTC\n');
		expect(result.stdout.trimEnd().split('\n').slice(1)).toEqual(['WFISCI_00016594,"Science WFI Level 0",2025-10-04T00:33:00.4000000']);
	});

	it('says "no files match" on stderr alone when nothing matches, keeping stdout empty', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--filename', 'NOSUCH_*', '-q']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('no files match\n');
	});

	it('suggests the known file type a wrongly cased one meant', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--filetype', 'Science CGI level 0', '--count', '-q']);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('did you mean "Science CGI Level 0"?');
		expect(result.stderr).toContain('no files match');
	});

	it('gives no hint for a known type or a pattern', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--filetype', 'Science CGI Level 0,Science*', '--count', '-q']);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
	});
});

describe('a service that counts matches but sends no rows', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer((_request, response) => sendJson(response, 200, {results: [], totalResults: 12}));
	});
	afterAll(() => server.close());

	it('says so in one line and exits 1, with nothing on stdout', async () => {
		const result = await runCli(['-s', '2025-10-04', '--count', '-q', '--api-url', server.url, '-t', 'tok']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('cassi: the service reported 12 matching files but sent none: try again later, or check --api-url\n');
	});
});
