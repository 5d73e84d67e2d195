/**
 * The one place where strings from the server are made safe for a terminal or a CSV.
 * Ink (6.8+) keeps colour and OSC sequences, so a hostile file name could set the
 * window title, write the clipboard (OSC 52) or clear the screen: strip every escape
 * sequence first, then any control character left over (C0, DEL, C1).
 */
import {isAscii} from 'node:buffer';

// ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
// (ESC P|X|^|_ ... ST), and two-byte escapes (ESC + one char).
const ESCAPE_SEQUENCE =
	/\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_]?)/g;
// C1 introducers used as single bytes (CSI = U+009B, OSC = U+009D, ...), then every other control.
const C1_SEQUENCE = /[\u009B][0-?]*[ -/]*[@-~]|[\u009D\u0090\u0098\u009E\u009F][^\u0007\u009C]*(?:\u0007|\u009C)?/g;
// Also the invisible direction controls (bidi embeddings, overrides, isolates and marks): a name
// holding U+202E shows reversed, so "CGI_1\u202Estif.exe" reads as "CGI_1exe.fits" (Trojan Source).
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const HAS_CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;

// In JSON text, a control character inside a string can only be written as an escape (JSON.parse
// refuses a raw one): \b \f \n \r \t or \u. The other characters sanitizeText removes may stand
// as themselves. A text with neither parses to strings sanitizeText would leave as they are.
const JSON_MAY_HOLD_CONTROL = /\\[bfnrtu]|[\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;

/**
 * True when every string JSON.parse makes of `text` (keys too) is already clean: one scan of the
 * body instead of a test per string. False may still be clean (`\u00e9` is only an é).
 */
export function jsonTextIsClean(text: string): boolean {
	return !JSON_MAY_HOLD_CONTROL.test(text);
}

/**
 * jsonTextIsClean from the body's bytes, before they are decoded: ASCII with no backslash (so no
 * escape) and no DEL is clean. Three native scans of a 17 MB body take ~1 ms where the regular
 * expression takes ~10; false only means "look at the text".
 */
export function jsonBytesAreClean(bytes: Buffer): boolean {
	return isAscii(bytes) && !bytes.includes(0x5c) && !bytes.includes(0x7f);
}

/** Remove escape sequences and control characters; tabs and newlines become spaces. */
export function sanitizeText(value: string): string {
	// Every sequence stripped below starts with a control character; most strings have none.
	if (!HAS_CONTROL.test(value)) return value;
	return value
		.replace(ESCAPE_SEQUENCE, '')
		.replace(C1_SEQUENCE, '')
		.replace(/[\t\n\r\u2028\u2029]/g, ' ')
		.replace(CONTROL, '');
}

/** Deep-sanitise every string in a JSON value (keys too); numbers, booleans and null pass. */
export function sanitizeDeep<T>(value: T): T {
	if (typeof value === 'string') return sanitizeText(value) as T;
	if (Array.isArray(value)) return value.map(item => sanitizeDeep(item)) as T;
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
			const clean = sanitizeText(key);
			// Assigning "__proto__" would set the copy's prototype (inherited fields, a lost key); keep it data.
			if (clean === '__proto__') Object.defineProperty(out, clean, {value: sanitizeDeep(item), enumerable: true, writable: true, configurable: true});
			else out[clean] = sanitizeDeep(item);
		}
		return out as T;
	}
	return value;
}

/**
 * CSV cells: sanitised, quoted when needed, and a leading = + - @ neutralised so a
 * spreadsheet never evaluates a server string as a formula.
 */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'string' ? sanitizeText(value) : String(value);
	if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
	return /[",\s]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
