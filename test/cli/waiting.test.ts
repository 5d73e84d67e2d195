/**
 * A service that takes the request and never answers: the wait is told on stderr within
 * seconds, each retry with its reason, and `--timeout` bounds it; the last line says how many
 * attempts were made and how long they took. Asserts on output only, never on durations.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startServer, type TestServer} from '../cassi/helpers/server.js';
import {noticeAfter} from '../../source/cassi/waiting.js';
import {runCli} from './run-cli.js';

/** The first "no answer" line under --timeout 1 (its seconds are measured, so not pinned). */
const notice = (origin: string) => new RegExp(`^no answer from ${origin} for \\d+\\.\\d s \\(attempt 1 of 5, each waits up to 1\\.0 s; --timeout sets it\\)$`);

describe('waiting for a service that never answers', {timeout: 90_000}, () => {
	let silent: TestServer;
	beforeAll(async () => {
		silent = await startServer(() => {});
	});
	afterAll(() => silent.close());

	it('says so within seconds, retries with the reason, and with --timeout gives up saying attempts and time', async () => {
		const result = await runCli(['-s', '2025-10-04', '--count', '--timeout', '1', '--api-url', silent.url, '-t', 'tok']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines[0]).toBe('ingest 2025-10-04 00:00:00 → now UTC');
		// The seconds waited are measured: a loaded machine may say 0.6 s (no timed assertions).
		expect(lines[1]).toMatch(notice(silent.origin));
		for (const attempt of [2, 3, 4, 5]) {
			expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^retrying in \\d+\\.\\d s \\(attempt ${attempt} of 5\\): ${silent.origin} did not answer within 1 s$`)));
		}
		expect(lines.at(-1)).toMatch(new RegExp(`^cassi: ${silent.origin} did not answer within 1 s \\(gave up after 5 attempts, [\\d.]+ s in all\\): try again later$`));
		expect(silent.requests).toHaveLength(5);
	});

	it('tells nothing but the final line with -q', async () => {
		const result = await runCli(['-s', '2025-10-04', '--count', '-q', '--timeout', '0.5', '--api-url', silent.url, '-t', 'tok']);
		expect(result.code).toBe(1);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/gave up after 5 attempts/);
	});

	// check and sync take the root command's --timeout and tell the wait in the same words.
	it.each([
		['check', ['check', '--date', '2025-10-04']],
		['sync', ['sync', 'mirror', '-s', '2025-10-04']],
	])('cassi %s says so within seconds and gives up under --timeout, saying attempts and time', async (_name, args) => {
		const result = await runCli([...args, '--timeout', '1', '--api-url', silent.url, '-t', 'tok']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines).toContainEqual(expect.stringMatching(notice(silent.origin)));
		expect(lines).toContainEqual(expect.stringMatching(/^retrying in \d+\.\d s \(attempt 5 of 5\): .* did not answer within 1 s$/));
		expect(lines.at(-1)).toMatch(/did not answer within 1 s \(gave up after 5 attempts, [\d.]+ s in all\): try again later$/);
	});

	it('gives the first notice after 5 s by default, sooner under a short --timeout', () => {
		expect(noticeAfter(120_000)).toBe(5000);
		expect(noticeAfter(5000)).toBe(2500);
	});

	it('refuses a --timeout that is not a number of seconds, exit 2', async () => {
		const result = await runCli(['-s', '2025-10-04', '--count', '--timeout', 'soon']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('cassi: --timeout "soon" is not a number of seconds from 0.1 to 3600: pass e.g. --timeout 30\n');
	});
});
