/**
 * The emulator's HTTP server: the CaSSI routes under /cassi/api/v0.1, token check,
 * injected faults, a request log, and a loopback-only control API for out-of-process tests
 * (POST /__emulator/faults, GET /__emulator/requests).
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Archive, nameFromProductUrl, type Product} from './archive.js';
import {sendDownload} from './download.js';
import {FaultBook, type Endpoint} from './faults.js';
import {PayloadError, parseDownloadBody, parseSearchBody} from './payload.js';
import {RecordMaker} from './records.js';
import {RITA_CAMPAIGNS, ritaProducts, type RitaCampaign} from './rita.js';
import {distinctRows, pageOf, RowCache, searchRows, type ProductSource} from './search.js';
import {sendBody, sleep} from './stream.js';
import {EMULATOR_TOKEN as DEMO_TOKEN} from '../cassi/types.js';
import type {Emulator, EmulatorOptions, FaultRule, RequestLogEntry} from './types.js';

export {EMULATOR_TOKEN as DEMO_TOKEN} from '../cassi/types.js';
export const API_PATH = '/cassi/api/v0.1';
const MAX_BODY = 1 << 20;
const MAX_LOG = 10_000;

type Route =
	| {kind: 'search'; collection: 'eng'; scope: string}
	| {kind: 'search'; collection: 'rita'; campaign: RitaCampaign}
	| {kind: 'download'; collection: 'eng' | 'rita'};

function route(path: string): Route | undefined {
	if (!path.startsWith(`${API_PATH}/`)) return undefined;
	const rest = path.slice(API_PATH.length);
	if (rest === '/roman/search/Eng') return {kind: 'search', collection: 'eng', scope: 'Eng'};
	if (rest === '/download/roman/eng') return {kind: 'download', collection: 'eng'};
	if (rest === '/download/roman/rita') return {kind: 'download', collection: 'rita'};
	const rita = /^\/rita\/search\/([A-Z0-9]+)$/.exec(rest);
	if (rita && (RITA_CAMPAIGNS as readonly string[]).includes(rita[1])) return {kind: 'search', collection: 'rita', campaign: rita[1] as RitaCampaign};
	return undefined;
}

/** What the request log records of a body, whatever the answer (faults and 401s included). */
function bodySummary(r: Route, text: string): RequestLogEntry['body'] {
	try {
		if (r.kind === 'download') return {product_url: parseDownloadBody(text)};
		const request = parseSearchBody(text, r.collection === 'eng' ? r.scope : undefined);
		return {conditions: request.conditions, limit: request.limit, offset: request.offset};
	} catch {
		return undefined;
	}
}

function isLoopback(address: string | undefined): boolean {
	return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

function redactHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		headers[key] = key === 'authorization' ? 'present' : Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
	const parts: Buffer[] = [];
	let length = 0;
	for await (const chunk of req) {
		length += (chunk as Buffer).length;
		if (length > MAX_BODY) throw new BodyTooLarge();
		parts.push(chunk as Buffer);
	}
	return Buffer.concat(parts).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
	const body = JSON.stringify(value);
	res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers});
	res.end(body);
}

function sendFaultStatus(res: ServerResponse, rule: FaultRule & {status: number}): void {
	const body = rule.body ?? JSON.stringify({error: `Injected fault: HTTP ${rule.status}`});
	const type = rule.contentType ?? (rule.body === undefined ? 'application/json' : rule.body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
	res.writeHead(rule.status, {
		'Content-Type': type,
		'Content-Length': String(Buffer.byteLength(body)),
		...(rule.retryAfter !== undefined ? {'Retry-After': rule.retryAfter} : {}),
	});
	res.end(body);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const token = options.token ?? DEMO_TOKEN;
	const pageSize = options.pageSize ?? 5000;
	const countMode = options.countMode ?? 'raw';
	const archive = new Archive({
		seed: options.seed ?? 1,
		scale: options.scale ?? 1,
		now: options.now ?? new Date(),
		duplicateRate: options.duplicateRate ?? 0.03,
		extraRecords: options.extraRecords,
	});
	const records = new RecordMaker(archive, options.checksumMaxBytes ?? 8 * 1024 * 1024);
	const rita = new Map(RITA_CAMPAIGNS.map(c => [c, ritaProducts(archive.seed, c)]));
	const ritaByName = new Map([...rita.values()].flat().map(p => [p.name, p]));
	const faults = new FaultBook();
	const rowCache = new RowCache();
	const requestsOnSocket = new WeakMap<object, number>();
	let downloading = 0;
	const log: RequestLogEntry[] = [];
	const writeLog = options.quiet ? undefined : (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));

	const sourceFor = (r: Route & {kind: 'search'}): ProductSource =>
		r.collection === 'eng'
			? archive
			: {scan: (lo, hi) => rita.get(r.campaign)!.filter(p => p.ingestMs >= lo && p.ingestMs <= hi)};

	const findByUrl = (url: string, collection: 'eng' | 'rita'): Product | undefined => {
		const name = nameFromProductUrl(url, collection);
		if (name === undefined) return undefined;
		return collection === 'eng' ? archive.findProduct(name) : ritaByName.get(name);
	};

	async function handleSearch(r: Route & {kind: 'search'}, text: string, res: ServerResponse, entry: RequestLogEntry, fault?: FaultRule) {
		const request = parseSearchBody(text, r.collection === 'eng' ? r.scope : undefined);
		const key = `${r.collection}:${r.kind === 'search' && r.collection === 'rita' ? r.campaign : ''}:${JSON.stringify(request.conditions)}`;
		// In distinct mode `rows` holds each file once; pageOf sends the repeats.
		const rows = rowCache.get(`${countMode}:${key}`, () => {
			const all = searchRows(sourceFor(r), request);
			return countMode === 'distinct' ? distinctRows(all) : all;
		});
		const count = Math.min(request.limit ?? pageSize, pageSize);
		const page = pageOf(rows, request.offset, count, countMode);
		await records.prepare(page);
		const info = {offset: request.offset, limit: request.limit ?? null, returned: page.length, pageSize, countMode, service: 'cassi-emulator'};
		const body = Buffer.from(`{"results":[${page.map(p => records.json(p)).join(',')}],"totalResults":${rows.length},"messages":[],"info":${JSON.stringify(info)}}`);
		res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': String(body.length)});
		const chunks = function* () {
			for (let i = 0; i < body.length; i += 65_536) yield Buffer.from(body.subarray(i, i + 65_536));
		};
		entry.bytesSent = await sendBody(res, chunks(), {
			cutAfterBytes: fault?.cutAfterBytes,
			stallAfterBytes: fault?.stallAfterBytes,
			bytesPerSecond: fault?.bytesPerSecond,
		});
		return `rows ${request.offset}+${page.length}/${rows.length}`;
	}

	async function handleDownload(r: Route & {kind: 'download'}, text: string, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, fault?: FaultRule) {
		const url = parseDownloadBody(text);
		const product = findByUrl(url, r.collection);
		if (!product) {
			sendJson(res, 404, {error: 'No product with that product_url'});
			return 'not found';
		}
		const sent = await sendDownload(req, res, {content: records.content(product), etag: archive.etag(product)}, fault, options.bytesPerSecond);
		entry.bytesSent = sent.bytesSent;
		return `${product.name} ${sent.bytesSent} bytes${req.headers.range ? ` (${req.headers.range})` : ''}`;
	}

	function handleControl(path: string, req: IncomingMessage, res: ServerResponse, text: string): void {
		if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, {error: 'The control API answers loopback clients only'});
		if (path === '/__emulator/requests') {
			if (req.method !== 'GET') return sendJson(res, 405, {error: 'Use GET'}, {Allow: 'GET'});
			return sendJson(res, 200, log);
		}
		if (path === '/__emulator/faults') {
			if (req.method !== 'POST') return sendJson(res, 405, {error: 'Use POST'}, {Allow: 'POST'});
			try {
				faults.set(JSON.parse(text));
			} catch (error) {
				return sendJson(res, 400, {error: `Bad faults: ${(error as Error).message}`});
			}
			return sendJson(res, 200, {ok: true});
		}
		sendJson(res, 404, {error: 'Unknown control path'});
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = Date.now();
		const path = new URL(req.url ?? '/', 'http://emulator').pathname;
		let text = '';
		try {
			text = await readBody(req);
		} catch (error) {
			if (error instanceof BodyTooLarge) sendJson(res, 413, {error: 'Request body too large'}, {Connection: 'close'});
			else res.destroy();
			return;
		}
		if (path.startsWith('/__emulator/')) return handleControl(path, req, res, text);

		const entry: RequestLogEntry = {method: req.method ?? '', path, headers: redactHeaders(req), status: 0, time: new Date(started).toISOString()};
		let summary = '';
		res.once('close', () => {
			entry.status = res.statusCode;
			log.push(entry);
			if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
			writeLog?.(`${entry.time} ${entry.method} ${path} ${res.statusCode} ${Date.now() - started}ms${summary ? ` ${summary}` : ''}`);
		});
		// Counted from arrival, as a limiter in front of a service counts its clients' requests.
		if (options.maxDownloads !== undefined && route(path)?.kind === 'download') {
			if (downloading >= options.maxDownloads) {
				summary = `refused: ${downloading} downloads at once`;
				return sendJson(res, 429, {error: `Too many downloads at once (at most ${options.maxDownloads})`}, {'Retry-After': '1'});
			}
			downloading++;
			res.once('close', () => downloading--);
		}
		if (options.latencyMs) await sleep(options.latencyMs);
		const served = requestsOnSocket.get(req.socket) ?? 0;
		requestsOnSocket.set(req.socket, served + 1);
		if (options.reuseLatencyMs && served > 0) await sleep(options.reuseLatencyMs);
		const r = route(path);
		if (!r) return sendJson(res, 404, {error: `No such endpoint: ${path}`});
		if (req.method !== 'POST') return sendJson(res, 405, {error: `Use POST for ${path}`}, {Allow: 'POST'});

		const endpoint: Endpoint = r.kind;
		entry.body = bodySummary(r, text);
		let matchText = text;
		if (endpoint === 'download') {
			try {
				matchText = parseDownloadBody(text);
			} catch {
				// A malformed body can still meet a fault; match against its text.
			}
		}
		const fault = faults.take(endpoint, matchText);
		if (fault) entry.fault = fault;
		if (fault?.status !== undefined) {
			summary = 'injected fault';
			return sendFaultStatus(res, fault as FaultRule & {status: number});
		}
		const auth = /^token\s+(.+)$/i.exec(req.headers.authorization ?? '');
		if (!auth || auth[1].trim() !== token) {
			return sendJson(res, 401, {error: 'Unauthorized: send a valid MAST token as "Authorization: token <token>"'});
		}
		try {
			summary = r.kind === 'search'
				? await handleSearch(r, text, res, entry, fault)
				: await handleDownload(r, text, req, res, entry, fault);
		} catch (error) {
			if (error instanceof PayloadError) {
				summary = error.message;
				return sendJson(res, 400, {error: error.message});
			}
			summary = `error: ${(error as Error).message}`;
			if (!res.headersSent) sendJson(res, 500, {error: 'Internal emulator error'});
			else res.destroy();
		}
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => res.destroy());
	});
	server.keepAliveTimeout = 10_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	return {
		url: `http://${host}:${address.port}${API_PATH}`,
		token,
		port: address.port,
		setFaults: f => faults.set(f),
		requests: () => log.map(entry => ({...entry})),
		findProduct: name => {
			const product = archive.findProduct(name) ?? ritaByName.get(name);
			return product ? records.info(product) : undefined;
		},
		close: () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
