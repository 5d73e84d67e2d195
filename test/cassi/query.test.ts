import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {buildPayload, queryFromOptions, validateLimit} from '../../source/cassi/query.js';

const NOW = new Date('2025-10-05T13:45:30Z');
const SELECT = '"select_cols":["fileType","archiveFileName","startTime","endTime","ingestCompletionDate"]';

// The payload's JSON text, compared to the literal the notebook's query_cassi would post
// (plus the offset that paging adds), so key order and condition order are pinned too.
function payloadText(options: Parameters<typeof queryFromOptions>[0]): string {
	return JSON.stringify(buildPayload(queryFromOptions(options, NOW)));
}

describe('buildPayload for the notebook examples', () => {
	it('ingest day 2025-10-04 (39 files)', () => {
		expect(payloadText({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', limit: 50000})).toBe(
			'{"conditions":[{"source":"Eng"},{"dataGroup":"Eng"},{"ingestCompletionDate":">=2025-10-04T00:00:00,<=2025-10-04T23:59:59"}],' +
				`"limit":50000,"offset":0,${SELECT}}`,
		);
	});

	it('the same day as -s 2025-10-04 -e 2025-10-04 (date-only edges)', () => {
		expect(payloadText({ingestStart: '2025-10-04', ingestEnd: '2025-10-04'})).toBe(
			payloadText({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', limit: 50000}),
		);
	});

	it('Science CGI/WFI Level 0 on that day (10 files)', () => {
		expect(
			payloadText({ingestStart: '2025-10-04', ingestEnd: '2025-10-04', filetype: 'Science CGI Level 0,Science WFI Level 0'}),
		).toBe(
			'{"conditions":[{"source":"Eng"},{"dataGroup":"Eng"},{"ingestCompletionDate":">=2025-10-04T00:00:00,<=2025-10-04T23:59:59"},' +
				'{"fileType":"Science CGI Level 0,Science WFI Level 0"}],' +
				`"limit":50000,"offset":0,${SELECT}}`,
		);
	});

	it('by file name with an open end (start only)', () => {
		expect(payloadText({ingestStart: '2025-10-04T00:00:00', filename: 'CGI_00011850,CGI_00011851', limit: '50000'})).toBe(
			'{"conditions":[{"source":"Eng"},{"dataGroup":"Eng"},{"ingestCompletionDate":">=2025-10-04T00:00:00"},' +
				'{"archiveFileName":"CGI_00011850,CGI_00011851"}],' +
				`"limit":50000,"offset":0,${SELECT}}`,
		);
	});

	it('every condition at once, in the documented order', () => {
		const payload = buildPayload(
			queryFromOptions(
				{
					ingestStart: '2025-10-04',
					ingestEnd: '2025-10-04',
					filetype: 'Science CGI Level 0, Science WFI Level 0 ,',
					filename: 'CGI_00011850,CGI_00011851',
					expStart: '2025-10-03T17:00:00',
					expEnd: '2025-10-03T17:59:59',
				},
				NOW,
			),
		);
		expect(payload.conditions).toEqual([
			{source: 'Eng'},
			{dataGroup: 'Eng'},
			{ingestCompletionDate: '>=2025-10-04T00:00:00,<=2025-10-04T23:59:59'},
			{fileType: 'Science CGI Level 0,Science WFI Level 0'},
			{archiveFileName: 'CGI_00011850,CGI_00011851'},
			{startTime: '>=2025-10-03T17:00:00'},
			{endTime: '<=2025-10-03T17:59:59'},
		]);
	});

	it('exposure window alone, as the notebook’s 4 housekeeping files', () => {
		const payload = buildPayload(queryFromOptions({expStart: '2025-10-03 17:00:00', expEnd: '2025-10-03T17:59:59'}, NOW));
		expect(payload.conditions).toEqual([
			{source: 'Eng'},
			{dataGroup: 'Eng'},
			{startTime: '>=2025-10-03T17:00:00'},
			{endTime: '<=2025-10-03T17:59:59'},
		]);
	});

	it('an ingestion end alone is <=E', () => {
		expect(buildPayload(queryFromOptions({ingestEnd: '2025-10-04'}, NOW)).conditions[2]).toEqual({
			ingestCompletionDate: '<=2025-10-04T23:59:59',
		});
	});

	it('passes wildcards and exclusions through untouched', () => {
		const payload = buildPayload(queryFromOptions({filename: ' CGI_*,!CGI_0001185[0-1] '}, NOW));
		expect(payload.conditions[2]).toEqual({archiveFileName: 'CGI_*,!CGI_0001185[0-1]'});
	});

	it('sets offset and limit for later pages', () => {
		const query = queryFromOptions({ingestStart: '2025-10-04', limit: 1000}, NOW);
		const payload = buildPayload(query, 400, 600);
		expect([payload.offset, payload.limit]).toEqual([400, 600]);
	});

	it('resolves relative dates against now', () => {
		const query = queryFromOptions({ingestStart: 'yesterday', ingestEnd: 'today'}, NOW);
		expect(query).toEqual({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-05T23:59:59', limit: 50000});
	});
});

describe('query validation', () => {
	it('rejects an ingestion or exposure end before its start', () => {
		expect(() => queryFromOptions({ingestStart: '2025-10-04', ingestEnd: '2025-10-03'}, NOW)).toThrow(
			/^ingestion end 2025-10-03T23:59:59 is before start 2025-10-04T00:00:00/,
		);
		expect(() => queryFromOptions({expStart: '2025-10-04T10:00:00', expEnd: '2025-10-04T09:00:00'}, NOW)).toThrow(
			/^exposure end/,
		);
	});

	it('names the flag of a bad date', () => {
		expect(() => queryFromOptions({expEnd: '2025-02-30'}, NOW)).toThrow(/--exp-end-date "2025-02-30"/);
	});

	it('accepts a positive whole limit and rejects everything else', () => {
		expect(validateLimit('50000')).toBe(50000);
		expect(validateLimit(' 7 ')).toBe(7);
		expect(validateLimit(1)).toBe(1);
		for (const bad of ['0', '-5', '1.5', 'ten', '', '1e3', '99999999999999999999', 2.5]) {
			try {
				validateLimit(bad);
				throw new Error(`accepted ${bad}`);
			} catch (error) {
				expect((error as CassiError).kind).toBe('usage');
				expect((error as CassiError).message).toMatch(/is not a positive whole number/);
			}
		}
	});
});
