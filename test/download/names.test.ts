/** Local names come from the server: only plain file names inside the folder pass. */
import {basename, dirname, join, resolve} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseChecksum} from '../../source/cassi/download/checksum.js';
import {localNameProblem, validateLocalName} from '../../source/cassi/download/names.js';
import {parseContentRange} from '../../source/cassi/download/transfer.js';

describe('validateLocalName', () => {
	it.each([
		['../x', /separator/],
		['a/b', /separator/],
		['a\\b', /separator/],
		['/etc/passwd', /separator/],
		['.', /"\."/],
		['..', /"\.\."/],
		['C:boot', /drive/],
		['a\u0000b', /NUL/],
		['a\u001b[2Jb', /control/],
		['a\u009bb', /control/],
		['', /empty/],
		[' lead', /white space/],
		['x'.repeat(256), /255 bytes/],
		['é'.repeat(128), /255 bytes/],
		['CGI_1.part', /\.part/],
		['.cassi.lock', /cassi uses/],
		['.cassi-journal.json', /cassi uses/],
	])('refuses %j', (name, reason) => {
		expect(localNameProblem(name)).toMatch(reason);
		expect(() => validateLocalName(name)).toThrow(/^refusing file name ".*": /);
	});

	it('accepts the archive names cassi meets', () => {
		for (const name of ['CGI_00011850', 'WFISCI_00016592', 'RST_EPH_PRED_20251004', 'TVAC1_file.asdf', 'x'.repeat(255)]) {
			expect(validateLocalName(name)).toBe(name);
		}
	});

	it('never lets an accepted name leave the folder', () => {
		const folder = resolve('/data/cassi-data');
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 300}), name => {
				if (localNameProblem(name)) return;
				const target = join(folder, name);
				expect(dirname(target)).toBe(folder);
				expect(basename(target)).toBe(name);
			}),
			{numRuns: 2000},
		);
	});

	it('shows a refused name without its escape sequences', () => {
		expect(() => validateLocalName('\u001b]0;pwned\u0007x')).toThrow(/^refusing file name "x": /);
	});
});

describe('checksum forms', () => {
	it('reads 32 hex digits as MD5 and 64 as SHA-256, whatever the case', () => {
		expect(parseChecksum('D41D8CD98F00B204E9800998ECF8427E')).toEqual({algorithm: 'md5', hex: 'd41d8cd98f00b204e9800998ecf8427e'});
		expect(parseChecksum('a'.repeat(64))).toEqual({algorithm: 'sha256', hex: 'a'.repeat(64)});
	});

	it.each(['', 'md5:abc', 'z'.repeat(32), 'a'.repeat(40), null, 42])('checks size only for %j', value => {
		expect(parseChecksum(value)).toBeUndefined();
	});
});

describe('Content-Range', () => {
	it('parses a full range and refuses inconsistent ones', () => {
		expect(parseContentRange('bytes 100-999/1000')).toEqual({start: 100, end: 999, total: 1000});
		expect(parseContentRange('bytes 100-999/*')).toEqual({start: 100, end: 999, total: undefined});
		expect(parseContentRange('bytes 100-1000/1000')).toBeUndefined();
		expect(parseContentRange('bytes 9-3/10')).toBeUndefined();
		expect(parseContentRange('items 1-2/3')).toBeUndefined();
		expect(parseContentRange(undefined)).toBeUndefined();
	});
});
