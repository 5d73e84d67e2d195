import {describe, expect, it} from 'vitest';
import {authHeaders, httpError, reasonFromBody} from '../../source/cassi/http.js';

const NOW = Date.parse('2025-10-05T12:00:00Z');

describe('reasonFromBody', () => {
	it('takes the message of a JSON error body', () => {
		expect(reasonFromBody('{"error": "Invalid condition: fileType"}')).toBe('Invalid condition: fileType');
		expect(reasonFromBody('{"detail": "limit too large", "code": 7}')).toBe('limit too large');
	});

	it('takes the title of an HTML page, never its markup', () => {
		expect(reasonFromBody('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>x</body></html>')).toBe(
			'502 Bad Gateway',
		);
		expect(reasonFromBody('<html><body><h1>Oops</h1></body></html>')).toBe('');
	});

	it('takes the first line of plain text, cleaned and shortened', () => {
		expect(reasonFromBody('bad request\nTraceback (most recent call last):\n  ...')).toBe('bad request');
		expect(reasonFromBody('\u001B]0;title\u0007nasty\u001B[2J text')).toBe('nasty text');
		const long = reasonFromBody('y'.repeat(500));
		expect(long).toHaveLength(100);
		expect(long.endsWith('…')).toBe(true);
	});

	it('says nothing for an empty body or JSON without a message', () => {
		expect(reasonFromBody('')).toBe('');
		expect(reasonFromBody('{"results": []}')).toBe('');
	});
});

describe('httpError', () => {
	it("points to MAST's token page only for MAST: another service is named, with the emulator's token", () => {
		const elsewhere = httpError(401, {}, '', NOW, new URL('http://127.0.0.1:8123/cassi/api/v0.1/roman/search/Eng'));
		expect(elsewhere.kind).toBe('auth');
		expect(elsewhere.message).toContain('token rejected or expired (by 127.0.0.1:8123, not MAST)');
		expect(elsewhere.message).toContain('"cassi-demo-token"');
		expect(elsewhere.message).not.toContain('auth.mast.stsci.edu');
		const mast = httpError(401, {}, '', NOW, new URL('https://mast.stsci.edu/cassi/api/v0.1/roman/search/Eng'));
		expect(mast.message).toContain('https://auth.mast.stsci.edu/token');
	});

	it('maps 401 and 403 to the auth error, whatever the body says', () => {
		for (const status of [401, 403]) {
			const error = httpError(status, {}, '{"error": "whatever"}');
			expect(error.kind).toBe('auth');
			expect(error.message).toContain('token rejected or expired');
			expect(error.retryable).toBe(false);
		}
	});

	it('makes 429 and 5xx retryable and carries Retry-After (seconds or date)', () => {
		const limited = httpError(429, {'retry-after': '30'}, '', NOW);
		expect([limited.retryable, limited.retryAfterMs, limited.status]).toEqual([true, 30_000, 429]);
		const busy = httpError(503, {'retry-after': 'Sun, 05 Oct 2025 12:01:00 GMT'}, '', NOW);
		expect([busy.retryable, busy.retryAfterMs]).toEqual([true, 60_000]);
		expect(httpError(500, {}, '').retryAfterMs).toBeUndefined();
	});

	it('does not retry other 4xx and names the status and reason', () => {
		const error = httpError(400, {}, '{"message": "malformed body"}');
		expect(error.retryable).toBe(false);
		expect(error.message).toBe('the service refused the request (HTTP 400: malformed body): check the query');
		expect(httpError(404, {}, '').message).toBe('the service refused the request (HTTP 404): check the query');
	});
});

describe('authHeaders', () => {
	it('sends the token the way MAST expects it', () => {
		expect(authHeaders('abc')).toEqual({Authorization: 'token abc', 'Content-Type': 'application/json'});
	});
});
