/**
 * Retries with capped exponential backoff and full jitter, honouring Retry-After.
 * Generic: the search client and the download engine both use it. Only CassiErrors marked
 * retryable are retried; anything else is a final answer.
 */
import {CassiError, isCassiError} from './errors.js';

export interface RetryInfo {
	/** 1 for the first retry. */
	attempt: number;
	waitMs: number;
	reason: string;
	error: CassiError;
}

export interface RetryOptions {
	/** Retries after the first try (default 4). */
	retries?: number;
	/** First backoff ceiling (default 500 ms), doubled per attempt. */
	baseMs?: number;
	/** Backoff ceiling (default 30 s). */
	maxMs?: number;
	/** The longest Retry-After we are willing to sit through (default 120 s). */
	maxWaitMs?: number;
	signal?: AbortSignal;
	onRetry?: (info: RetryInfo) => void;
	/** For tests: a source of [0, 1) and a sleeper. */
	random?: () => number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const RETRY_DEFAULTS = {retries: 4, baseMs: 500, maxMs: 30_000, maxWaitMs: 120_000} as const;

/** `Retry-After` as delta-seconds or an HTTP date → milliseconds from `now` (never negative). */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
	if (value === null || value === undefined) return undefined;
	const text = value.trim();
	// Capped at a year: 400 digits would be Infinity, and "wait Infinity s" tells nobody anything.
	if (/^\d+$/.test(text)) return Math.min(Number(text), 365 * 86_400) * 1000;
	// An HTTP date always names a weekday or month; this keeps "12.5" or "soon" out of Date.parse.
	if (!/[a-z]{3}/i.test(text)) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/** Full jitter: a uniform wait between 0 and the capped exponential ceiling. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.floor(random() * ceiling);
}

function abortedError(): CassiError {
	return new CassiError('aborted', 'cancelled');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortedError());
			return;
		}
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortedError());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

/** Run `fn` (given the 0-based attempt) until it succeeds, fails for good, or retries run out. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
	const retries = options.retries ?? RETRY_DEFAULTS.retries;
	const baseMs = options.baseMs ?? RETRY_DEFAULTS.baseMs;
	const maxMs = options.maxMs ?? RETRY_DEFAULTS.maxMs;
	const maxWaitMs = options.maxWaitMs ?? RETRY_DEFAULTS.maxWaitMs;
	const wait = options.sleep ?? sleep;
	for (let attempt = 0; ; attempt++) {
		if (options.signal?.aborted) throw abortedError();
		try {
			return await fn(attempt);
		} catch (error) {
			if (!isCassiError(error) || !error.retryable || attempt >= retries) throw error;
			if (options.signal?.aborted) throw abortedError();
			let waitMs: number;
			if (error.retryAfterMs !== undefined) {
				if (error.retryAfterMs > maxWaitMs) {
					const seconds = Math.ceil(error.retryAfterMs / 1000);
					throw new CassiError(error.kind, `the service asked to wait ${seconds} s (Retry-After): try again later`, {
						status: error.status,
						cause: error,
					});
				}
				waitMs = error.retryAfterMs;
			} else {
				waitMs = backoffMs(attempt + 1, baseMs, maxMs, options.random);
			}
			options.onRetry?.({attempt: attempt + 1, waitMs, reason: error.message, error});
			await wait(waitMs, options.signal);
		}
	}
}
