/**
 * Property tests for the one place server strings are made safe for a terminal or a CSV:
 * no C0, DEL, C1 or ESC survives, sanitising twice changes nothing, plain text is left
 * alone, and the deep variant keeps the shape of the JSON it cleans.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {csvCell, sanitizeDeep, sanitizeText} from '../../source/cassi/sanitize.js';

// C0, DEL, C1, and the invisible direction and line controls that make text display as other text.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;

/** Hostile text: terminal sequences (7-bit and C1), stray controls, and ordinary characters mixed. */
const hostile = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				'\u001B]0;pwned\u0007', // OSC 0: window title
				'\u001B]52;c;ZWNobyBoaQ==\u001B\\', // OSC 52: clipboard
				'\u001B[2J', // CSI: clear screen
				'\u001B[H',
				'\u001B[31m',
				'\u001B[?1049h',
				'\u001BP1$r\u001B\\', // DCS
				'\u001B_x\u001B\\', // APC
				'\u009B2J', // C1 CSI
				'\u009D0;title\u009C', // C1 OSC
				'\u001B',
				'\u0007',
				'\u0000',
				'\r\n',
				'\t',
				'\u007F',
				'\u0085',
				'\u202E', // right-to-left override (Trojan Source)
				'\u2066',
				'\u200F',
				'\u2028',
				'[',
				']',
				'\\',
			),
			fc.string({unit: 'binary', maxLength: 6}),
			fc.string({maxLength: 6}),
		),
		{maxLength: 12},
	)
	.map(parts => parts.join(''));

const plain = fc.string({unit: 'binary', maxLength: 60}).filter(text => !CONTROL.test(text));
const anyText = fc.oneof(hostile, fc.string({unit: 'binary', maxLength: 60}));

/** Every string (and key) in a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const item of value) strings(item, out);
	else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			out.push(key);
			strings(item, out);
		}
	}
	return out;
}

describe('sanitizeText (property)', () => {
	it('leaves no control character or escape in its output', () => {
		fc.assert(
			fc.property(anyText, text => {
				expect(sanitizeText(text)).not.toMatch(CONTROL);
			}),
			{numRuns: 3000},
		);
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(anyText, text => {
				const once = sanitizeText(text);
				expect(sanitizeText(once)).toBe(once);
			}),
			{numRuns: 2000},
		);
	});

	it('returns plain strings untouched', () => {
		fc.assert(
			fc.property(plain, text => {
				expect(sanitizeText(text)).toBe(text);
			}),
		);
	});

	it('never removes the plain text around a sequence', () => {
		fc.assert(
			fc.property(plain, plain, fc.constantFrom('\u001B[2J', '\u001B]0;x\u0007', '\u001B]52;c;QQ==\u001B\\', '\u009B31m', '\u0000'), (a, b, sequence) => {
				// A `[`, `]` or `\` right after the sequence could be read as part of it; keep a space between.
				expect(sanitizeText(`${a} ${sequence} ${b}`)).toBe(`${a}  ${b}`);
			}),
		);
	});
});

describe('sanitizeDeep (property)', () => {
	const hostileJson = fc.letrec<{value: unknown}>(tie => ({
		value: fc.oneof(
			{depthSize: 'small'},
			anyText,
			fc.integer(),
			fc.boolean(),
			fc.constant(null),
			fc.array(tie('value'), {maxLength: 4}),
			fc.dictionary(fc.oneof(anyText, fc.constantFrom('__proto__', 'constructor', 'toString')), tie('value'), {maxKeys: 4}),
		),
	})).value;

	it('cleans every string and key in a JSON value', () => {
		fc.assert(
			fc.property(hostileJson, value => {
				for (const text of strings(sanitizeDeep(value))) expect(text).not.toMatch(CONTROL);
			}),
		);
	});

	it('keeps clean JSON exactly as it was, including keys like __proto__', () => {
		fc.assert(
			fc.property(fc.jsonValue(), value => {
				fc.pre(!strings(value).some(text => CONTROL.test(text)));
				// Parsed JSON, as the client has it: "__proto__" is an own key there.
				const parsed = JSON.parse(JSON.stringify(value)) as unknown;
				const clean = sanitizeDeep(parsed);
				expect(JSON.stringify(clean)).toBe(JSON.stringify(parsed));
			}),
		);
		const parsed = JSON.parse('{"__proto__": {"times": {"startTime": "x"}}, "a": 1}') as Record<string, unknown>;
		const clean = sanitizeDeep(parsed) as Record<string, unknown>;
		expect(Object.keys(clean)).toEqual(['__proto__', 'a']);
		// A key named __proto__ must stay data, never become the object's prototype.
		expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
		expect((clean as {times?: unknown}).times).toBeUndefined();
	});
});

describe('csvCell (property)', () => {
	it('gives one cell with no control character that a CSV reader reads back as the clean text', () => {
		fc.assert(
			fc.property(anyText, text => {
				const cell = csvCell(text);
				expect(cell).not.toMatch(CONTROL);
				const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
				expect(unquoted.startsWith('"') && !cell.startsWith('"')).toBe(false);
				const clean = sanitizeText(text);
				// A leading = + - @ is neutralised with a quote so a spreadsheet never runs it.
				expect(unquoted).toBe(/^[=+\-@]/.test(clean) ? `'${clean}` : clean);
			}),
			{numRuns: 2000},
		);
	});
});
