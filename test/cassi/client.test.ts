import {inspect} from 'node:util';
import zlib from 'node:zlib';
import {Agent, type Dispatcher} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {CassiClient, DEFAULT_PAGE_SIZE, NO_TOKEN_MESSAGE, pageSizeFromEnv, type ClientOptions} from '../../source/cassi/client.js';
import {CassiError} from '../../source/cassi/errors.js';
import {buildPayload} from '../../source/cassi/query.js';
import type {Query, SearchPage} from '../../source/cassi/types.js';
import {makeRows, sendJson, startServer, type Handler, type TestServer} from './helpers/server.js';

const TOKEN = 'tok-SECRET-0123456789abcdef';
const QUERY: Query = {ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', limit: 50000};

const open: Array<{close(): Promise<unknown>}> = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(item => item.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
	const server = await startServer(handler);
	open.push(server);
	return server;
}

function client(server: {url: string}, options: Partial<ClientOptions> = {}) {
	const waits: number[] = [];
	const instance = new CassiClient({
		apiUrl: server.url,
		token: TOKEN,
		retry: {sleep: async ms => void waits.push(ms)},
		...options,
	});
	return {client: instance, waits};
}

async function failure(promise: Promise<unknown>): Promise<CassiError> {
	const error = await promise.then(
		() => undefined,
		(error_: unknown) => error_,
	);
	expect(error).toBeInstanceOf(CassiError);
	const text = inspect(error, {depth: 10});
	expect(text).not.toContain(TOKEN);
	expect((error as CassiError).message).not.toContain('\n');
	return error as CassiError;
}

/** Serves `rows` by offset and limit, at most `cap` rows per response, like a capped service. */
function pagedService(rows: unknown[], cap = Number.POSITIVE_INFINITY, total = rows.length): Handler {
	return (request, response) => {
		const {offset, limit} = request.json;
		sendJson(response, 200, {totalResults: total, results: rows.slice(offset, offset + Math.min(limit, cap))});
	};
}

describe('CassiClient search', () => {
	it('posts the payload with the token to BASE/roman/search/Eng', async () => {
		const server = await serve(pagedService(makeRows(3)));
		const result = await client(server).client.search(QUERY);
		expect(result.records.map(r => r.archiveFileName)).toEqual(['CGI_00011800', 'CGI_00011801', 'CGI_00011802']);
		expect(result).toMatchObject({total: 3, duplicates: 0});
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/cassi/api/v0.1/roman/search/Eng');
		expect(request.headers.authorization).toBe(`token ${TOKEN}`);
		expect(request.headers['content-type']).toBe('application/json');
		// Pages of our own size, not the whole limit at once: no response nears the size cap.
		expect(request.json).toEqual(buildPayload(QUERY, 0, DEFAULT_PAGE_SIZE));
	});

	it('takes its page size from CASSI_PAGE_SIZE, and refuses one that is not a positive whole number', () => {
		expect(pageSizeFromEnv({CASSI_PAGE_SIZE: '2500'})).toBe(2500);
		expect(pageSizeFromEnv({})).toBeUndefined();
		for (const bad of ['0', '-5', 'lots', '1.5']) expect(() => pageSizeFromEnv({CASSI_PAGE_SIZE: bad})).toThrow(/CASSI_PAGE_SIZE.*positive whole number/);
	});

	it('pages by offset while totalResults says more rows exist, de-duplicating across pages', async () => {
		const rows = makeRows(25);
		rows[12] = rows[3]; // a duplicate on the second page of a row from the first
		rows[24] = rows[23];
		const server = await serve(pagedService(rows, 10));
		const pages: SearchPage[] = [];
		const result = await client(server).client.search(QUERY, {onPage: page => pages.push(page)});
		// The third page is asked at the file count (19), with the row already held again (and room
		// for twice the repeats seen so far): that row comes back first, so the service counts rows,
		// and the page's new rows start after it.
		expect(server.requests.map(r => [r.json.offset, r.json.limit])).toEqual([
			[0, DEFAULT_PAGE_SIZE],
			[10, DEFAULT_PAGE_SIZE],
			[19, DEFAULT_PAGE_SIZE + 1],
		]);
		expect(pages.map(p => [p.records.length, p.received, p.duplicates, p.done])).toEqual([
			[10, 10, 0, false],
			[9, 20, 1, false],
			[4, 25, 2, true],
		]);
		expect(result.records).toHaveLength(23);
		expect(new Set(result.records.map(r => r.archiveFileName)).size).toBe(23);
		expect(result).toMatchObject({total: 25, duplicates: 2});
	});

	it('asks for pageSize rows at a time and stops at the user’s limit', async () => {
		const server = await serve(pagedService(makeRows(40)));
		const {client: cassi} = client(server, {pageSize: 10});
		const result = await cassi.search({...QUERY, limit: 25});
		expect(server.requests.map(r => [r.json.offset, r.json.limit])).toEqual([
			[0, 10],
			[10, 10],
			[20, 5],
		]);
		expect(result.records).toHaveLength(25);
		expect(result.total).toBe(40);
	});

	it('has the next page asked for while the caller still handles this one', async () => {
		const server = await serve(pagedService(makeRows(30)));
		const pages = client(server, {pageSize: 10}).client.searchPages(QUERY);
		const first = await pages.next();
		expect(first.value?.records).toHaveLength(10);
		// Nothing more taken from the pages yet: the second request is already out (or answered).
		for (let wait = 0; wait < 500 && server.requests.length < 2; wait++) await new Promise(resolve => setTimeout(resolve, 10));
		expect(server.requests.map(r => r.json.offset)).toEqual([0, 10]);
		let files = 10;
		for await (const page of pages) files += page.records.length;
		expect(files).toBe(30);
		expect(server.requests).toHaveLength(3);
	});

	it('pages by a full page when the service sends no totalResults', async () => {
		const rows = makeRows(15);
		const server = await serve((request, response) => {
			const {offset, limit} = request.json;
			sendJson(response, 200, {results: rows.slice(offset, offset + limit)});
		});
		const result = await client(server, {pageSize: 10}).client.search(QUERY);
		// Without a total, a short page may be a cap: only an empty page says the end.
		expect(server.requests).toHaveLength(3);
		expect(result.records).toHaveLength(15);
		expect(result.total).toBeUndefined();
	});

	it('stops on an empty page even if totalResults promises more', async () => {
		const rows = makeRows(5);
		const server = await serve(pagedService(rows, 5, 1000));
		const result = await client(server).client.search(QUERY);
		expect(server.requests).toHaveLength(2);
		expect(result.records).toHaveLength(5);
	});

	it('yields pages as they arrive', async () => {
		const server = await serve(pagedService(makeRows(6), 2));
		const seen: number[] = [];
		for await (const page of client(server).client.searchPages(QUERY)) {
			seen.push(server.requests.length);
			if (page.done) break;
		}
		expect(seen).toEqual([1, 2, 3]);
	});

	it('asks for a compressed answer and reads gzip and brotli bodies', async () => {
		const rows = makeRows(30);
		for (const [encoding, compress] of [
			['gzip', zlib.gzipSync],
			['br', zlib.brotliCompressSync],
		] as const) {
			const server = await serve((_request, response) => {
				response.writeHead(200, {'content-type': 'application/json', 'content-encoding': encoding});
				response.end(compress(Buffer.from(JSON.stringify({totalResults: 30, results: rows}))));
			});
			const result = await client(server).client.search(QUERY);
			expect(server.requests[0].headers['accept-encoding']).toContain(encoding);
			expect(result.records).toHaveLength(30);
		}
	});

	it('applies the size cap to the decompressed body', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip'});
			response.end(zlib.gzipSync(Buffer.from(JSON.stringify({results: makeRows(200)}))));
		});
		const error = await failure(client(server, {maxResponseBytes: 10_000}).client.search(QUERY));
		expect(error.message).toMatch(/larger than/);
	});

	it('reads a body that starts with a byte-order mark', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(`\uFEFF${JSON.stringify({results: makeRows(2)})}`);
		});
		expect((await client(server).client.search(QUERY)).records).toHaveLength(2);
	});

	it('never returns more rows than the limit, even if the service ignores it', async () => {
		const rows = makeRows(30);
		const server = await serve((_request, response) => sendJson(response, 200, {totalResults: 30, results: rows}));
		const result = await client(server).client.search({...QUERY, limit: 12});
		expect(result.records.map(r => r.archiveFileName)).toEqual(rows.slice(0, 12).map(r => r.archiveFileName));
		expect(server.requests).toHaveLength(1);
	});

	it('checks a token with a one-row query', async () => {
		const server = await serve(pagedService(makeRows(3)));
		await client(server).client.checkToken();
		expect(server.requests[0].json.limit).toBe(1);
		expect(server.requests[0].json.conditions).toEqual([{source: 'Eng'}, {dataGroup: 'Eng'}]);
	});
});

describe('CassiClient failures', () => {
	it('retries a 503 and then succeeds', async () => {
		const server = await serve((request, response, index) => {
			if (index < 2) sendJson(response, 503, {error: 'maintenance'});
			else pagedService(makeRows(2))(request, response, index);
		});
		const retries: string[] = [];
		const {client: cassi, waits} = client(server, {onRetry: info => retries.push(info.reason)});
		const result = await cassi.search(QUERY);
		expect(result.records).toHaveLength(2);
		expect(server.requests).toHaveLength(3);
		expect(waits).toHaveLength(2);
		expect(retries[0]).toContain('HTTP 503: maintenance');
	});

	it('honours Retry-After in seconds', async () => {
		const server = await serve((request, response, index) => {
			if (index === 0) sendJson(response, 429, {}, {'retry-after': '2'});
			else pagedService(makeRows(1))(request, response, index);
		});
		const {client: cassi, waits} = client(server);
		await cassi.search(QUERY);
		expect(waits).toEqual([2000]);
	});

	it('fails at once when Retry-After is absurd', async () => {
		const server = await serve((_request, response) => sendJson(response, 503, {}, {'retry-after': '3600'}));
		const {client: cassi, waits} = client(server);
		const error = await failure(cassi.search(QUERY));
		expect(error.message).toBe('the service asked to wait 3600 s (Retry-After): try again later');
		expect(server.requests).toHaveLength(1);
		expect(waits).toEqual([]);
	});

	it('gives up after the allowed retries', async () => {
		const server = await serve((_request, response) => sendJson(response, 502, {}));
		const error = await failure(client(server, {retries: 2}).client.search(QUERY));
		expect(error.kind).toBe('http');
		expect(error.status).toBe(502);
		expect(server.requests).toHaveLength(3);
	});

	it('turns 401 and 403 into "token rejected or expired", without retrying', async () => {
		for (const status of [401, 403]) {
			const server = await serve((_request, response) => sendJson(response, status, {detail: `bad token ${TOKEN}`}));
			const error = await failure(client(server).client.search(QUERY));
			expect(error.kind).toBe('auth');
			expect(error.exitCode).toBe(3);
			// A loopback test server is not MAST: the message names it instead of MAST's token page.
			expect(error.message).toMatch(/^token rejected or expired \(by 127\.0\.0\.1:\d+, not MAST\)/);
			expect(error.message).not.toContain('auth.mast.stsci.edu');
			expect(server.requests).toHaveLength(1);
		}
	});

	it('refuses to search without a token, before connecting', async () => {
		const server = await serve(pagedService([]));
		const error = await failure(new CassiClient({apiUrl: server.url}).search(QUERY));
		expect(error.kind).toBe('auth');
		expect(error.message).toBe(NO_TOKEN_MESSAGE);
		expect(server.requests).toHaveLength(0);
	});

	it('rejects a token no header could carry, without echoing it', async () => {
		const server = await serve(pagedService([]));
		const error = await failure(new CassiClient({apiUrl: server.url, token: 'abc def\n123'}).search(QUERY));
		expect(error.kind).toBe('auth');
		expect(error.message).not.toContain('abc');
		expect(server.requests).toHaveLength(0);
	});

	it('reports another 4xx with its status and a short reason, and never echoes the token', async () => {
		const server = await serve((_request, response) =>
			sendJson(response, 400, {error: `malformed condition\u001B[31m near ${TOKEN}`, trace: 'x'.repeat(5000)}),
		);
		const error = await failure(client(server).client.search(QUERY));
		expect(error.kind).toBe('http');
		expect(error.message).toMatch(/^the service refused the request \(HTTP 400: malformed condition near …\)/);
		expect(error.message).not.toContain('xxxx');
		expect(server.requests).toHaveLength(1);
	});

	it('does not follow a redirect, so the token never reaches another origin', async () => {
		const elsewhere = await serve(pagedService(makeRows(1)));
		const server = await serve((_request, response) => {
			response.writeHead(307, {location: `${elsewhere.url}/roman/search/Eng`});
			response.end();
		});
		const error = await failure(client(server).client.search(QUERY));
		expect(error.kind).toBe('security');
		expect(error.message).toContain(`the service redirected to ${elsewhere.origin}`);
		expect(error.message).toContain('refusing to follow with the token');
		expect(elsewhere.requests).toHaveLength(0);
	});

	it('refuses plain http to a host that is not loopback, before connecting', async () => {
		let dispatched = 0;
		class Counting extends Agent {
			override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
				dispatched++;
				return super.dispatch(options, handler);
			}
		}
		const dispatcher = new Counting();
		open.push(dispatcher);
		const cassi = new CassiClient({apiUrl: 'http://example.com/cassi/api/v0.1', token: TOKEN, dispatcher});
		const error = await failure(cassi.search(QUERY));
		expect(error.kind).toBe('security');
		expect(error.message).toContain('refusing to send the token over http://example.com');
		expect(dispatched).toBe(0);
	});

	it('calls an HTML page with status 200 a schema error', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'text/html'});
			response.end('<!DOCTYPE html><html><title>Maintenance</title><body>We are down</body></html>');
		});
		const error = await failure(client(server).client.search(QUERY));
		expect(error.kind).toBe('schema');
		expect(error.message).toMatch(/^the service answered with an HTML page instead of JSON \(status 200\)/);
	});

	it('names the title of an HTML error page, not its body', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(404, {'content-type': 'text/html'});
			response.end('<html><head><title>404 Not Found</title></head><body><script>secret()</script></body></html>');
		});
		const error = await failure(client(server).client.search(QUERY));
		expect(error.message).toMatch(/^the service refused the request \(HTTP 404: 404 Not Found\)/);
		expect(error.message).not.toContain('script');
	});

	it('calls a body that is not JSON, or has a bad record, a one-line schema error', async () => {
		const bodies = ['{"results": [', '', JSON.stringify({results: [{archiveFileName: 'A', fileType: 3, ingestCompletionDate: 'x'}]})];
		const expected = [/the body is not JSON/, /the body is empty/, /results\[0\]\.fileType is not a string/];
		for (const [index, body] of bodies.entries()) {
			const server = await serve((_request, response) => {
				response.writeHead(200, {'content-type': 'application/json'});
				response.end(body);
			});
			const error = await failure(client(server).client.search(QUERY));
			expect(error.kind).toBe('schema');
			expect(error.message).toMatch(expected[index]);
		}
	});

	it('calls a corrupt compressed body a schema error, and an unknown encoding too', async () => {
		for (const encoding of ['gzip', 'zstd-x']) {
			const server = await serve((_request, response) => {
				response.writeHead(200, {'content-type': 'application/json', 'content-encoding': encoding});
				response.end('this is not compressed at all');
			});
			const error = await failure(client(server, {retries: 0}).client.search(QUERY));
			expect(error.kind).toBe('schema');
			expect(error.message).toMatch(encoding === 'gzip' ? /corrupt compressed response/ : /unknown encoding \(zstd-x\)/);
		}
	});

	it('refuses a response larger than the cap', async () => {
		const server = await serve(pagedService(makeRows(50)));
		const error = await failure(client(server, {maxResponseBytes: 2000}).client.search(QUERY));
		expect(error.message).toMatch(/larger than .* narrow the query or lower --limit/);
	});

	it('times out when headers arrive and then the body stops', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{"results": [');
		});
		const error = await failure(client(server, {bodyTimeoutMs: 200, retries: 1}).client.search(QUERY));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/stopped sending the response/);
		expect(server.requests).toHaveLength(2);
	});

	it('times out a compressed body that stops, too', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip'});
			response.write(zlib.gzipSync(Buffer.from('{"results": [')).subarray(0, 12));
		});
		const error = await failure(client(server, {bodyTimeoutMs: 200, retries: 0}).client.search(QUERY));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/stopped sending the response/);
	});

	it('times out when no headers arrive', async () => {
		const server = await serve(() => {
			// Never answer.
		});
		const error = await failure(client(server, {headersTimeoutMs: 200, retries: 0}).client.search(QUERY));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/did not answer within 200 ms: try again later$/);
	});

	it('retries a body cut short by a dropped connection', async () => {
		const rows = makeRows(3);
		const server = await serve((request, response, index) => {
			if (index === 0) {
				const text = JSON.stringify({results: rows});
				response.writeHead(200, {'content-type': 'application/json', 'content-length': text.length});
				response.write(text.slice(0, 20));
				setTimeout(() => response.socket?.destroy(), 20);
			} else {
				sendJson(response, 200, {results: rows});
			}
		});
		const retries: string[] = [];
		const result = await client(server, {onRetry: info => retries.push(info.reason)}).client.search(QUERY);
		expect(result.records).toHaveLength(3);
		expect(retries).toHaveLength(1);
		expect(retries[0]).toMatch(/broke before the answer was complete/);
	});

	it('reports a refused connection as a network error after retrying', async () => {
		const server = await serve(pagedService([]));
		const url = server.url;
		await server.close();
		const {client: cassi, waits} = client({url}, {retries: 2});
		const error = await failure(cassi.search(QUERY));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/^could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
		expect(waits).toHaveLength(2);
	});

	it('stops when aborted', async () => {
		const server = await serve(() => {
			// Never answer; the caller gives up.
		});
		const controller = new AbortController();
		const pending = client(server).client.search(QUERY, {signal: controller.signal});
		setTimeout(() => controller.abort(), 50);
		const error = await failure(pending);
		expect(error.kind).toBe('aborted');
	});
});
