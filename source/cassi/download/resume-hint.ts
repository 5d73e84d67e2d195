/**
 * The exact command that continues a folder's downloads, printed when a run (headless or the
 * browser) ends with files left: `--api-url` only when a bare `cassi resume` would not reach the
 * same service (the demo archive is restarted from the journal's mark, so it needs none).
 */
import {resolveApiUrl, sameApi} from '../endpoints.js';
import {sanitizeText} from '../sanitize.js';

/** Quote a word for a POSIX shell only when it needs it. */
export function shellWord(text: string): string {
	const clean = sanitizeText(text);
	return /^[\w@%+=:,./-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
}

export function resumeCommandLine(folder: string, apiUrl: string, demo: boolean, env: NodeJS.ProcessEnv = process.env): string {
	const base = `cassi resume ${shellWord(folder)}`;
	if (demo || sameApi(apiUrl, resolveApiUrl(undefined, env))) return base;
	return `${base} --api-url ${shellWord(apiUrl)}`;
}
