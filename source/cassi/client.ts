/**
 * The CaSSI search client over undici: paging by offset, de-duplication across pages,
 * retries with backoff, time limits, a response size cap, and the token rules
 * (https or loopback only, never across a redirect, never in a message).
 */
import type {Readable} from 'node:stream';
import type {Dispatcher} from 'undici';
import {endpoints, assertSafeForToken, type Endpoints} from './endpoints.js';
import {CassiError, isCassiError} from './errors.js';
import {
	ACCEPT_ENCODING,
	assertTokenShape,
	decodedBody,
	authHeaders,
	header,
	httpError,
	NO_TOKEN_MESSAGE,
	readCapped,
	readSnippet,
	redact,
	redactText,
	redirectError,
	transportError,
} from './http.js';
import {buildPayload} from './query.js';
import {pageThrough} from './paging.js';
import {parseSearchResponse, type ParsedSearch} from './records.js';
import {jsonBytesAreClean, jsonTextIsClean} from './sanitize.js';
import {KeyRecordsReader} from './key-records.js';
import {withRetries, type RetryOptions} from './retry.js';
import {NOTICE_EVERY_MS, noticeAfter, seconds, type WaitEvent} from './waiting.js';
import {request} from './undici-request.js';
import {type CassiRecord, type Query, type SearchCut, type SearchPage, type SearchPayload} from './types.js';

export interface ClientOptions {
	apiUrl: string;
	token?: string;
	/** Retries after the first try (default 4). */
	retries?: number;
	/** One wait for the service (`--timeout`): both time limits below, unless given themselves. */
	timeoutMs?: number;
	headersTimeoutMs?: number;
	bodyTimeoutMs?: number;
	/** The first "no answer" notice (default: 5 s, or half a shorter time limit). */
	noticeAfterMs?: number;
	dispatcher?: Dispatcher;
	onRetry?: (info: {attempt: number; waitMs: number; reason: string}) => void;
	/**
	 * Rows asked for per request (default DEFAULT_PAGE_SIZE, or CASSI_PAGE_SIZE from the environment):
	 * no response comes near the size cap, and memory stays flat however many rows match.
	 */
	pageSize?: number;
	/** Largest search response accepted (default 256 MiB, under V8's longest string). */
	maxResponseBytes?: number;
	/** Backoff tuning, mainly for tests. */
	retry?: Omit<RetryOptions, 'retries' | 'signal' | 'onRetry'>;
}

export interface SearchResult {
	records: CassiRecord[];
	total?: number;
	duplicates: number;
	/** Set when more files match than were fetched (see SearchCut). */
	cut?: SearchCut;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 120_000;
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
/** ~5 MB of JSON a page: big enough that per-request overhead is small, small enough to hold two. */
export const DEFAULT_PAGE_SIZE = 10_000;

/** CASSI_PAGE_SIZE, when set to a positive whole number (else the default); a bad value is a one-line error. */
export function pageSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
	const text = env.CASSI_PAGE_SIZE?.trim();
	if (!text) return undefined;
	if (!/^\d+$/.test(text) || Number(text) < 1) throw new CassiError('usage', `CASSI_PAGE_SIZE "${text}" is not a positive whole number: unset it or give rows per request, e.g. 10000`);
	return Number(text);
}
const USER_AGENT = 'cassi/0.1 (+https://mast.stsci.edu)';

// The download engine and the commands import these from here.
export {
	assertTokenShape,
	authHeaders,
	httpError,
	NO_TOKEN_MESSAGE,
	reasonFromBody,
	REJECTED_TOKEN_MESSAGE,
} from './http.js';

export class CassiClient {
	readonly urls: Endpoints;
	private readonly options: ClientOptions;
	private readonly headersTimeoutMs: number;
	private readonly bodyTimeoutMs: number;
	private readonly maxResponseBytes: number;
	private readonly pageSize: number;

	constructor(options: ClientOptions) {
		this.options = options;
		this.urls = endpoints(options.apiUrl);
		this.headersTimeoutMs = options.headersTimeoutMs ?? options.timeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
		this.bodyTimeoutMs = options.bodyTimeoutMs ?? options.timeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
		this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
		if (options.pageSize !== undefined && (!Number.isSafeInteger(options.pageSize) || options.pageSize < 1)) {
			throw new CassiError('usage', `page size ${options.pageSize} is not a positive whole number`);
		}
		this.pageSize = options.pageSize ?? pageSizeFromEnv() ?? DEFAULT_PAGE_SIZE;
	}

	private token(): string {
		const token = this.options.token?.trim();
		if (!token) throw new CassiError('auth', NO_TOKEN_MESSAGE);
		assertTokenShape(token);
		return token;
	}

	/**
	 * One POST with retries; returns the validated, sanitised page. `onWait` hears of a wait
	 * without an answer and of each retry; a final failure after retries says how many
	 * attempts were made and how long they took in all.
	 */
	async post(payload: SearchPayload, signal?: AbortSignal, onWait?: (event: WaitEvent) => void, countOnly = false): Promise<ParsedSearch> {
		const token = this.token();
		assertSafeForToken(this.urls.search);
		const attempts = (this.options.retries ?? 4) + 1;
		const started = Date.now();
		let tries = 0;
		try {
			return await withRetries(
				() => {
					tries++;
					return this.postOnce(payload, token, signal, this.watch(tries, attempts, onWait), countOnly);
				},
				{
					...this.options.retry,
					retries: attempts - 1,
					signal,
					onRetry: info => {
						const reason = redact(info.error, token).message;
						this.options.onRetry?.({attempt: info.attempt, waitMs: info.waitMs, reason});
						onWait?.({kind: 'retry', attempt: info.attempt + 1, attempts, waitMs: info.waitMs, reason});
					},
				},
			);
		} catch (error) {
			const failure = isCassiError(error) ? error : transportError(error, this.urls.search, {headersTimeoutMs: this.headersTimeoutMs, bodyTimeoutMs: this.bodyTimeoutMs});
			throw redact(tries > 1 && failure.retryable ? gaveUp(failure, tries, Date.now() - started) : failure, token);
		}
	}

	/** Notices while one attempt waits for its answer; the returned function stops them. */
	private watch(attempt: number, attempts: number, onWait: ((event: WaitEvent) => void) | undefined): () => void {
		if (!onWait) return () => {};
		const start = Date.now();
		const timeoutMs = this.headersTimeoutMs;
		const origin = this.urls.search.origin;
		let timer: NodeJS.Timeout | undefined;
		const notify = () => {
			onWait({kind: 'waiting', origin, attempt, attempts, waitedMs: Date.now() - start, timeoutMs});
			timer = setTimeout(notify, NOTICE_EVERY_MS);
		};
		timer = setTimeout(notify, this.options.noticeAfterMs ?? noticeAfter(timeoutMs));
		return () => clearTimeout(timer);
	}

	private async postOnce(payload: SearchPayload, token: string, signal: AbortSignal | undefined, answered: () => void, countOnly: boolean): Promise<ParsedSearch> {
		const url = this.urls.search;
		const timeouts = {headersTimeoutMs: this.headersTimeoutMs, bodyTimeoutMs: this.bodyTimeoutMs};
		let response: Dispatcher.ResponseData;
		try {
			response = await request(url, {
				method: 'POST',
				headers: {...authHeaders(token), Accept: 'application/json', 'Accept-Encoding': ACCEPT_ENCODING, 'User-Agent': USER_AGENT},
				body: JSON.stringify(payload),
				dispatcher: this.options.dispatcher,
				signal,
				headersTimeout: this.headersTimeoutMs,
				bodyTimeout: this.bodyTimeoutMs,
			});
		} catch (error) {
			throw transportError(error, url, timeouts);
		} finally {
			// The answer began (or failed): from here the body time limit watches a stall.
			answered();
		}
		const {statusCode, headers, body} = response;
		try {
			if (statusCode >= 300 && statusCode < 400) throw redirectError(statusCode, header(headers, 'location'), url);
			if (statusCode < 200 || statusCode >= 300) {
				throw httpError(statusCode, headers, redactText(await errorSnippet(body, header(headers, 'content-encoding')), token), Date.now(), url);
			}
			const encoding = header(headers, 'content-encoding');
			// Content-Length counts compressed bytes; the cap is on what we hold, checked while reading.
			const declared = encoding ? 0 : Number(header(headers, 'content-length'));
			const tooBig = () =>
				new CassiError(
					'schema',
					`the search response is larger than ${Math.round(this.maxResponseBytes / 1048576)} MiB: narrow the query or lower --limit`,
				);
			if (declared > this.maxResponseBytes) throw tooBig();
			const held: {bytes?: Buffer} = {};
			const contentType = header(headers, 'content-type');
			// Counted rows are read as the body arrives (key-records.ts); HTML is refused below, whole.
			const keys = countOnly && !/html/i.test(contentType ?? '') ? new KeyRecordsReader() : undefined;
			try {
				held.bytes = await readCapped(decodedBody(body, encoding), this.maxResponseBytes, tooBig, declared || undefined, keys && ((bytes, end) => keys.advance(bytes, end)));
			} catch (error) {
				throw transportError(error, url, timeouts);
			}
			return parseBody(held, statusCode, contentType, keys);
		} finally {
			// Whatever we did not read is not wanted; free the connection.
			if (!body.readableEnded && !body.destroyed) {
				// undici reports its own destroy as an 'error'; nobody is listening any more.
				body.on('error', () => {});
				body.destroy();
			}
		}
	}

	/**
	 * Pages as they arrive, each de-duplicated against all earlier pages, up to `query.limit`
	 * distinct files; the last one says whether the answer was cut (paging.ts explains how).
	 * `countOnly`: records that are only counted (never shown, kept or downloaded) may hold only their
	 * file type (KeyRecord, key-records.ts), which a plain body gives without holding every row.
	 */
	searchPages(
		query: Query,
		options: {signal?: AbortSignal; onWait?: (event: WaitEvent) => void; countOnly?: boolean} = {},
	): AsyncGenerator<SearchPage> {
		return pageThrough(
			query.limit,
			request => this.post(buildPayload(query, request.offset, request.limit), options.signal, options.onWait, options.countOnly),
			this.pageSize,
		);
	}

	async search(
		query: Query,
		options: {signal?: AbortSignal; onPage?: (page: SearchPage) => void} = {},
	): Promise<SearchResult> {
		const records: CassiRecord[] = [];
		let total: number | undefined;
		let duplicates = 0;
		let cut: SearchCut | undefined;
		for await (const page of this.searchPages(query, {signal: options.signal})) {
			for (const record of page.records) records.push(record);
			total = page.total;
			duplicates = page.duplicates;
			cut = page.cut;
			options.onPage?.(page);
		}
		return {records, duplicates, ...(total === undefined ? {} : {total}), ...(cut ? {cut} : {})};
	}

	/** A one-row query: resolves if the service accepts the token, throws an auth error if not. */
	async checkToken(signal?: AbortSignal): Promise<void> {
		await this.post(buildPayload({limit: 1}), signal);
	}
}

/** The start of an error body for its reason; an undecodable one just has no reason. */
async function errorSnippet(body: Readable, encoding: string | undefined): Promise<string> {
	try {
		return await readSnippet(decodedBody(body, encoding));
	} catch {
		return '';
	}
}

/** `held.bytes` is let go once decoded: a 50,000-row body is not held as bytes and text while it parses. */
function parseBody(held: {bytes?: Buffer}, status: number, contentType: string | undefined, keys?: KeyRecordsReader): ParsedSearch {
	// A body the reader does not take is parsed in full below.
	const counted = keys?.finish(held.bytes!);
	if (counted) return counted;
	const cleanBytes = jsonBytesAreClean(held.bytes!);
	const text = held.bytes!.toString('utf8').replace(/^\uFEFF/, '');
	held.bytes = undefined;
	const start = text.trimStart();
	if (/html/i.test(contentType ?? '') || start.startsWith('<')) {
		throw new CassiError('schema', `the service answered with an HTML page instead of JSON (status ${status}): try again later or check --api-url`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		const what = start ? 'the body is not JSON' : 'the body is empty';
		throw new CassiError('schema', `the service sent a malformed response: ${what} — try again later or check --api-url`);
	}
	return parseSearchResponse(json, {clean: cleanBytes || jsonTextIsClean(text)});
}

/** The last failure, with how many attempts were made and how long they took in all. */
function gaveUp(failure: CassiError, attempts: number, elapsedMs: number): CassiError {
	const note = ` (gave up after ${attempts} attempts, ${seconds(elapsedMs)} in all)`;
	const cut = failure.message.lastIndexOf(': ');
	const message = cut > 0 ? `${failure.message.slice(0, cut)}${note}${failure.message.slice(cut)}` : `${failure.message}${note}`;
	return new CassiError(failure.kind, message, {status: failure.status, retryable: failure.retryable, retryAfterMs: failure.retryAfterMs, cause: failure});
}
