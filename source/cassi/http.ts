/**
 * HTTP plumbing shared by the search client and the download engine: the token headers,
 * the mapping from a status or a transport failure to a one-line CassiError, and body
 * readers with a size cap. No message ever carries the token.
 */
import {finished, pipeline, Readable} from 'node:stream';
import {createRequire} from 'node:module';
import {CassiError, isCassiError} from './errors.js';
import {parseRetryAfter} from './retry.js';
import {sanitizeText} from './sanitize.js';
import {serviceHost} from './endpoints.js';
import {EMULATOR_TOKEN, TOKEN_URL} from './types.js';

export const ERROR_BODY_BYTES = 16 * 1024;

export const NO_TOKEN_MESSAGE =
	`no MAST token: pass --token, set MAST_API_TOKEN, run \`cassi login\`, or put it in ./mast_api_token.txt — get one at ${TOKEN_URL}`;
export const REJECTED_TOKEN_MESSAGE =
	`token rejected or expired — create a new one at ${TOKEN_URL} and run \`cassi login\``;

/** MAST's token page only for MAST: another service (an emulator, a test server) has its own token. */
export function rejectedTokenMessage(url?: URL): string {
	const host = url ? serviceHost(url.href) : undefined;
	if (!host) return REJECTED_TOKEN_MESSAGE;
	return `token rejected or expired (by ${host}, not MAST): pass the token that service accepts with --token or MAST_API_TOKEN (\`cassi emulator\` accepts "${EMULATOR_TOKEN}" unless started with --token)`;
}

export function authHeaders(token: string): Record<string, string> {
	return {Authorization: `token ${token}`, 'Content-Type': 'application/json'};
}

/** A token that could not be a header value would make undici throw; say so without echoing it. */
export function assertTokenShape(token: string): void {
	if (!/^[\x21-\x7E]+$/.test(token)) {
		throw new CassiError(
			'auth',
			'the MAST token contains spaces or characters a token never has: copy it again and run `cassi login`',
		);
	}
}

export type HttpHeaders = Record<string, string | string[] | undefined>;

export function header(headers: HttpHeaders, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** A short, safe reason from an error body: a JSON message, an HTML title, or the first line. */
export function reasonFromBody(body: string): string {
	const text = body.trim();
	let reason = '';
	if (text.startsWith('{')) {
		try {
			const json = JSON.parse(text) as Record<string, unknown>;
			for (const key of ['error', 'message', 'detail', 'msg', 'reason']) {
				const value = json[key];
				if (typeof value === 'string' && value.trim()) {
					reason = value;
					break;
				}
			}
		} catch {
			// Not JSON after all; fall through to the first line.
		}
	}
	if (!reason && /^<(?:!doctype|html|\?xml|head|body)/i.test(text)) {
		reason = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? '';
	} else if (!reason && !text.startsWith('{') && !text.startsWith('<')) {
		reason = text.split(/\r?\n/, 1)[0] ?? '';
	}
	const clean = sanitizeText(reason).replace(/\s+/g, ' ').trim();
	return clean.length > 100 ? `${clean.slice(0, 99)}…` : clean;
}

/** The one mapping from an HTTP error status to a CassiError (the download engine reuses it). */
export function httpError(status: number, headers: HttpHeaders, bodySnippet: string, now: number = Date.now(), url?: URL): CassiError {
	if (status === 401 || status === 403) return new CassiError('auth', rejectedTokenMessage(url), {status});
	const reason = reasonFromBody(bodySnippet);
	const detail = reason ? `HTTP ${status}: ${reason}` : `HTTP ${status}`;
	const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
	if (status === 429) {
		return new CassiError('http', `the service is limiting requests (${detail}): wait a little and try again`, {
			status,
			retryable: true,
			retryAfterMs,
		});
	}
	if (status >= 500) {
		return new CassiError('http', `the service failed (${detail}): try again later`, {status, retryable: true, retryAfterMs});
	}
	return new CassiError('http', `the service refused the request (${detail}): check the query`, {status});
}

function duration(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** undici and system failures → a one-line network error (retryable unless retrying cannot help), or an abort. */
export function transportError(error: unknown, url: URL, options: {headersTimeoutMs: number; bodyTimeoutMs: number}): CassiError {
	if (isCassiError(error)) return error;
	const {code, name} = (error ?? {}) as {code?: string; name?: string};
	if (name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
		return new CassiError('aborted', 'cancelled');
	}
	const where = url.origin;
	const retryable = {retryable: true};
	switch (code) {
		case 'UND_ERR_HEADERS_TIMEOUT':
			return new CassiError('network', `${where} did not answer within ${duration(options.headersTimeoutMs)}: try again later`, retryable);
		case 'UND_ERR_BODY_TIMEOUT':
			return new CassiError('network', `${where} stopped sending the response for ${duration(options.bodyTimeoutMs)}: try again later`, retryable);
		case 'UND_ERR_CONNECT_TIMEOUT':
			return new CassiError('network', `connecting to ${where} timed out: check the network, a proxy or --api-url`, retryable);
		case 'UND_ERR_SOCKET':
		case 'ECONNRESET':
		case 'EPIPE':
			return new CassiError('network', `the connection to ${where} broke before the answer was complete: try again`, retryable);
		default:
			break;
	}
	const why = sanitizeText(String(code ?? name ?? 'connection failed')).slice(0, 60);
	// A certificate problem does not go away by asking again.
	if (/CERT|SSL|TLS|SELF_SIGNED|HOSTNAME/i.test(why)) {
		return new CassiError('network', `the TLS certificate of ${where} was not accepted (${why}): check the clock or --api-url; behind a proxy with its own certificate, point NODE_EXTRA_CA_CERTS at its CA file`);
	}
	return new CassiError('network', `could not reach ${where} (${why}): check the network or --api-url`, retryable);
}

/**
 * Replace the token in an error body before anything is taken from it. The body may be cut off
 * (a broken connection, the snippet's length limit) inside the token, and a reason is shortened
 * to 100 characters: either leaves a piece of the token that `redact` no longer recognises, so
 * a cut-off start of the token at the very end goes too.
 */
export function redactText(text: string, token: string): string {
	if (!token) return text;
	const whole = text.split(token).join('…');
	for (let length = Math.min(token.length - 1, whole.length); length > 0; length--) {
		if (whole.endsWith(token.slice(0, length))) return `${whole.slice(0, -length)}…`;
	}
	return whole;
}

/** Replace the token anywhere in a message: servers sometimes echo what they were sent. */
export function redact(error: CassiError, token: string): CassiError {
	if (!error.message.includes(token)) return error;
	return new CassiError(error.kind, error.message.split(token).join('…'), {
		status: error.status,
		retryable: error.retryable,
		retryAfterMs: error.retryAfterMs,
	});
}

export async function readCapped(
	body: AsyncIterable<Uint8Array>,
	limit: number,
	onOver: () => CassiError,
	expected?: number,
	/** Told after each chunk while the body fills one buffer: its first `end` bytes have arrived. */
	onProgress?: (bytes: Buffer, end: number) => void,
): Promise<Buffer> {
	// With a declared length, copy into one buffer as chunks arrive so each chunk can be
	// collected at once: a 50,000-row body is held once, not twice. A body that outgrows
	// its declared length falls back to collecting chunks.
	let whole = expected !== undefined && Number.isSafeInteger(expected) && expected > 0 && expected <= limit ? Buffer.allocUnsafe(expected) : undefined;
	const chunks: Buffer[] = [];
	let size = 0;
	const add = (chunk: Uint8Array): void => {
		if (whole && size + chunk.byteLength <= whole.length) {
			whole.set(chunk, size);
			size += chunk.byteLength;
			onProgress?.(whole, size);
			return;
		}
		if (whole) {
			chunks.push(whole.subarray(0, size));
			whole = undefined;
		}
		size += chunk.byteLength;
		if (size > limit) throw onOver();
		chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	};
	if (body instanceof Readable) {
		// The raw body: its 'data' events, not an async iterator (a promise and a turn per 64 KiB chunk,
		// ~15 ms of CPU over 17 MB). finished() reports what the iterator would: the body's error, or a premature close.
		await new Promise<void>((resolve, reject) => {
			body.on('data', (chunk: Uint8Array) => {
				try {
					add(chunk);
				} catch (error) {
					body.destroy(error as Error);
				}
			});
			finished(body, error => (error ? reject(error) : resolve()));
		});
	} else {
		for await (const chunk of body) add(chunk);
	}
	if (whole) return size === whole.length ? whole : whole.subarray(0, size);
	return Buffer.concat(chunks, size);
}

/** The start of an error body, for its reason; a body that fails mid-way gives what arrived. */
export async function readSnippet(body: AsyncIterable<Uint8Array>): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
			size += chunk.byteLength;
			if (size >= ERROR_BODY_BYTES) break;
		}
	} catch {
		// The status already says what went wrong.
	}
	return Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8');
}

export function redirectError(status: number, location: string | undefined, from: URL): CassiError {
	let origin = 'an unknown place';
	if (location) {
		try {
			origin = sanitizeText(new URL(location, from).origin);
		} catch {
			origin = 'an invalid address';
		}
	}
	return new CassiError('security', `the service redirected to ${origin} (HTTP ${status}): refusing to follow with the token — check --api-url`, {
		status,
	});
}

/** What we accept in Accept-Encoding: a 50,000-row answer is ~17 MB of JSON, ~1 MB gzipped. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * The body as sent before any Content-Encoding. Errors of the raw body (timeouts, resets)
 * reach the reader unchanged; a corrupt compressed body is a schema error.
 */
export function decodedBody(body: Readable, encoding: string | undefined): AsyncIterable<Uint8Array> {
	const name = (encoding ?? 'identity').trim().toLowerCase();
	if (name === '' || name === 'identity') return body;
	// node:zlib only for a compressed body (~1 ms of a start that seldom needs it).
	const zlib = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
	const decoder =
		name === 'gzip' || name === 'x-gzip'
			? zlib.createGunzip()
			: name === 'deflate'
				? zlib.createInflate()
				: name === 'br'
					? zlib.createBrotliDecompress()
					: undefined;
	if (!decoder) {
		throw new CassiError('schema', `the service sent the response in an unknown encoding (${sanitizeText(name).slice(0, 40)}): try again later`);
	}
	let bodyError: unknown;
	body.once('error', error => {
		bodyError = error;
	});
	pipeline(body, decoder, () => {
		// Errors surface to whoever iterates the decoder.
	});
	return (async function* () {
		try {
			for await (const chunk of decoder) yield chunk as Uint8Array;
		} catch (error) {
			if (error === bodyError || isCassiError(error)) throw error;
			throw new CassiError('schema', 'the service sent a corrupt compressed response: try again later', {retryable: true});
		}
	})();
}
