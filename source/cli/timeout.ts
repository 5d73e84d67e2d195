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
