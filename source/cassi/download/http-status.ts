/**
 * What a download response's status means for the file: the search client's mapping
 * (401/403 → token, 429/5xx → retryable with Retry-After) and its reading of the body (a JSON
 * message or an HTML page's title, never raw markup), worded for a file; other 4xx fail the
 * file at once.
 */
import {CassiError} from '../errors.js';
import {header, httpError, reasonFromBody, type HttpHeaders} from '../http.js';
import {parseRetryAfter} from '../retry.js';

export function downloadStatusError(status: number, headers: HttpHeaders, snippet: string, now = Date.now()): CassiError {
	if (status >= 300 && status < 400) {
		return new CassiError('http', `the service redirected the download (HTTP ${status}); cassi does not follow redirects with your token`, {status});
	}
	if (status === 401 || status === 403) return httpError(status, headers, snippet, now);
	const reason = reasonFromBody(snippet);
	const detail = reason ? `HTTP ${status}: ${reason}` : `HTTP ${status}`;
	if (status === 429 || status >= 500) {
		// The engine retries these itself: no "try again later" in front of "retry 1 of 5 in 2 s".
		const what = status === 429 ? 'the service is limiting requests' : 'the service failed';
		const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
		return new CassiError('http', `${what} (${detail})`, {status, retryable: true, retryAfterMs});
	}
	if (status === 404) return new CassiError('http', `the service has no such file (${detail})`, {status});
	return new CassiError('http', `the service refused the download (${detail})`, {status});
}
