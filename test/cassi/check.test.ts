import {describe, expect, it} from 'vitest';
import {buildCheckReport, checkExitCode, checkQuery, checkStatus, median} from '../../source/cassi/check.js';
import type {CassiRecord} from '../../source/cassi/types.js';

const record = (fileType: string, day: string, size = 100): CassiRecord => ({
	archiveFileName: `${fileType}-${day}-${Math.random()}`,
	fileType,
	ingestCompletionDate: `${day}T12:00:00.0000000`,
	distribution: {size},
});

/** `n` files of a type on each day, oldest first: days are 2025-10-01.. */
function files(type: string, perDay: number[]): CassiRecord[] {
	return perDay.flatMap((n, i) => Array.from({length: n}, () => record(type, `2025-10-${String(i + 1).padStart(2, '0')}`)));
}

describe('the check statuses', () => {
	it('takes the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it.each([
		[0, [1, 1, 2, 1, 1, 1, 1], 'missing'],
		[5, [12, 13, 11, 12, 14, 12, 12], 'low'],
		[6, [12, 13, 11, 12, 14, 12, 12], 'ok'],
		[24, [12, 13, 11, 12, 14, 12, 12], 'ok'],
		[25, [12, 13, 11, 12, 14, 12, 12], 'high'],
		[3, [0, 0, 0, 0, 0, 0, 0], 'new'],
		[0, [0, 0, 0, 0, 0, 0, 0], 'ok'],
		[0, [0, 1, 0, 1, 0, 0, 0], 'ok'],
		[4, [0, 1, 0, 1, 0, 0, 0], 'ok'],
		[0, [0, 1, 0, 1], 'ok'],
	])('%i against %j is %s', (count, baseline, status) => {
		expect(checkStatus(count, baseline)).toBe(status);
	});
});

describe('the check report', () => {
	it('asks for DAY and the N days before it in one query', () => {
		expect(checkQuery('2025-10-04', 7, {limit: 50000, fileTypes: ['Science CGI Level 0']})).toEqual({
			ingestStart: '2025-09-27T00:00:00',
			ingestEnd: '2025-10-04T23:59:59',
			fileTypes: ['Science CGI Level 0'],
			limit: 50000,
		});
	});

	it('counts each type per day, judges the last day, and says each anomaly in words', () => {
		const records = [...files('A', [10, 12, 11, 4]), ...files('B', [1, 1, 2, 0]), ...files('C', [0, 0, 0, 2])];
		const report = buildCheckReport(records, {date: '2025-10-04', baselineDays: 3, fileTypes: ['D']});
		expect(report.types.map(t => [t.type, t.count, t.median, t.min, t.max, t.status])).toEqual([
			['A', 4, 11, 10, 12, 'low'],
			['B', 0, 1, 1, 2, 'missing'],
			['C', 2, 0, 0, 0, 'new'],
			['D', 0, 0, 0, 0, 'ok'],
		]);
		expect(report.total).toMatchObject({count: 6, median: 13, min: 11, max: 13, bytes: 600, medianBytes: 1300, baseline: [11, 13, 13], status: 'low'});
		expect(report.anomalies).toEqual([
			'A: only 4 on 2025-10-04, usually 11 (10–12)',
			'B: none on 2025-10-04, usually 1 (1–2)',
			'C: 2 on 2025-10-04, none in the 3 days before (new)',
			'All files: only 6 on 2025-10-04, usually 13 (11–13)',
		]);
		expect(checkExitCode(report)).toBe(4);
	});

	it('exits 0 when every status is ok or new', () => {
		const records = [...files('A', [10, 12, 11, 11]), ...files('C', [0, 0, 0, 2])];
		const report = buildCheckReport(records, {date: '2025-10-04', baselineDays: 3});
		expect(report.anomalies).toEqual(['C: 2 on 2025-10-04, none in the 3 days before (new)']);
		expect(checkExitCode(report)).toBe(0);
	});

	it('says when the search was cut, and then never exits 0', () => {
		const report = buildCheckReport(files('A', [10, 12, 11, 11]), {date: '2025-10-04', baselineDays: 3, truncated: true});
		expect(report.truncated).toBe(true);
		expect(report.anomalies[0]).toMatch(/^incomplete: .*counts are too low/);
		expect(checkExitCode(report)).toBe(4);
	});

	it('words a cut it knows in files, as a headless search does (cut.ts), with the service\'s total', () => {
		const cut = {by: 'limit', known: true, total: 90} as const;
		const report = buildCheckReport(files('A', [10, 12, 11, 11]), {date: '2025-10-04', baselineDays: 3, truncated: true, cut: {shown: 44, cut, limit: 44}});
		expect(report.anomalies[0]).toBe('incomplete: showing 44 of 90 files: the limit cut the newest; raise it with -l 90');
		expect(report.serviceTotal).toBe(90);
		expect(checkExitCode(report)).toBe(4);
	});
});
