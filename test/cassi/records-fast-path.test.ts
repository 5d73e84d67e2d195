import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseSearchResponse, plainlyValid, responseSchemas} from '../../source/cassi/records.js';

// Values that sit near the schema's edges: the right types, the wrong ones, null and absence.
const edgeValue = fc.oneof(
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.constantFrom(Infinity, -Infinity, Number.NaN),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(fc.string(), {maxLength: 2}),
	fc.dictionary(fc.constantFrom('mast', 'size', 'x'), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
);

const nearRecord = fc.record(
	{
		archiveFileName: edgeValue,
		fileType: edgeValue,
		ingestCompletionDate: edgeValue,
		checksum: edgeValue,
		search_key: edgeValue,
		distribution: fc.oneof(
			edgeValue,
			fc.record({url: fc.oneof(edgeValue, fc.record({mast: edgeValue}, {requiredKeys: []})), size: edgeValue}, {requiredKeys: []}),
		),
		times: fc.oneof(edgeValue, fc.record({startTime: edgeValue, endTime: edgeValue}, {requiredKeys: []})),
	},
	{requiredKeys: []},
);

describe('the fast validity check', () => {
	it('never accepts a record the schema rejects', () => {
		fc.assert(
			fc.property(nearRecord, record => {
				if (plainlyValid(record)) expect(responseSchemas().record.safeParse(record).success).toBe(true);
			}),
			{numRuns: 3000},
		);
	});

	it('accepts the ordinary record, so the fast path is taken', () => {
		expect(
			plainlyValid({
				archiveFileName: 'CGI_00011850',
				fileType: 'Science CGI Level 0',
				ingestCompletionDate: '2025-10-04T00:01:27.8970000',
				checksum: 'd1b600b9f57d7f4e0d0d6addf917fd81',
				search_key: 'k',
				distribution: {url: {mast: 'mast:ROMAN/x'}, size: 3},
				times: null,
			}),
		).toBe(true);
	});

	it('refuses a size or total of 1e400 (Infinity after JSON.parse) in one line', () => {
		// eslint-disable-next-line no-loss-of-precision -- 1e400 is the point: it is Infinity once parsed
		const row = {archiveFileName: 'A', fileType: 'T', ingestCompletionDate: 'x', distribution: {size: 1e400}};
		expect(() => parseSearchResponse(JSON.parse('{"results": [], "totalResults": 1e400}'))).toThrow(/totalResults/);
		expect(() => parseSearchResponse({results: [row]})).toThrow(/results\[0\]\.distribution\.size/);
	});

	it('still names the bad field when a record fails', () => {
		expect(() => parseSearchResponse({results: [{archiveFileName: 'A', fileType: 7, ingestCompletionDate: 'x'}]})).toThrow(
			/results\[0\]\.fileType is not a string/,
		);
	});
});
