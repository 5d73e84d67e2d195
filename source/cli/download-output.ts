import type {HeadlessOutputOptions} from '../headless/download.js';
import {CassiError} from '../cassi/errors.js';

/** `-j/--parallel`: a whole number from 1 to 64, for `--download` and `resume` alike; unset: the engine adapts. */
export function parseParallel(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 64) {
		throw new CassiError('usage', `--parallel "${text}" is not a whole number from 1 to 64`);
	}
	return Number(text);
}

/** Where a headless download or resume reports: progress on stderr, the manifest on stdout. */
export function downloadOutput(
	flags: {quiet?: boolean; json?: boolean; manifest?: string},
	signal: AbortSignal,
	demo: boolean,
): HeadlessOutputOptions {
	return {
		quiet: Boolean(flags.quiet),
		json: Boolean(flags.json),
		manifestPath: flags.manifest,
		stdout: process.stdout,
		stderr: process.stderr,
		isTTY: Boolean(process.stderr.isTTY),
		columns: process.stderr.columns ?? 80,
		signal,
		engine: {demo},
	};
}
