// The real service is HTTPS: the built program searches and downloads through TLS (a front with a
// test certificate before the emulator), and a certificate it cannot trust is one line that says
// what to do, never a retry loop or the token.
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, DEMO_TOKEN, type Emulator} from '../../source/emulator/index.js';
import {runCli, runHome} from './run-cli.js';

const TLS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/tls');
const CA = path.join(TLS, 'cert.pem');

let emulator: Emulator;
let front: https.Server;
let apiUrl: string;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, quiet: true});
	const upstream = new URL(emulator.url);
	front = https.createServer({key: readFileSync(path.join(TLS, 'key.pem')), cert: readFileSync(CA)}, (request, response) => {
		const forward = http.request({host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers}, answer => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		request.pipe(forward);
	});
	await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve));
	// The certificate names localhost: the URL a user would type.
	apiUrl = `https://localhost:${(front.address() as AddressInfo).port}${upstream.pathname}`;
});

afterAll(async () => {
	front?.closeAllConnections();
	await new Promise(resolve => front?.close(resolve));
	await emulator?.close();
});

const day = ['-s', '2025-10-04', '-e', '2025-10-04'];
const trusted = {NODE_EXTRA_CA_CERTS: CA};

describe('over HTTPS', () => {
	it('counts the notebook day as over plain HTTP: 39 files', async () => {
		const result = await runCli(['--api-url', apiUrl, '-t', DEMO_TOKEN, ...day, '--count', '--json'], {env: trusted});
		expect(result.stderr).not.toContain('cassi:');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({total: 39, truncated: false});
	});

	it('downloads a file through TLS and verifies it against the record', async () => {
		const listed = await runCli(['--api-url', apiUrl, '-t', DEMO_TOKEN, ...day, '--json'], {env: trusted});
		const records = JSON.parse(listed.stdout) as Array<{archiveFileName: string; checksum?: string; distribution: {size: number}}>;
		const smallest = records.filter(record => record.checksum).sort((a, b) => a.distribution.size - b.distribution.size)[0]!;
		const {home, remove} = runHome();
		try {
			const folder = path.join(home, 'data');
			const result = await runCli(['--api-url', apiUrl, '-t', DEMO_TOKEN, ...day, '--filename', smallest.archiveFileName, '--download', '-f', folder, '-q'], {env: trusted});
			expect(result.code).toBe(0);
			expect(result.stderr).toMatch(/1 complete, 0 skipped, 0 failed of 1 files/);
			const bytes = readFileSync(path.join(folder, smallest.archiveFileName));
			expect(bytes.length).toBe(smallest.distribution.size);
			expect(createHash('md5').update(bytes).digest('hex')).toBe(smallest.checksum);
		} finally {
			remove();
		}
	});

	it('a certificate it cannot trust is one line saying what to do, exit 1, no token', async () => {
		const result = await runCli(['--api-url', apiUrl, '-t', DEMO_TOKEN, ...day, '--count']);
		expect(result.code).toBe(1);
		const lines = result.stderr.trim().split('\n');
		expect(lines.at(-1)).toMatch(/^cassi: the TLS certificate of https:\/\/localhost:\d+ was not accepted \(DEPTH_ZERO_SELF_SIGNED_CERT\): .*NODE_EXTRA_CA_CERTS/);
		expect(result.stderr).not.toMatch(/retry/i);
		expect(result.stdout + result.stderr).not.toContain(DEMO_TOKEN);
	});
});
