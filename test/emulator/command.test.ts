import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {DEMO_TOKEN, parseEmulatorFlags, runEmulatorCommand} from '../../source/emulator/index.js';
import {parseRate} from '../../source/emulator/command.js';
import {ENG} from './helpers.js';

function capture(stream: PassThrough): () => string {
	let text = '';
	stream.on('data', chunk => (text += chunk));
	return () => text;
}

async function firstLine(stream: PassThrough, read: () => string): Promise<string> {
	while (!read().includes('\n')) await new Promise(resolve => stream.once('data', resolve));
	return read().split('\n')[0];
}

describe('cassi emulator', () => {
	it('prints READY <url> first, logs requests on stderr without the token, and stops on abort', async () => {
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		const out = capture(stdout);
		const err = capture(stderr);
		const controller = new AbortController();
		const secret = 'my-secret-token-123';
		const running = runEmulatorCommand(parseEmulatorFlags({token: secret, seed: '3', latency: '0'}), {stdout, stderr, signal: controller.signal});
		const line = await firstLine(stdout, out);
		expect(line).toMatch(/^READY http:\/\/127\.0\.0\.1:\d+\/cassi\/api\/v0\.1$/);
		const url = line.slice('READY '.length);
		const post = (token: string) =>
			fetch(`${url}/roman/search/Eng`, {method: 'POST', headers: {Authorization: `token ${token}`}, body: JSON.stringify({conditions: ENG, limit: 1})});
		expect((await post(secret)).status).toBe(200);
		expect((await post(DEMO_TOKEN)).status).toBe(401);
		controller.abort();
		await running;
		expect(err()).toMatch(/POST \/cassi\/api\/v0\.1\/roman\/search\/Eng 200/);
		expect(err()).toMatch(/401/);
		expect(err() + out()).not.toContain(secret);
		await expect(fetch(`${url}/roman/search/Eng`, {method: 'POST'})).rejects.toThrow();
	});

	it('stays silent per request with quiet', async () => {
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		const out = capture(stdout);
		const err = capture(stderr);
		const controller = new AbortController();
		const running = runEmulatorCommand(parseEmulatorFlags({quiet: true}), {stdout, stderr, signal: controller.signal});
		const url = (await firstLine(stdout, out)).slice('READY '.length);
		await fetch(`${url}/roman/search/Eng`, {method: 'POST', headers: {Authorization: `token ${DEMO_TOKEN}`}, body: JSON.stringify({conditions: ENG, limit: 1})});
		controller.abort();
		await running;
		expect(err()).not.toMatch(/POST/);
	});
});

describe('emulator flags', () => {
	it('parses the documented flags into typed options', () => {
		expect(parseEmulatorFlags({port: '8080', seed: '7', token: 'T', latency: '250', reuseLatency: '45', rate: '10M', scale: '100'})).toEqual({
			port: 8080,
			host: '127.0.0.1',
			seed: 7,
			token: 'T',
			latencyMs: 250,
			reuseLatencyMs: 45,
			bytesPerSecond: 10 * 1024 * 1024,
			scale: 100,
			pageSize: undefined,
			quiet: false,
		});
		expect(parseEmulatorFlags({})).toMatchObject({port: 0, seed: 1, token: undefined, latencyMs: 0, bytesPerSecond: undefined, scale: 1});
		expect(parseEmulatorFlags({countMode: 'distinct', pageSize: '500'})).toMatchObject({countMode: 'distinct', pageSize: 500});
		expect(parseEmulatorFlags({maxDownloads: '2'})).toMatchObject({maxDownloads: 2});
		expect(() => parseEmulatorFlags({maxDownloads: '0'})).toThrow('--max-downloads must be a whole number from 1 to 10000, not "0"');
		expect(parseRate('512k')).toBe(524_288);
		expect(parseRate('1000')).toBe(1000);
	});

	it.each([
		{port: '-1'},
		{port: '70000'},
		{port: 'abc'},
		{seed: '1.5'},
		{latency: '-5'},
		{rate: 'fast'},
		{rate: '0'},
		{scale: '0'},
		{scale: '5000'},
		{token: ' '},
		{countMode: 'files'},
	])('refuses %j as a usage error', flags => {
		try {
			parseEmulatorFlags(flags);
			expect.unreachable('should have thrown');
		} catch (error) {
			expect(error).toBeInstanceOf(CassiError);
			expect((error as CassiError).exitCode).toBe(2);
		}
	});
});
