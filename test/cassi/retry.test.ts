import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {backoffMs, parseRetryAfter, withRetries, type RetryInfo} from '../../source/cassi/retry.js';

const NOW = Date.parse('2025-10-05T12:00:00Z');

function flaky(failures: CassiError[], value = 'ok') {
	let calls = 0;
	const fn = async () => {
		const failure = failures[calls++];
		if (failure) throw failure;
		return value;
	};
	return {fn, calls: () => calls};
}

function recorder() {
	const waits: number[] = [];
	const retries: RetryInfo[] = [];
	return {
		waits,
		retries,
		sleep: async (ms: number) => {
			waits.push(ms);
		},
		onRetry: (info: RetryInfo) => retries.push(info),
	};
}

const busy = (retryAfterMs?: number) =>
	new CassiError('http', 'the service failed (HTTP 503)', {status: 503, retryable: true, retryAfterMs});

describe('parseRetryAfter', () => {
	it('reads delta-seconds', () => {
		expect(parseRetryAfter('0', NOW)).toBe(0);
		expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
	});

	it('reads an HTTP date relative to now, never negative', () => {
		expect(parseRetryAfter('Sun, 05 Oct 2025 12:00:30 GMT', NOW)).toBe(30_000);
		expect(parseRetryAfter('Sun, 05 Oct 2025 11:00:00 GMT', NOW)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		for (const value of [undefined, null, '', 'soon', '-5', '1.5', 'Someday, 99 Foo']) {
			expect(parseRetryAfter(value, NOW)).toBeUndefined();
		}
	});
});

describe('withRetries', () => {
	it('retries retryable errors with capped exponential full-jitter backoff, then succeeds', async () => {
		const {fn, calls} = flaky([busy(), busy(), busy()]);
		const rec = recorder();
		const result = await withRetries(fn, {retries: 4, baseMs: 100, maxMs: 300, random: () => 0.999, sleep: rec.sleep, onRetry: rec.onRetry});
		expect(result).toBe('ok');
		expect(calls()).toBe(4);
		// Ceilings 100, 200, 400→300 (capped); jitter near the top with random ≈ 1.
		expect(rec.waits).toEqual([99, 199, 299]);
		expect(rec.retries.map(r => r.attempt)).toEqual([1, 2, 3]);
		expect(rec.retries[0].reason).toContain('HTTP 503');
	});

	it('draws the wait uniformly below the ceiling', () => {
		expect(backoffMs(3, 100, 10_000, () => 0)).toBe(0);
		expect(backoffMs(3, 100, 10_000, () => 0.5)).toBe(200);
		expect(backoffMs(30, 100, 10_000, () => 0.5)).toBe(5000);
	});

	it('gives up after the allowed retries with the last error', async () => {
		const last = busy();
		const {fn, calls} = flaky([busy(), busy(), last]);
		const rec = recorder();
		await expect(withRetries(fn, {retries: 2, sleep: rec.sleep})).rejects.toBe(last);
		expect(calls()).toBe(3);
	});

	it('does not retry errors that are not retryable', async () => {
		const refused = new CassiError('http', 'the service refused the request (HTTP 400)', {status: 400});
		const {fn, calls} = flaky([refused]);
		await expect(withRetries(fn, {sleep: recorder().sleep})).rejects.toBe(refused);
		expect(calls()).toBe(1);
		const plain = new Error('bug');
		await expect(withRetries(async () => Promise.reject(plain), {sleep: recorder().sleep})).rejects.toBe(plain);
	});

	it('waits exactly as long as Retry-After asks', async () => {
		const {fn} = flaky([busy(7000), busy(0)]);
		const rec = recorder();
		await withRetries(fn, {sleep: rec.sleep, random: () => 0.5});
		expect(rec.waits).toEqual([7000, 0]);
	});

	it('fails at once when Retry-After is longer than it is willing to wait', async () => {
		const {fn, calls} = flaky([busy(3_600_000)]);
		const rec = recorder();
		const error = await withRetries(fn, {sleep: rec.sleep, maxWaitMs: 120_000}).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).message).toBe('the service asked to wait 3600 s (Retry-After): try again later');
		expect((error as CassiError).status).toBe(503);
		expect(calls()).toBe(1);
		expect(rec.waits).toEqual([]);
	});

	it('stops waiting when aborted', async () => {
		const controller = new AbortController();
		const {fn, calls} = flaky([busy(60_000), busy()]);
		const pending = withRetries(fn, {signal: controller.signal, maxWaitMs: 120_000});
		setTimeout(() => controller.abort(), 5);
		const error = await pending.catch((error_: unknown) => error_);
		expect((error as CassiError).kind).toBe('aborted');
		expect(calls()).toBe(1);
	});
});
