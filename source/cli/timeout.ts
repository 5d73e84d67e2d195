import {Option} from 'commander';
import {CassiError} from '../cassi/errors.js';
import {sanitizeText} from '../cassi/sanitize.js';

export const DEFAULT_TIMEOUT_SECONDS = 120;

/** `--timeout SECONDS`: how long one wait for the service may last, in ms (a usage error otherwise). */
export function parseTimeout(text: string | undefined): number {
	if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
	const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
	if (!(value >= 0.1 && value <= 3600)) {
		throw new CassiError('usage', `--timeout "${sanitizeText(text)}" is not a number of seconds from 0.1 to 3600: pass e.g. --timeout 30`);
	}
	return Math.round(value * 1000);
}

/** The one `--timeout` flag, for the root command and every subcommand that searches (check, sync). */
export function timeoutOption(): Option {
	return new Option('--timeout <seconds>', 'how long one wait for the service may last').default(String(DEFAULT_TIMEOUT_SECONDS), String(DEFAULT_TIMEOUT_SECONDS));
}

/**
 * How a headless search keeps the user told while the service is slow: its time limit, and
 * where "no answer for 5 s" and each retry go (stderr, unless -q). Spread into runSearch.
 */
export function waitingFor(flags: {timeout?: string; quiet?: boolean}): {timeoutMs: number; notices?: NodeJS.WritableStream} {
	const timeoutMs = parseTimeout(flags.timeout);
	return flags.quiet ? {timeoutMs} : {timeoutMs, notices: process.stderr};
}
