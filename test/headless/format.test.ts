import {describe, expect, it} from 'vitest';
import type {CassiRecord} from '../../source/cassi/types.js';
import {renderResult} from '../../source/headless/search.js';

function record(name: string, fileType: string, ingest: string, times?: [string, string]): CassiRecord {
	return {
		archiveFileName: name,
		fileType,
		ingestCompletionDate: ingest,
		times: times ? {startTime: times[0], endTime: times[1]} : null,
	};
}

const records = [
	record('CGI_00011850', 'Science CGI Level 0', '2025-10-04T00:01:27.8970000'),
	record('WFISCI_00016592', 'Science WFI Level 0', '2025-10-04T00:03:35.2380000'),
	record('CGI_00011851', 'Science CGI Level 0', '2025-10-04T00:01:30.9830000'),
	record('FPEHK_00000001', 'Housekeeping Ancillary Telemetry Data', '2025-10-04T01:00:00.0000000', ['2025-10-03T17:00:00', '2025-10-03T17:10:00']),
];

describe('count', () => {
	it('prints the total then each type, most first, aligned like the companion script', () => {
		expect(renderResult(records, 'count', 'text', false)).toBe(
			[
				'Total files:                           4',
				'Science CGI Level 0:                   2',
				'Housekeeping Ancillary Telemetry Data: 1',
				'Science WFI Level 0:                   1',
				'',
			].join('\n'),
		);
	});

	it('has the documented JSON shape', () => {
		expect(JSON.parse(renderResult(records, 'count', 'json', false))).toEqual({
			total: 4,
			byType: {'Science CGI Level 0': 2, 'Housekeeping Ancillary Telemetry Data': 1, 'Science WFI Level 0': 1},
			truncated: false,
		});
	});

	it('marks a cut count truncated, with the service total, keeping the other keys', () => {
		expect(JSON.parse(renderResult(records, 'count', 'json', false, {by: 'limit', known: true, total: 97_137}))).toMatchObject({
			total: 4,
			truncated: true,
			serviceTotal: 97_137,
		});
	});

	it('counts zero files as a total of 0', () => {
		expect(JSON.parse(renderResult([], 'count', 'json', false))).toEqual({total: 0, byType: {}, truncated: false});
	});
});

describe('list', () => {
	it('prints name, type and ingest time under a header', () => {
		const lines = renderResult(records, 'list', 'text', false).trimEnd().split('\n');
		expect(lines[0]).toMatch(/^archiveFileName\s+fileType\s+ingestCompletionDate$/);
		expect(lines[1]).toMatch(/^CGI_00011850\s+Science CGI Level 0\s+2025-10-04T00:01:27.8970000$/);
		expect(lines).toHaveLength(5);
	});

	it('adds exposure times with --show-exp-times, blank where a type has none', () => {
		const lines = renderResult(records, 'list', 'text', true).trimEnd().split('\n');
		expect(lines[0]).toMatch(/startTime\s+endTime$/);
		expect(lines[4]).toMatch(/2025-10-03T17:00:00\s+2025-10-03T17:10:00$/);
		expect(lines[1]).toMatch(/2025-10-04T00:01:27.8970000$/);
	});

	it('passes the records through unchanged as JSON', () => {
		expect(JSON.parse(renderResult(records, 'list', 'json', false))).toEqual(records);
	});

	it('writes CSV with a header and quoted cells', () => {
		const csv = renderResult(records.slice(0, 1), 'list', 'csv', false);
		expect(csv).toBe('archiveFileName,fileType,ingestCompletionDate\nCGI_00011850,"Science CGI Level 0",2025-10-04T00:01:27.8970000\n');
	});
});

describe('list-filetypes', () => {
	it('prints the distinct types sorted, one a line', () => {
		expect(renderResult(records, 'types', 'text', false)).toBe(
			'Housekeeping Ancillary Telemetry Data\nScience CGI Level 0\nScience WFI Level 0\n',
		);
	});

	it('is an array of strings in JSON', () => {
		expect(JSON.parse(renderResult(records, 'types', 'json', false))).toEqual([
			'Housekeeping Ancillary Telemetry Data',
			'Science CGI Level 0',
			'Science WFI Level 0',
		]);
	});
});

describe('count as CSV', () => {
	it('has one row per type and no total row a script could mistake for a type', () => {
		expect(renderResult(records, 'count', 'csv', false)).toBe(
			'fileType,count\n"Science CGI Level 0",2\n"Housekeeping Ancillary Telemetry Data",1\n"Science WFI Level 0",1\n',
		);
	});
});
