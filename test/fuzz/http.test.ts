/**
 * Property tests for what the client reads from HTTP headers and error bodies: Retry-After,
 * Content-Range, error reasons and redirect targets. Whatever the service sends, the result
 * is a sane number or nothing, and every message is one clean line of bounded length.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {httpError, reasonFromBody, redirectError} from '../../source/cassi/http.js';
import {parseRetryAfter} from '../../source/cassi/retry.js';
import {downloadStatusError} from '../../source/cassi/download/http-status.js';
import {parseContentRange} from '../../source/cassi/download/transfer.js';

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const NOW = Date.UTC(2025, 9, 20, 12, 0, 0);

const hostileText = fc.oneof(
	fc.string({unit: 'binary', maxLength: 200}),
	fc.constantFrom('<html><title>\u001B]0;x\u0007Down</title></html>', '{"error": "\u001B[2J boom\\nsecond line"}', '{"message": 12}', '{', '\u0000'.repeat(50)),
	fc.jsonValue().map(value => JSON.stringify(value) ?? ''),
);
const retryAfter = fc.oneof(
	fc.string({maxLength: 30}),
	fc.nat().map(String),
	fc.bigInt({min: 0n, max: 10n ** 30n}).map(String),
	fc.date({noInvalidDate: true}).map(date => date.toUTCString()),
	fc.constantFrom('Fri, 31 Dec 9999 23:59:59 GMT', '-5', '1.5', 'soon', '', '9'.repeat(400)),
);

function expectCleanLine(message: string): void {
	expect(message).not.toMatch(CONTROL);
	expect(message.length).toBeLessThan(400);
}

describe('HTTP headers and error bodies (property)', () => {
	it('reads Retry-After as nothing or a finite wait that is not negative', () => {
		fc.assert(
			fc.property(retryAfter, value => {
				const wait = parseRetryAfter(value, NOW);
				if (wait !== undefined) {
					// A finite number of seconds: "asked to wait Infinity s" is no message for a person.
					expect(Number.isFinite(wait)).toBe(true);
					expect(wait).toBeGreaterThanOrEqual(0);
				}
			}),
		);
	});

	it('turns any error status, Retry-After and body into the typed error in one clean line', () => {
		fc.assert(
			fc.property(fc.integer({min: 300, max: 599}), fc.option(retryAfter, {nil: undefined}), hostileText, (status, after, body) => {
				for (const error of [
					httpError(status, {'retry-after': after}, body, NOW),
					downloadStatusError(status, {'retry-after': after}, body, NOW),
				]) {
					expect(error).toBeInstanceOf(CassiError);
					expectCleanLine(error.message);
					expect(error.retryable).toBe(status === 429 || status >= 500);
					if (status === 401 || status === 403) expect(error.kind).toBe('auth');
				}
			}),
			{numRuns: 2000},
		);
	});

	it('keeps an error body’s reason short and clean', () => {
		fc.assert(
			fc.property(hostileText, body => {
				const reason = reasonFromBody(body);
				expect(reason.length).toBeLessThanOrEqual(100);
				expect(reason).not.toMatch(CONTROL);
			}),
			{numRuns: 2000},
		);
	});

	it('names only a clean origin for any redirect target', () => {
		fc.assert(
			fc.property(fc.integer({min: 300, max: 399}), fc.option(fc.oneof(fc.webUrl(), hostileText), {nil: undefined}), (status, location) => {
				const error = redirectError(status, location, new URL('https://mast.stsci.edu/cassi/api/v0.1/roman/search/Eng'));
				expect(error.kind).toBe('security');
				expectCleanLine(error.message);
			}),
		);
	});

	it('reads Content-Range as nothing or a range that fits its total', () => {
		const near = fc
			.tuple(fc.constantFrom('bytes ', 'bytes=', 'BYTES ', ''), fc.nat(), fc.nat(), fc.oneof(fc.nat().map(String), fc.constant('*')))
			.map(([unit, a, b, total]) => `${unit}${a}-${b}/${total}`);
		fc.assert(
			fc.property(fc.oneof(near, fc.string({maxLength: 40})), value => {
				const range = parseContentRange(value);
				if (!range) return;
				expect(range.start).toBeLessThanOrEqual(range.end);
				if (range.total !== undefined) expect(range.end).toBeLessThan(range.total);
			}),
		);
	});
});
