/**
 * One HTTP attempt at one file: POST the product URL, check what came back,
 * and stream the body into `<name>.part` through the hash, with a watchdog that
 * aborts when nothing has arrived for `stallMs`. Decisions about retrying are
 * the engine's; this only reports what happened, as typed errors.
 */
import {createWriteStream} from 'node:fs';
import type {Readable} from 'node:stream';
import {finished} from 'node:stream/promises';
import prettyBytes from 'pretty-bytes';
import type {Dispatcher} from 'undici';
import {request} from '../undici-request.js';
import {CassiError, isCassiError} from '../errors.js';
import type {ExpectedChecksum} from './checksum.js';
import {newStreamHash, type StreamHash} from './stream-hash.js';
import {diskError} from './disk.js';
import {header, reasonFromBody, redact, redactText} from '../http.js';
import {downloadStatusError} from './http-status.js';

/** The partial file cannot be continued: start it again from byte 0 (no backoff needed). */
export class RestartFromZero extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'RestartFromZero';
	}
}

/** The bytes are wrong (size or checksum): the part is useless. */
export class VerifyError extends CassiError {
	constructor(message: string) {
		super('download', message);
	}
}

class StallError extends Error {}

export interface AttemptOptions {
	endpoint: URL;
	productUrl: string;
	headers: Record<string, string>;
	dispatcher: Dispatcher;
	partPath: string;
	/** Bytes already in the part (and in `hash`). */
	offset: number;
	etag?: string;
	expectedSize?: number;
	expected?: ExpectedChecksum;
	/** Hash holding the part's first `offset` bytes; a fresh one is made when starting from 0. */
	hash?: StreamHash;
	/** Files at least this large are hashed on the worker thread (for tests; see stream-hash.ts). */
	hashOnWorkerFrom?: number;
	stallMs: number;
	signal: AbortSignal;
	/** Called once the response is accepted, with where the body starts and the total. */
	onStart?(info: {start: number; total?: number; etag?: string}): void;
	onBytes?(count: number): void;
	/** Kept current while streaming, also when the attempt fails: the hash and how many bytes it covers. */
	hashed?: {hash?: StreamHash; bytes: number};
	now?: () => number;
	/** For tests: how the part file is opened (to inject ENOSPC and the like). */
	createWriteStream?: (path: string, options: {flags: string; highWaterMark: number; flush?: boolean}) => NodeJS.WritableStream;
}

export interface AttemptResult {
	bytes: number;
	total?: number;
	etag?: string;
	hash?: StreamHash;
}

export function parseContentRange(value: string | undefined): {start: number; end: number; total?: number} | undefined {
	const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value ?? '');
	if (!match) return undefined;
	const start = Number(match[1]);
	const end = Number(match[2]);
	const total = match[3] === '*' ? undefined : Number(match[3]);
	if (end < start || (total !== undefined && end >= total)) return undefined;
	return {start, end, total};
}

function lengthHeader(value: string | undefined): number | undefined {
	return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** Drop a body we will not read; undici reports a bare destroy as an error, so listen for it. */
function discard(body: NodeJS.ReadableStream & {destroy(): void}): void {
	body.on('error', () => undefined);
	body.destroy();
}

async function snippetOf(body: NodeJS.ReadableStream & {destroy(): void}): Promise<string> {
	let text = '';
	try {
		for await (const chunk of body) {
			text += Buffer.from(chunk as Buffer).toString('utf8');
			if (text.length >= 512) break;
		}
	} catch {
		// the status is what matters
	}
	discard(body);
	return text.slice(0, 512);
}

function networkError(error: unknown, received: number): CassiError {
	const cause = (error as {cause?: {code?: string; message?: string}} | undefined)?.cause;
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? cause?.code;
	const detail = code ?? ((error as Error | undefined)?.message || 'unknown error');
	const where = received > 0 ? ` after ${prettyBytes(received)}` : '';
	return new CassiError('network', `connection failed${where} (${detail})`, {retryable: true, cause: error});
}

async function closed(stream: NodeJS.WritableStream): Promise<void> {
	const writable = stream as NodeJS.WritableStream & {closed?: boolean};
	if (writable.closed !== false) return; // closed already, or a stream that does not say
	await new Promise<void>(resolve => {
		const timer = setTimeout(resolve, 5000); // a custom stream that never closes must not hang the queue
		writable.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/**
 * The body into the part in arrival order, paused while the disk or the hash is behind (plain
 * events: per 64 KiB chunk, stream adapters cost more than the write). A body that fails (a cut,
 * a stall, a pause or cancel) still lands every byte received before it, so the next attempt
 * resumes at the part's size: the part is ended normally, then the failure is reported.
 */
async function bodyToPart(body: Readable, out: NodeJS.WritableStream, take: (chunk: Buffer) => Promise<void> | undefined): Promise<void> {
	const written = finished(out);
	let cut: {error: unknown} | undefined;
	try {
		await new Promise<void>((resolve, reject) => {
			const refuse = (error: unknown) => {
				body.off('data', onData);
				discard(body);
				reject(error);
			};
			const onData = (chunk: Buffer) => {
				let wait: Promise<void> | undefined;
				try {
					wait = take(chunk);
				} catch (error) {
					refuse(error);
					return;
				}
				const more = out.write(chunk);
				if (more && !wait) return;
				body.pause();
				const drained = more ? undefined : new Promise<void>(done => out.once('drain', done));
				Promise.all([wait, drained]).then(() => body.resume(), refuse);
			};
			body.on('data', onData);
			body.once('end', resolve);
			body.once('error', error => {
				cut = {error};
				resolve();
			});
			written.catch(refuse);
		});
	} catch (error) {
		(out as NodeJS.WritableStream & {destroy?(): void}).destroy?.();
		written.catch(() => undefined);
		throw error;
	}
	out.end();
	await written;
	if (cut) throw cut.error;
}

export async function transferOnce(options: AttemptOptions): Promise<AttemptResult> {
	const controller = new AbortController();
	const forward = () => controller.abort(options.signal.reason);
	if (options.signal.aborted) forward();
	options.signal.addEventListener('abort', forward, {once: true});
	// One coarse timer and a timestamp per chunk: re-arming a timeout for every 64 KiB chunk
	// costs more than the hashing at a few hundred MB/s.
	let stalled = false;
	let lastActivity = performance.now();
	const arm = () => {
		lastActivity = performance.now();
	};
	const timer = setInterval(
		() => {
			if (performance.now() - lastActivity < options.stallMs) return;
			stalled = true;
			controller.abort(new StallError('stalled'));
		},
		Math.max(10, Math.min(1000, Math.floor(options.stallMs / 4))),
	);
	const stallError = () =>
		new CassiError('network', `stalled: nothing received for ${options.stallMs >= 1000 ? `${Math.round(options.stallMs / 1000)} s` : `${options.stallMs} ms`}`, {
			retryable: true,
		});
	let received = 0;
	try {
		arm();
		const headers: Record<string, string> = {
			...options.headers,
			Accept: 'application/octet-stream, */*',
		};
		if (options.offset > 0) {
			headers.Range = `bytes=${options.offset}-`;
			if (options.etag) headers['If-Range'] = options.etag;
		}
		let response: Dispatcher.ResponseData;
		try {
			response = await request(options.endpoint, {
				method: 'POST',
				headers,
				body: JSON.stringify({product_url: options.productUrl}),
				dispatcher: options.dispatcher,
				signal: controller.signal,
			});
		} catch (error) {
			if (stalled) throw stallError();
			if (options.signal.aborted) throw error;
			throw networkError(error, 0);
		}
		arm();
		const {statusCode: status, headers: responseHeaders, body} = response;
		if (status === 416) {
			discard(body);
			throw new RestartFromZero('the service refused the resume range (HTTP 416)');
		}
		// A server that echoes the request would put the token in the reason.
		const token = /^token (.+)$/.exec(options.headers.Authorization ?? '')?.[1] ?? '';
		if (status !== 200 && status !== 206) {
			const snippet = redactText(await snippetOf(body), token);
			const error = downloadStatusError(status, responseHeaders, snippet, options.now?.());
			throw token ? redact(error, token) : error;
		}
		if (/^\s*text\/html\b/i.test(header(responseHeaders, 'content-type') ?? '')) {
			// A login or error page served as 200: never save it under a product's name.
			const snippet = redactText(await snippetOf(body), token);
			const title = reasonFromBody(snippet);
			throw new CassiError(
				'http',
				`the service sent a web page instead of the file${title ? ` ("${title}")` : ''}: try again later, or check the token`,
				{status},
			);
		}
		const etag = header(responseHeaders, 'etag');
		const length = lengthHeader(header(responseHeaders, 'content-length'));
		let start = 0;
		let total: number | undefined;
		if (status === 206) {
			const range = parseContentRange(header(responseHeaders, 'content-range'));
			const problem = !range
				? 'a partial answer without a valid Content-Range'
				: range.start !== options.offset
					? `a range starting at byte ${range.start} instead of ${options.offset}`
					: options.expectedSize !== undefined && range.total !== undefined && range.total !== options.expectedSize
						? `a total of ${range.total} bytes instead of ${options.expectedSize}`
						: range.total !== undefined && range.end !== range.total - 1
							? 'a range that stops before the end of the file'
							: options.offset > 0 && options.etag && etag && etag !== options.etag
								? 'a different version of the file (ETag changed)'
								: undefined;
			if (problem) {
				discard(body);
				throw new RestartFromZero(`the service answered the resume with ${problem}`);
			}
			start = range!.start;
			total = range!.total ?? options.expectedSize;
		} else {
			// A full body: whatever the part held is replaced, never appended to.
			total = length ?? options.expectedSize;
		}
		if (options.expectedSize !== undefined && total !== undefined && total !== options.expectedSize) {
			discard(body);
			throw new VerifyError(`size mismatch: the service sends ${total} bytes, the record says ${options.expectedSize}`);
		}
		const hash = start === 0 ? newStreamHash(options.expected, total, options.hashOnWorkerFrom) : options.hash;
		const hashed = options.hashed;
		if (hashed) {
			hashed.hash = hash;
			hashed.bytes = start;
		}
		options.onStart?.({start, total, etag});
		const limit = total;
		const take = (chunk: Buffer): Promise<void> | undefined => {
			lastActivity = performance.now();
			received += chunk.length;
			if (limit !== undefined && start + received > limit) {
				throw new CassiError('network', `the service sent more than the ${limit} bytes it announced`, {retryable: true});
			}
			hash?.update(chunk);
			if (hashed) hashed.bytes += chunk.length;
			options.onBytes?.(chunk.length);
			return hash?.room();
		};
		const openPart = options.createWriteStream ?? createWriteStream;
		// flush: the part is fsynced as its stream ends, before it reports closed, so it is on the
		// disk before any rename, without opening it a second time (with small files that was much
		// of the time per file).
		const out = openPart(options.partPath, {flags: start === 0 ? 'w' : 'a', highWaterMark: 1 << 20, flush: true});
		try {
			await bodyToPart(body, out, take);
		} catch (error) {
			// A failed write leaves the part's stream destroyed, but a write already handed to the
			// OS still lands: wait for the close, so the next attempt resumes from the part's final size.
			await closed(out);
			if (stalled) throw stallError();
			if (options.signal.aborted) throw error;
			if (isCassiError(error)) throw error;
			const disk = diskError(error, options.partPath);
			if (disk) throw disk;
			throw networkError(error, received);
		}
		clearInterval(timer);
		const bytes = start + received;
		if (total !== undefined && bytes < total) {
			throw new CassiError('network', `the download ended early (${prettyBytes(bytes)} of ${prettyBytes(total)})`, {
				retryable: true,
			});
		}
		return {bytes, total: total ?? bytes, etag, hash};
	} finally {
		clearInterval(timer);
		options.signal.removeEventListener('abort', forward);
	}
}
