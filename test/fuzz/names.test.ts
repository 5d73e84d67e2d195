/**
 * Property tests for the download name validator: a name from the server is accepted only
 * when it is one plain file name that stays inside the target folder (on POSIX and Windows
 * path rules alike), and a refusal is one clean line naming the problem.
 */
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {localNameProblem, validateLocalName} from '../../source/cassi/download/names.js';

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;

/** Names built from the pieces that make path tricks, mixed with ordinary and arbitrary text. */
const tricky = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				'..', '.', '/', '\\', '../', '..\\', '/etc/passwd', 'C:', 'c:\\', '\\\\server\\share', '~', '%2e%2e%2f', '\u0000',
				'\u001B]0;x\u0007', '\u001B[2J', '\n', ' ', '.part', '.cassi-journal.json', '.cassi.lock', 'CGI_00011850', ':', '\u2215', '\uFF0F', '\u202E', '\u2067',
			),
			fc.string({unit: 'binary', maxLength: 8}),
			fc.string({unit: 'grapheme-ascii', maxLength: 8}),
		),
		{maxLength: 8},
	)
	.map(parts => parts.join(''));
const long = fc.string({unit: 'grapheme-ascii', minLength: 200, maxLength: 400});
const anyName = fc.oneof(tricky, long, fc.string({unit: 'binary', maxLength: 40}));

const POSIX_FOLDER = '/home/user/cassi-data';
const WIN_FOLDER = 'C:\\Users\\user\\cassi-data';

describe('download name validator (property)', () => {
	it('never accepts a name that resolves outside the folder or is not a plain file name', () => {
		fc.assert(
			fc.property(anyName, name => {
				if (localNameProblem(name) !== undefined) return;
				const posix = path.posix.resolve(POSIX_FOLDER, name);
				expect(path.posix.dirname(posix)).toBe(POSIX_FOLDER);
				expect(path.posix.basename(posix)).toBe(name);
				const win = path.win32.resolve(WIN_FOLDER, name);
				expect(path.win32.dirname(win)).toBe(WIN_FOLDER);
				expect(name).not.toMatch(CONTROL);
				expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
				expect(name.endsWith('.part')).toBe(false);
			}),
			{numRuns: 5000},
		);
	});

	it('refuses with one clean line that names the file and the reason', () => {
		fc.assert(
			fc.property(anyName, name => {
				const problem = localNameProblem(name);
				let error: unknown;
				try {
					expect(validateLocalName(name)).toBe(name);
				} catch (error_) {
					error = error_;
				}
				if (problem === undefined) {
					expect(error).toBeUndefined();
					return;
				}
				expect(error).toBeInstanceOf(CassiError);
				const message = (error as CassiError).message;
				expect(message).toMatch(/^refusing file name ".*": /);
				expect(message).toContain(problem);
				expect(message).not.toMatch(CONTROL);
			}),
			{numRuns: 3000},
		);
	});

	it('accepts the archive names the service really uses', () => {
		const real = fc
			.tuple(fc.constantFrom('CGI_', 'WFISCI_', 'WFIGW_', 'FPEHK_', 'SCANC_', 'RST_EPH_PRED_', 'RST_FSWLOG_'), fc.integer({min: 0, max: 99_999_999}))
			.map(([prefix, serial]) => `${prefix}${String(serial).padStart(8, '0')}`);
		fc.assert(
			fc.property(real, name => {
				expect(localNameProblem(name)).toBeUndefined();
			}),
		);
	});
});
