import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {csvCell, jsonBytesAreClean, jsonTextIsClean, sanitizeDeep, sanitizeText} from '../../source/cassi/sanitize.js';

const ESC = '\u001B';

describe('sanitizeText', () => {
	it.each([
		['OSC 0 window title', `CGI_1${ESC}]0;pwned\u0007.fits`, 'CGI_1.fits'],
		['OSC 52 clipboard', `A${ESC}]52;c;ZWNobyBoaQ==${ESC}\\B`, 'AB'],
		['CSI clear screen', `${ESC}[2J${ESC}[HCGI_2`, 'CGI_2'],
		['SGR colour', `${ESC}[31mred${ESC}[0m`, 'red'],
		['C1 CSI', 'x\u009B2Jy', 'xy'],
		['NUL and BEL', 'a\u0000b\u0007c', 'abc'],
		['DEL', 'a\u007Fb', 'ab'],
		['newlines become spaces', 'a\nb\tc', 'a b c'],
	])('strips %s', (_label, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
	});

	it('leaves ordinary text, including non-ASCII, untouched', () => {
		expect(sanitizeText('Science WFI Level 0 — µs ✓')).toBe('Science WFI Level 0 — µs ✓');
	});

	it('never leaves an ESC byte behind, even in a truncated sequence', () => {
		for (const input of [`${ESC}`, `${ESC}[`, `${ESC}]0;title`, `a${ESC}P1;2`]) {
			expect(sanitizeText(input)).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		}
	});
});

describe('sanitizeDeep', () => {
	it('cleans nested strings and keys, keeps numbers and null', () => {
		const value = {[`k${ESC}[1m`]: [{name: `n${ESC}]0;x\u0007`, size: 3, sum: null}]};
		expect(sanitizeDeep(value)).toEqual({k: [{name: 'n', size: 3, sum: null}]});
	});
});

describe('csvCell', () => {
	it('quotes commas, quotes and spaces', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('Science CGI Level 0')).toBe('"Science CGI Level 0"');
	});

	it('neutralises spreadsheet formulas', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('+1')).toBe("'+1");
	});

	it('writes numbers and empty values plainly', () => {
		expect(csvCell(42)).toBe('42');
		expect(csvCell(undefined)).toBe('');
	});
});

describe('jsonTextIsClean (the search body is scanned once instead of every string)', () => {
	// Strings drawn from the characters sanitising acts on, as JSON.stringify and other servers write them.
	const nasty = fc.string({unit: fc.constantFrom('a', 'é', '\u001b', '\n', '\t', '\u0085', '\u009b', '\u202e', '\u2028', '\u061c', '\\', '"', '/')});
	const value = fc.letrec(tie => ({
		value: fc.oneof({depthSize: 'small'}, nasty, fc.integer(), fc.constant(null), fc.array(tie('value'), {maxLength: 3}), fc.dictionary(nasty, tie('value'), {maxKeys: 3})),
	})).value;

	it('never calls a body clean when sanitising would change a string in it', () => {
		fc.assert(
			fc.property(value, fc.boolean(), (json, asciiOnly) => {
				let text = JSON.stringify(json);
				// Some servers escape every non-ASCII character (Python's json.dumps does).
				if (asciiOnly) text = text.replace(/[\u007f-\uffff]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
				if (jsonTextIsClean(text)) expect(sanitizeDeep(JSON.parse(text))).toEqual(JSON.parse(text));
			}),
			{numRuns: 500},
		);
	});

	it('calls the bytes of a body clean only when its text is clean (the check made before decoding)', () => {
		fc.assert(
			fc.property(value, fc.boolean(), (json, asciiOnly) => {
				let text = JSON.stringify(json);
				if (asciiOnly) text = text.replace(/[\u007f-\uffff]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
				if (jsonBytesAreClean(Buffer.from(text))) expect(jsonTextIsClean(text)).toBe(true);
			}),
			{numRuns: 500},
		);
		expect(jsonBytesAreClean(Buffer.from('{"results":[{"archiveFileName":"CGI_0001","fileType":"Science CGI Level 0"}]}'))).toBe(true);
		for (const text of ['{"a":"\\u001b"}', '{"a":"\u007f"}', '{"a":"é"}', '\uFEFF{"a":1}']) expect(jsonBytesAreClean(Buffer.from(text))).toBe(false);
	});

	it('calls an ordinary body clean', () => {
		expect(jsonTextIsClean(JSON.stringify({results: [{archiveFileName: 'CGI_0001', fileType: 'Science CGI Level 0', note: 'a/b "c" \\'}]}, null, 2))).toBe(true);
	});
});
