/**
 * What a download response's status means for the file. Mirrors the search
 * client's rules (401/403 → token, 429/5xx → retry with Retry-After) with
 * download wording; kept here so the engine does not depend on the client's internals.
 */
import {CassiError} from '../errors.js';
import {parseRetryAfter} from '../retry.js';
import {sanitizeText} from '../sanitize.js';
import {REJECTED_TOKEN_MESSAGE} from '../client.js';

type Headers = Record<string, string | string[] | undefined>;

export function header(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export function downloadStatusError(status: number, headers: Headers, snippet: string, now = Date.now()): CassiError {
	if (status === 401 || status === 403) {
		return new CassiError('auth', REJECTED_TOKEN_MESSAGE, {status});
	}
	const detail = sanitizeText(snippet).trim().slice(0, 120);
	const suffix = detail ? `: ${detail}` : '';
	if (status === 429 || status >= 500) {
		const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
		const what = status === 429 ? 'the service is rate limiting (HTTP 429)' : `the service failed (HTTP ${status})`;
		return new CassiError('http', `${what}${suffix}`, {status, retryable: true, retryAfterMs});
	}
	if (status >= 300 && status < 400) {
		return new CassiError('http', `the service redirected the download (HTTP ${status}); cassi does not follow redirects with your token`, {status});
	}
	if (status === 404) return new CassiError('http', `the service has no such file (HTTP 404)${suffix}`, {status});
	return new CassiError('http', `the service refused the download (HTTP ${status})${suffix}`, {status});
}
