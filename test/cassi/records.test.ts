import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {Deduper, exposure, parseSearchResponse, productUrl, recordId, recordSize} from '../../source/cassi/records.js';
import type {CassiRecord} from '../../source/cassi/types.js';

function row(name: string, extra: Partial<CassiRecord> = {}): CassiRecord {
	return {
		archiveFileName: name,
		fileType: 'Science CGI Level 0',
		ingestCompletionDate: '2025-10-04T00:01:27.8970000',
		checksum: `sum-${name}`,
		search_key: `key-${name}`,
		distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: 1234},
		times: null,
		...extra,
	};
}

function schemaMessage(json: unknown): string {
	try {
		parseSearchResponse(json);
	} catch (error) {
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).kind).toBe('schema');
		const message = (error as CassiError).message;
		expect(message).not.toContain('\n');
		expect(message).not.toMatch(/ZodError|invalid_type|at .*\.js/);
		return message;
	}
	throw new Error('expected a schema error');
}

describe('parseSearchResponse', () => {
	it('returns the records and total, keeping unknown fields and the service’s field order', () => {
		const json = {
			totalResults: 2,
			messages: [],
			results: [{zeta: 1, ...row('CGI_00011850')}, row('CGI_00011851', {extraField: {nested: true}})],
		};
		const parsed = parseSearchResponse(json);
		expect(parsed.total).toBe(2);
		expect(parsed.records.map(r => r.archiveFileName)).toEqual(['CGI_00011850', 'CGI_00011851']);
		expect(Object.keys(parsed.records[0])[0]).toBe('zeta');
		expect(parsed.records[1].extraField).toEqual({nested: true});
	});

	it('treats totalResults as optional', () => {
		expect(parseSearchResponse({results: []})).toEqual({records: []});
		expect(parseSearchResponse({results: [], totalResults: null})).toEqual({records: []});
		expect(parseSearchResponse({results: [], totalResults: '12'}).total).toBe(12);
	});

	it('names the first bad field in one line', () => {
		const results = [row('A'), row('B'), row('C'), {...row('D'), fileType: 7}];
		expect(schemaMessage({results})).toMatch(
			/^the service sent a malformed response: results\[3\]\.fileType is not a string/,
		);
		expect(schemaMessage({results: [{fileType: 'x', ingestCompletionDate: 'y'}]})).toContain(
			'results[0].archiveFileName is missing',
		);
		expect(schemaMessage({total: 3})).toContain('results is missing');
		expect(schemaMessage({results: 'none'})).toContain('results is not an array');
		expect(schemaMessage({results: [], totalResults: 'many'})).toContain('totalResults');
		expect(schemaMessage([row('A')])).toContain('the body is not a JSON object');
		expect(schemaMessage(null)).toContain('the body is not a JSON object');
		expect(schemaMessage({results: [row('A', {distribution: {url: {mast: 5}}} as never)]})).toContain(
			'results[0].distribution.url.mast is not a string',
		);
		expect(schemaMessage({results: [row('A', {times: 'soon'} as never)]})).toContain('results[0].times');
	});

	it('counts further problems in the same record without listing them', () => {
		expect(schemaMessage({results: [{}]})).toMatch(/results\[0\]\.archiveFileName is missing \(and 2 more\)/);
	});

	it('strips escape sequences and control characters from every server string, keys too', () => {
		const hostile = row('CGI_\u001B]0;pwned\u0007X\u001B[2J', {
			fileType: 'Science\u0000 CGI\u009B31m Level 0',
			'evil\u001B[31mkey': 'v\u0007',
			distribution: {url: {mast: 'mast:\u001B]52;c;ZXZpbA==\u0007x'}, size: 5},
		});
		const [record] = parseSearchResponse({results: [hostile]}).records;
		expect(record.archiveFileName).toBe('CGI_X');
		expect(record.fileType).toBe('Science CGI Level 0');
		expect(record['evilkey']).toBe('v');
		expect(productUrl(record)).toBe('mast:x');
		expect(JSON.stringify(record)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});
});

describe('sanitising edge cases', () => {
	it('keeps a "__proto__" field as a field next to a key that needed cleaning', () => {
		const json = JSON.parse(
			'{"results": [{"archiveFileName": "A", "fileType": "T", "ingestCompletionDate": "D", "__proto__": {"polluted": 1}, "x\\u001b[1m": "y"}]}',
		);
		const [record] = parseSearchResponse(json).records;
		expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
		expect((record as {polluted?: number}).polluted).toBeUndefined();
		expect(Object.keys(record)).toEqual(['archiveFileName', 'fileType', 'ingestCompletionDate', '__proto__', 'x']);
	});

	it('cleans strings inside nested arrays and leaves numbers, booleans and nulls', () => {
		const [record] = parseSearchResponse({
			results: [{...row('A'), tags: ['ok', 'b\u001B[5mad', 3, true, null]}],
		}).records;
		expect(record.tags).toEqual(['ok', 'bad', 3, true, null]);
	});
});

describe('Deduper', () => {
	it('keeps the first of rows equal on the five key fields, across pages', () => {
		const deduper = new Deduper();
		const first = deduper.add([row('A'), row('B'), row('A', {extra: 'second copy'})]);
		const second = deduper.add([row('B'), row('C'), row('A')]);
		expect(first.map(r => r.archiveFileName)).toEqual(['A', 'B']);
		expect(first[0].extra).toBeUndefined();
		expect(second.map(r => r.archiveFileName)).toEqual(['C']);
		expect(deduper.duplicates).toBe(3);
		expect(deduper.size).toBe(3);
	});

	it('treats rows differing in any key field as different, other fields not', () => {
		const deduper = new Deduper();
		const kept = deduper.add([
			row('A'),
			row('A', {checksum: 'other'}),
			row('A', {search_key: 'other'}),
			row('A', {fileType: 'Science WFI Level 0'}),
			row('A', {ingestCompletionDate: '2025-10-04T00:01:28.0000000'}),
			row('A', {distribution: {size: 1}}),
		]);
		expect(kept).toHaveLength(5);
	});

	// One case per key field, each with every other field equal (the name too), so a key that
	// ignored any single one of the five fails its own case here instead of only in a stress test.
	const base = row('A', {checksum: 'sum', search_key: 'key'});
	it.each([
		['archiveFileName', {archiveFileName: 'B'}],
		['checksum', {checksum: 'other'}],
		['fileType', {fileType: 'Science WFI Level 0'}],
		['ingestCompletionDate', {ingestCompletionDate: '2025-10-04T00:01:27.8970001'}],
		['search_key', {search_key: 'other'}],
	] as const)('keeps two rows that differ only in the key field %s', (_field, change) => {
		const deduper = new Deduper();
		const other = {...base, ...change};
		expect(recordId(other)).not.toBe(recordId(base));
		expect(deduper.add([base, other])).toEqual([base, other]);
		expect(deduper.add([{...other}, {...base}])).toEqual([]);
		expect(deduper.duplicates).toBe(2);
	});

	it('drops a row that differs from an earlier one only outside the key', () => {
		const deduper = new Deduper();
		const other = {...base, distribution: {url: {mast: 'mast:ROMAN/eng/elsewhere'}, size: 99}, times: {startTime: '2025-10-03T17:01:00'}};
		expect(deduper.add([base, other])).toEqual([base]);
		expect(deduper.duplicates).toBe(1);
	});

	it('counts a missing and a null checksum as equal, as pandas does', () => {
		const a = row('A', {checksum: null});
		const b = row('A');
		delete b.checksum;
		expect(recordId(a)).toBe(recordId(b));
		expect(new Deduper().add([a, b])).toHaveLength(1);
	});
});

describe('record helpers', () => {
	it('reads the product URL, or nothing when missing', () => {
		expect(productUrl(row('A'))).toBe('mast:ROMAN/eng/A');
		expect(productUrl(row('A', {distribution: null}))).toBeUndefined();
		expect(productUrl(row('A', {distribution: {url: {}}}))).toBeUndefined();
		expect(productUrl(row('A', {distribution: {url: {mast: ''}}}))).toBeUndefined();
	});

	it('reads sizes given as numbers or digit strings only', () => {
		expect(recordSize(row('A'))).toBe(1234);
		expect(recordSize(row('A', {distribution: {size: '2048' as never}}))).toBe(2048);
		expect(recordSize(row('A', {distribution: {size: -1}}))).toBeUndefined();
		expect(recordSize(row('A', {distribution: {size: null}}))).toBeUndefined();
		expect(recordSize(row('A', {distribution: undefined}))).toBeUndefined();
	});

	it('reads exposure times from times, else from top-level columns', () => {
		expect(exposure(row('A', {times: {startTime: '2025-10-03T17:01:00', endTime: '2025-10-03T17:02:00'}}))).toEqual({
			startTime: '2025-10-03T17:01:00',
			endTime: '2025-10-03T17:02:00',
		});
		expect(exposure(row('A', {times: null, startTime: '2025-10-03T17:01:00'}))).toEqual({startTime: '2025-10-03T17:01:00'});
		expect(exposure(row('A'))).toEqual({});
	});
});

describe('sanitizeDeep', () => {
	it('keeps a "__proto__" key as data instead of setting the prototype', async () => {
		const {sanitizeDeep} = await import('../../source/cassi/sanitize.js');
		const out = sanitizeDeep(JSON.parse('{"__proto__": {"polluted": 1}, "a": "b\\u0007"}')) as Record<string, unknown>;
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(out.polluted).toBeUndefined();
		expect(Object.keys(out)).toEqual(['__proto__', 'a']);
		expect(out.a).toBe('b');
	});
});

describe('compact de-duplication keys', () => {
	it('holds 200,000 distinct files as distinct and knows every one again', async () => {
		const {KeyHasher, KeySet} = await import('../../source/cassi/dedupe-keys.js');
		const set = new KeySet();
		const hasher = new KeyHasher();
		const key = (index: number) => {
			hasher.reset();
			hasher.field(null);
			hasher.field('Calibrated Engineering Data');
			hasher.field(`2025-10-04T00:00:${index}`);
			hasher.field(`RST_CALENG_${index}`);
			hasher.field(index);
			hasher.finish();
			return [hasher.h1, hasher.h2] as const;
		};
		for (let index = 0; index < 200_000; index++) expect(set.add(...key(index))).toBe(true);
		expect(set.size).toBe(200_000);
		for (let index = 0; index < 200_000; index += 997) expect(set.add(...key(index))).toBe(false);
		expect(set.has(...key(200_001))).toBe(false);
	});

	it('tells a number from the same digits as text, and a missing field from an empty one', () => {
		const base: CassiRecord = {archiveFileName: 'CGI_1', fileType: 'T', ingestCompletionDate: 'D', search_key: '1'};
		const deduper = new Deduper();
		expect(deduper.add([base, {...base, search_key: 1 as unknown as string}, {...base, search_key: ''}, {...base, search_key: undefined}, {...base, search_key: null}])).toHaveLength(4);
	});
});
