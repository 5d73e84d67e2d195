/**
 * Fault matrix, search side: the real CassiClient over loopback HTTP against the emulator's
 * knobs, or a purpose-built server where the emulator has none. Each test checks what the
 * user would see: the right rows after a retry, or one clean line of the right kind.
 */
import {inspect} from 'node:util';
import zlib from 'node:zlib';
import {afterEach, describe, expect, it} from 'vitest';
import {CassiClient, type ClientOptions} from '../../source/cassi/client.js';
import {CassiError} from '../../source/cassi/errors.js';
import {queryFromOptions} from '../../source/cassi/query.js';
import type {Query} from '../../source/cassi/types.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {makeRows, sendJson, startServer, type Handler} from '../cassi/helpers/server.js';
import {until} from './helpers/cli.js';
import {chunk, head, startRawServer, type RawHandler} from './servers/raw-http.js';

const TOKEN = 'search-fault-token-7f3a9c';
const NOW = new Date('2025-10-20T12:00:00Z');
const DAY: Query = queryFromOptions({ingestStart: '2025-10-04', ingestEnd: '2025-10-04'}, NOW);
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const open: Array<{close(): Promise<unknown>}> = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(item => item.close()));
});

async function emulator(): Promise<Emulator> {
	const instance = await startEmulator({now: NOW, quiet: true, token: TOKEN});
	open.push(instance);
	return instance;
}

async function serve(handler: Handler) {
	const server = await startServer(handler);
	open.push(server);
	return server;
}

async function raw(handler: RawHandler) {
	const server = await startRawServer(handler);
	open.push(server);
	return server;
}

function client(url: string, options: Partial<ClientOptions> = {}) {
	const waits: number[] = [];
	const instance = new CassiClient({apiUrl: url, token: TOKEN, retry: {baseMs: 5, maxMs: 20, sleep: async ms => void waits.push(ms)}, ...options});
	return {client: instance, waits};
}

/** The promise for every failure: the typed error, one clean line, no token anywhere in it. */
async function failure(promise: Promise<unknown>): Promise<CassiError> {
	const error = await promise.then(
		() => undefined,
		(error_: unknown) => error_,
	);
	expect(error).toBeInstanceOf(CassiError);
	const failed = error as CassiError;
	expect(failed.message).not.toMatch(CONTROL);
	expect(inspect(failed, {depth: 10})).not.toContain(TOKEN);
	return failed;
}

function searches(instance: Emulator): number {
	return instance.requests().filter(entry => entry.path.endsWith('/roman/search/Eng')).length;
}

const rowsBody = (count: number) => JSON.stringify({results: makeRows(count), totalResults: count});

describe('search: broken bodies', () => {
	it('retries a search whose connection is reset after N of M bytes, and gets every row', async () => {
		const archive = await emulator();
		await client(archive.url).client.search(DAY);
		const clean = searches(archive);
		archive.setFaults({search: [{cutAfterBytes: 3000, times: 1}]});
		const result = await client(archive.url).client.search(DAY);
		expect(result.records).toHaveLength(39);
		// One request more than the same search without the fault: the retry.
		expect(searches(archive)).toBe(2 * clean + 1);
		expect(archive.requests()[clean]!.bytesSent).toBe(3000);
	});

	it('retries a body shorter than its Content-Length', async () => {
		const body = rowsBody(5);
		const server = await raw((request, socket) => {
			if (request.index === 0) {
				socket.end(head(200, {'Content-Type': 'application/json', 'Content-Length': body.length}) + body.slice(0, 100));
			} else {
				socket.end(head(200, {'Content-Type': 'application/json', 'Content-Length': body.length, Connection: 'close'}) + body);
			}
		});
		const result = await client(server.url).client.search(DAY);
		expect(result.records.map(record => record.archiveFileName)).toEqual(makeRows(5).map(row => row.archiveFileName));
		expect(server.requests).toHaveLength(2);
	});

	it('reads only Content-Length bytes of a body that runs longer', async () => {
		const body = rowsBody(3);
		const server = await raw((_request, socket) => {
			const extra = '{"results":[{"archiveFileName":"INJECTED"}]}\r\n\r\nHTTP/1.1 200 OK\r\n\r\n';
			socket.end(head(200, {'Content-Type': 'application/json', 'Content-Length': body.length}) + body + extra);
		});
		const cassi = client(server.url).client;
		const first = await cassi.search(DAY);
		expect(first.records.map(record => record.archiveFileName)).toEqual(['CGI_00011800', 'CGI_00011801', 'CGI_00011802']);
		// The garbage after the body must not poison the next request either.
		const second = await cassi.search(DAY);
		expect(second.records).toHaveLength(3);
	});

	it('retries a chunked body cut off mid-chunk, and fails in one line when it always is', async () => {
		const body = rowsBody(4);
		const cutOff = (socket: import('node:net').Socket) => {
			socket.write(head(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'}));
			socket.write(chunk(body.slice(0, 200)));
			socket.write(`${(500).toString(16)}\r\n${body.slice(200, 260)}`);
			setTimeout(() => socket.destroy(), 20);
		};
		const flaky = await raw((request, socket) => {
			if (request.index === 0) return cutOff(socket);
			socket.end(head(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', Connection: 'close'}) + chunk(body).toString() + '0\r\n\r\n');
		});
		expect((await client(flaky.url).client.search(DAY)).records).toHaveLength(4);
		expect(flaky.requests).toHaveLength(2);

		const broken = await raw((_request, socket) => cutOff(socket));
		const error = await failure(client(broken.url, {retries: 2}).client.search(DAY));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/^the connection to http:\/\/127\.0\.0\.1:\d+ broke before the answer was complete \(gave up after \d+ attempts, [\d.]+ s in all\): try again$/);
		expect(broken.requests).toHaveLength(3);
	});

	it('keeps reading a 1-byte-per-second trickle (no false time-out) and stops at once when cancelled', async () => {
		const archive = await emulator();
		archive.setFaults({search: [{bytesPerSecond: 1}]});
		const controller = new AbortController();
		const pending = client(archive.url, {bodyTimeoutMs: 1500}).client.search(DAY, {signal: controller.signal});
		setTimeout(() => controller.abort(), 2500);
		const error = await failure(pending);
		expect(error.kind).toBe('aborted');
		// The emulator logs a request when its connection closes: cancelling closed it.
		await until(() => searches(archive) > 0, 'the cancelled request to be logged');
		// One request: the gaps of a second never tripped the 1.5 s body time-out into a retry.
		expect(searches(archive)).toBe(1);
	});
});

describe('search: status codes', () => {
	it.each([429, 503])('waits out a %i whose Retry-After is an HTTP date', async status => {
		const server = await serve((request, response, index) => {
			if (index === 0) sendJson(response, status, {}, {'retry-after': new Date(Date.now() + 3000).toUTCString()});
			else sendJson(response, 200, {results: makeRows(2), totalResults: 2});
		});
		const {client: cassi, waits} = client(server.url);
		expect((await cassi.search(DAY)).records).toHaveLength(2);
		expect(waits).toHaveLength(1);
		// An HTTP date has whole seconds: the wait is what is left of the 3 s, never the backoff's few ms.
		expect(waits[0]).toBeGreaterThan(1000);
		expect(waits[0]).toBeLessThanOrEqual(3000);
	});

	it('fails at once, in one line, when Retry-After is an absurdly distant HTTP date', async () => {
		const server = await serve((_request, response) => sendJson(response, 429, {}, {'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT'}));
		const {client: cassi, waits} = client(server.url);
		const error = await failure(cassi.search(DAY));
		expect(error.message).toMatch(/^the service asked to wait \d+ s \(Retry-After\): try again later$/);
		expect(waits).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it.each([500, 502, 504])('retries a %i a few times, then succeeds', async status => {
		const server = await serve((request, response, index) => {
			if (index < 3) sendJson(response, status, {error: 'upstream trouble'});
			else sendJson(response, 200, {results: makeRows(3), totalResults: 3});
		});
		const retries: string[] = [];
		const {client: cassi} = client(server.url, {onRetry: info => retries.push(info.reason)});
		expect((await cassi.search(DAY)).records).toHaveLength(3);
		expect(server.requests).toHaveLength(4);
		expect(retries).toHaveLength(3);
		expect(retries[0]).toContain(`HTTP ${status}: upstream trouble`);
	});

	it('reports a 404 from the service at once in one line, without retrying', async () => {
		const server = await serve((_request, response) => sendJson(response, 404, {error: 'no such collection'}));
		const error = await failure(client(server.url).client.search(DAY));
		expect(error.kind).toBe('http');
		expect(error.exitCode).toBe(1);
		expect(error.message).toBe('the service refused the request (HTTP 404: no such collection): check the query');
		expect(server.requests).toHaveLength(1);
	});
});

describe('search: bodies that are not a valid response', () => {
	it('names the missing results field in one line', async () => {
		const server = await serve((_request, response) => sendJson(response, 200, {totalResults: 3, info: {}}));
		const error = await failure(client(server.url).client.search(DAY));
		expect(error.kind).toBe('schema');
		expect(error.message).toMatch(/^the service sent a malformed response: results is missing — /);
	});

	it.each([
		['a number where a string belongs', {archiveFileName: 12, fileType: 'T', ingestCompletionDate: 'x'}, /results\[0\]\.archiveFileName is not a string/],
		['an object for the size', {archiveFileName: 'A', fileType: 'T', ingestCompletionDate: 'x', distribution: {size: {}}}, /results\[0\]\.distribution\.size has the wrong type/],
		['a string for times', {archiveFileName: 'A', fileType: 'T', ingestCompletionDate: 'x', times: 'soon'}, /results\[0\]\.times is not an object/],
		['null for the file type', {archiveFileName: 'A', fileType: null, ingestCompletionDate: 'x'}, /results\[0\]\.fileType is null/],
	])('names the field with the wrong type: %s', async (_label, record, message) => {
		const server = await serve((_request, response) => sendJson(response, 200, {results: [record]}));
		const error = await failure(client(server.url).client.search(DAY));
		expect(error.kind).toBe('schema');
		expect(error.message).toMatch(message);
	});

	it('refuses totalResults that is not a count', async () => {
		const server = await serve((_request, response) => sendJson(response, 200, {results: [], totalResults: 'lots'}));
		const error = await failure(client(server.url).client.search(DAY));
		expect(error.kind).toBe('schema');
		expect(error.message).toMatch(/totalResults/);
	});
});

describe('search: 100 MB of JSON', () => {
	const ROWS = 5000;
	const PAD = 'x'.repeat(20_000);

	/** Streams ~100 MB of valid JSON without holding it: 5,000 rows of ~20 KB each. */
	async function hugeServer() {
		let sent = 0;
		let finished = false;
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			let index = 0;
			const pump = () => {
				while (index < ROWS) {
					const row = JSON.stringify({...makeRows(1)[0], archiveFileName: `CGI_${String(index).padStart(8, '0')}`, pad: PAD});
					const text = `${index === 0 ? '{"totalResults":5000,"results":[' : ','}${row}`;
					index++;
					sent += text.length;
					if (!response.write(text)) return void response.once('drain', pump);
				}
				response.end(']}', () => (finished = true));
			};
			response.on('close', () => (index = ROWS + 1));
			pump();
		});
		return {server, sent: () => sent, finished: () => finished};
	}

	it('parses a 100 MB response under the cap into every row', {timeout: 90_000}, async () => {
		const huge = await hugeServer();
		const result = await client(huge.server.url).client.search(DAY);
		expect(huge.sent()).toBeGreaterThan(100_000_000);
		expect(result.records).toHaveLength(ROWS);
		expect(result.records[ROWS - 1]!.archiveFileName).toBe('CGI_00004999');
	});

	it('refuses it in one line over a smaller cap, without reading it all', async () => {
		const huge = await hugeServer();
		const error = await failure(client(huge.server.url, {maxResponseBytes: 16 * 1024 * 1024}).client.search(DAY));
		expect(error.message).toBe('the search response is larger than 16 MiB: narrow the query or lower --limit');
		expect(huge.finished()).toBe(false);
		expect(huge.sent()).toBeLessThan(60_000_000);
	});
});

describe('search: compressed bodies', () => {
	it('reads a gzipped answer', async () => {
		const body = zlib.gzipSync(rowsBody(6));
		const server = await serve((request, response) => {
			expect(request.headers['accept-encoding']).toMatch(/gzip/);
			response.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length});
			response.end(body);
		});
		expect((await client(server.url).client.search(DAY)).records).toHaveLength(6);
	});

	it('refuses a decompression bomb at the size cap, in one line, without inflating it all', async () => {
		// 200 MB of zeros gzip to about 200 kB; the cap must count the inflated bytes.
		const zeros = Buffer.alloc(1024 * 1024);
		const gzip = zlib.createGzip({level: 1});
		const compressed: Buffer[] = [];
		gzip.on('data', chunk => compressed.push(chunk));
		const done = new Promise(resolve => gzip.on('end', resolve));
		for (let index = 0; index < 200; index++) gzip.write(zeros);
		gzip.end();
		await done;
		const bomb = Buffer.concat(compressed);
		expect(bomb.length).toBeLessThan(1_000_000);
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length});
			response.end(bomb);
		});
		const before = process.memoryUsage().arrayBuffers;
		const error = await failure(client(server.url, {maxResponseBytes: 16 * 1024 * 1024, retries: 0}).client.search(DAY));
		expect(error.message).toBe('the search response is larger than 16 MiB: narrow the query or lower --limit');
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * 1024 * 1024);
	});

	it('calls a corrupt compressed body a schema error after retrying, in one line', async () => {
		const garbage = Buffer.concat([zlib.gzipSync(rowsBody(3)).subarray(0, 40), Buffer.from('not gzip at all')]);
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': garbage.length});
			response.end(garbage);
		});
		const error = await failure(client(server.url, {retries: 1}).client.search(DAY));
		expect(error.kind).toBe('schema');
		expect(error.message).toMatch(/^the service sent a corrupt compressed response \(gave up after \d+ attempts, [\d.]+ s in all\): try again later$/);
		expect(server.requests).toHaveLength(2);
	});

	it('still reports a 503 as a retryable failure when its body is in an encoding cassi never asked for', async () => {
		const server = await serve((request, response, index) => {
			if (index === 0) {
				response.writeHead(503, {'content-type': 'application/json', 'content-encoding': 'zstd', 'content-length': 4});
				response.end('\u0000\u0001\u0002\u0003');
			} else {
				sendJson(response, 200, {results: makeRows(2), totalResults: 2});
			}
		});
		expect((await client(server.url).client.search(DAY)).records).toHaveLength(2);
		expect(server.requests).toHaveLength(2);
	});
});
