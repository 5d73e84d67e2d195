/** Output written page by page reads exactly as the whole answer written at once. */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {csvCell} from '../../source/cassi/sanitize.js';
import type {CassiRecord} from '../../source/cassi/types.js';
import {resultWriter, type OutputFormat} from '../../source/headless/result-writer.js';

const record = (index: number, fileType = index % 3 ? 'Science CGI Level 0' : 'Calibrated Engineering Data'): CassiRecord => ({
	archiveFileName: `CGI_${String(index).padStart(8, '0')}`,
	fileType,
	ingestCompletionDate: `2025-10-04T00:${String(index % 60).padStart(2, '0')}:00.0000000`,
	checksum: index % 2 ? null : `sum-"${index}"`,
	distribution: {url: {mast: `mast:ROMAN/cassi/eng/CGI_${index}`}, size: index * 100},
	times: null,
});

/** The records cut into pages at the given points (empty pages included). */
function paged(records: CassiRecord[], cuts: number[]): CassiRecord[][] {
	const points = [...cuts.map(cut => cut % (records.length + 1)), records.length].sort((a, b) => a - b);
	const pages: CassiRecord[][] = [];
	let from = 0;
	for (const point of points) {
		pages.push(records.slice(from, point));
		from = point;
	}
	return pages;
}

function streamed(format: OutputFormat, pages: CassiRecord[][], action: 'list' | 'count' | 'types' = 'list'): string {
	const writer = resultWriter(action, format, false);
	let text = '';
	for (const page of pages) text += writer.page(page);
	return text + writer.end();
}

const recordsArbitrary = fc.integer({min: 0, max: 40}).map(count => Array.from({length: count}, (_, index) => record(index + 1)));
const cutsArbitrary = fc.array(fc.nat(), {maxLength: 6});

describe('output written as pages arrive', () => {
	it('--json is one valid array, the same text as the whole answer stringified at once', () => {
		fc.assert(
			fc.property(recordsArbitrary, cutsArbitrary, (records, cuts) => {
				const text = streamed('json', paged(records, cuts));
				expect(text).toBe(`${JSON.stringify(records, null, 2)}\n`);
			}),
		);
	});

	it('--csv has one header and one line per file, whatever the pages', () => {
		fc.assert(
			fc.property(recordsArbitrary, cutsArbitrary, (records, cuts) => {
				const lines = ['archiveFileName,fileType,ingestCompletionDate', ...records.map(r => [r.archiveFileName, r.fileType, r.ingestCompletionDate].map(csvCell).join(','))];
				expect(streamed('csv', paged(records, cuts))).toBe(`${lines.join('\n')}\n`);
			}),
		);
	});

	it('the plain list has its header once and every file, aligned by the first page', () => {
		const records = Array.from({length: 30}, (_, index) => record(index + 1));
		const whole = streamed('text', [records]);
		const lines = streamed('text', [records.slice(0, 10), [], records.slice(10)]).trimEnd().split('\n');
		expect(lines).toEqual(whole.trimEnd().split('\n'));
		expect(lines).toHaveLength(31);
		expect(streamed('text', [[], []])).toBe('');
	});

	it('--count and --list-filetypes give the same answer however the files were paged', () => {
		const records = Array.from({length: 25}, (_, index) => record(index + 1));
		const counts = JSON.parse(streamed('json', [records.slice(0, 7), records.slice(7)], 'count')) as {total: number; byType: Record<string, number>};
		expect(counts).toMatchObject({total: 25, byType: {'Science CGI Level 0': 17, 'Calibrated Engineering Data': 8}});
		expect(streamed('text', [records.slice(0, 3), [], records.slice(3)], 'types')).toBe('Calibrated Engineering Data\nScience CGI Level 0\n');
	});
});
