import {describe, expect, it} from 'vitest';
import {downloadStatusError} from '../../source/cassi/download/http-status.js';
import {httpError} from '../../source/cassi/http.js';

const PAGE = '<!DOCTYPE html><html><head><title>MAST | Not Found</title></head><body><h1>Not Found</h1><script>x()</script></body></html>';

describe('download status errors', () => {
	it('a 404 names the page title, not its markup', () => {
		const error = downloadStatusError(404, {}, PAGE);
		expect(error.message).toBe('the service has no such file (HTTP 404: MAST | Not Found)');
		expect(error.retryable).toBeFalsy();
	});

	it('another 4xx fails the file at once with the JSON reason', () => {
		const error = downloadStatusError(400, {}, '{"error": "bad product_url"}');
		expect(error.message).toBe('the service refused the download (HTTP 400: bad product_url)');
		expect(error.retryable).toBeFalsy();
	});

	it('401/403 read as the search client says them; 429 and 5xx are retryable with Retry-After', () => {
		for (const status of [401, 403]) {
			const error = downloadStatusError(status, {}, PAGE);
			expect(error.kind).toBe('auth');
			expect(error.message).toBe(httpError(status, {}, PAGE).message);
		}
		expect(downloadStatusError(503, {'retry-after': '7'}, PAGE, 0)).toMatchObject({
			message: 'the service failed (HTTP 503: MAST | Not Found)',
			retryable: true,
			retryAfterMs: 7000,
		});
		expect(downloadStatusError(429, {}, '', 0)).toMatchObject({message: 'the service is limiting requests (HTTP 429)', retryable: true});
	});
});
