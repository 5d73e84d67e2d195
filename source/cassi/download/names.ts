/**
 * The local name of a download comes from the server (archiveFileName), so it is
 * untrusted: it must be one plain file name inside the target folder, nothing else.
 */
import {CassiError} from '../errors.js';
import {sanitizeText} from '../sanitize.js';

const MAX_NAME_BYTES = 255;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// Our own working files in the folder; a product may not take their names.
const RESERVED = /^\.cassi-journal\.json(?:\.tmp.*)?$|^\.cassi\.lock(?:\..*)?$/i;

/** Why `name` cannot be used as a local file name, or undefined when it can. */
export function localNameProblem(name: unknown): string | undefined {
	if (typeof name !== 'string' || name.length === 0) return 'the file name is empty';
	if (name.includes('\u0000')) return 'the file name contains a NUL character';
	if (CONTROL.test(name)) return 'the file name contains control characters';
	// U+202E and friends make a name display as another ("CGI_1\u202Estif.exe" shows "CGI_1exe.fits").
	if (/[\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/.test(name)) return 'the file name contains invisible direction or line controls';
	if (name === '.' || name === '..') return 'the file name is "." or ".."';
	if (name.includes('/') || name.includes('\\')) return 'the file name contains a path separator';
	if (/^[a-zA-Z]:/.test(name)) return 'the file name looks like an absolute (drive) path';
	if (name.trim() !== name) return 'the file name starts or ends with white space';
	if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
		return `the file name is longer than ${MAX_NAME_BYTES} bytes`;
	}
	if (name.endsWith('.part')) return 'the file name ends in .part, which cassi uses for partial files';
	if (RESERVED.test(name)) return 'the file name is one cassi uses for its own files';
	return undefined;
}

/** A name safe to show on one terminal line (the raw one may hold escapes). */
export function displayName(name: string, max = 80): string {
	const clean = sanitizeText(String(name));
	return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Throws a CassiError with a one-line reason when `name` is not a plain file name. */
export function validateLocalName(name: string): string {
	const problem = localNameProblem(name);
	if (problem) throw new CassiError('download', `refusing file name "${displayName(name)}": ${problem}`);
	return name;
}

/** Case-insensitive key, as a case-insensitive file system (macOS, Windows) sees names. */
export function foldName(name: string): string {
	return name.normalize('NFC').toLowerCase();
}
