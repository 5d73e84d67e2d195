import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseDateInput} from '../../source/cassi/dates.js';
import {CassiError} from '../../source/cassi/errors.js';
import {Deduper, parseSearchResponse, recordId} from '../../source/cassi/records.js';
import type {CassiRecord} from '../../source/cassi/types.js';

const NORMAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

describe('dates, for any input', () => {
	it('either normalise to YYYY-MM-DDTHH:MM:SS or fail with a one-line usage error', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 30}), fc.constantFrom('start' as const, 'end' as const), (text, edge) => {
				try {
					expect(parseDateInput(text, edge, new Date('2025-10-05T12:00:00Z'))).toMatch(NORMAL);
				} catch (error) {
					expect(error).toBeInstanceOf(CassiError);
					expect((error as CassiError).kind).toBe('usage');
					expect((error as CassiError).message).not.toMatch(/[\n\r]/);
				}
			}),
		);
	});

	it('read back every real instant unchanged, and a day as its two edges', () => {
		const min = Date.parse('1990-01-01T00:00:00Z');
		const max = Date.parse('2099-12-31T23:59:59Z');
		fc.assert(
			fc.property(fc.integer({min: min / 1000, max: max / 1000}), seconds => {
				const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
				expect(parseDateInput(iso, 'start')).toBe(iso);
				expect(parseDateInput(iso.replace('T', ' '), 'end')).toBe(iso);
				const day = iso.slice(0, 10);
				expect(parseDateInput(day, 'start')).toBe(`${day}T00:00:00`);
				expect(parseDateInput(day, 'end')).toBe(`${day}T23:59:59`);
			}),
		);
	});
});

describe('responses, for any JSON', () => {
	it('parse or fail with a one-line schema error, never anything else', () => {
		fc.assert(
			fc.property(fc.jsonValue({maxDepth: 4}), json => {
				try {
					const parsed = parseSearchResponse(json);
					expect(Array.isArray(parsed.records)).toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(CassiError);
					expect((error as CassiError).kind).toBe('schema');
					expect((error as CassiError).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
				}
			}),
		);
	});

	it('never let a control character through in any string of a valid record', () => {
		const text = fc.string({unit: 'binary', maxLength: 12});
		const record = fc.record({archiveFileName: text, fileType: text, ingestCompletionDate: text, checksum: fc.option(text), note: text});
		fc.assert(
			fc.property(fc.array(record, {maxLength: 5}), results => {
				const {records} = parseSearchResponse({results});
				for (const record of records) {
					for (const [key, value] of Object.entries(record)) {
						expect(key).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
						if (typeof value === 'string') expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
					}
				}
			}),
		);
	});
});

describe('de-duplication, for any stream of pages', () => {
	const small = fc.constantFrom('a', 'b');
	const row = fc.record({
		archiveFileName: small,
		fileType: small,
		ingestCompletionDate: small,
		checksum: fc.constantFrom('x', null, undefined),
		search_key: small,
		size: fc.nat(3),
	});

	it('keeps exactly the first row of every key, in order, however the rows are split into pages', () => {
		fc.assert(
			fc.property(fc.array(fc.array(row, {maxLength: 8}), {maxLength: 5}), pages => {
				const deduper = new Deduper();
				const kept = pages.flatMap(page => deduper.add(page as CassiRecord[]));
				const all = pages.flat() as CassiRecord[];
				const expected = all.filter((record, index) => all.findIndex(other => recordId(other) === recordId(record)) === index);
				expect(kept).toEqual(expected);
				expect(deduper.duplicates).toBe(all.length - expected.length);
			}),
		);
	});
});
