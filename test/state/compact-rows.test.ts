// Rows keep the usual record in compact form and rebuild it on demand: what the detail view,
// export and downloads read must be the record as the service sent it, field for field and
// in its order, whatever its shape.
import {describe, expect, it} from 'vitest';
import {parseSearchResponse} from '../../source/cassi/records.js';
import type {CassiRecord} from '../../source/cassi/types.js';
import {selectView} from '../../source/state/selectors.js';
import {toRow} from '../../source/state/rows.js';
import {exportText} from '../../source/ui/effects/export.js';
import {detailFields} from '../../source/ui/components/detail-view/detail-view.js';
import {apply, loadedState, makeRecords, NOW, page} from './fixtures.js';
import {initialState} from '../../source/state/initial.js';

const usual = (): CassiRecord => ({
	archiveFileName: 'CGI_00179406',
	fileType: 'Science CGI Level 0',
	ingestCompletionDate: '2026-11-24T19:51:56.9370000',
	checksum: null,
	search_key: 'ENG-mwv426tl-CGI_00179406',
	distribution: {url: {mast: 'mast:ROMAN/cassi/eng/CGI_00179406'}, size: 72_188_720},
	times: {startTime: '2026-11-24T14:29:54.9320000', endTime: '2026-11-24T14:53:10.0140000'},
});

const shapes: Array<[string, () => CassiRecord]> = [
	['the usual shape', usual],
	['no exposure times', () => ({...usual(), times: null})],
	['a checksum and a numeric search key', () => ({...usual(), checksum: 'd41d8cd98f00b204e9800998ecf8427e', search_key: 42})],
	['a product URL not ending in the name', () => ({...usual(), distribution: {url: {mast: 'mast:ROMAN/other/x.fits'}, size: 5}})],
	['a size sent as text', () => ({...usual(), distribution: {url: {mast: 'mast:x/CGI_00179406'}, size: '123'}}) as unknown as CassiRecord],
	['a null size and URL', () => ({...usual(), distribution: {url: {mast: null}, size: null}})],
	['no distribution', () => ({...usual(), distribution: null})],
	['fields in another order', () => ({fileType: 'Science CGI Level 0', archiveFileName: 'CGI_1', ingestCompletionDate: '2026-11-24T19:51:56.9370000'})],
	['an extra field', () => ({...usual(), proposal: {id: 7, pi: 'Ada'}})],
	['times with an extra field', () => ({...usual(), times: {startTime: 'a', endTime: 'b', zone: 'UTC'}})],
	['a space in the ingest time', () => ({...usual(), ingestCompletionDate: '2026-11-24 19:51:56.9370000'})],
	['a search key that is the name', () => ({...usual(), search_key: 'CGI_00179406'})],
	['a search key one character before the name', () => ({...usual(), search_key: 'xCGI_00179406'})],
	['a search key with a long head', () => ({...usual(), search_key: 'ENG-mwv426tlxy-CGI_00179406'})],
	['a search key with a wide separator', () => ({...usual(), search_key: 'ENG-mwv426tl→CGI_00179406'})],
	['a search key ending in another name', () => ({...usual(), search_key: 'ENG-mwv426tl-CGI_00179407'})],
	...[
		['a leap day', '2024-02-29T23:59:59.0000001'],
		['no such day', '2026-02-29T00:00:00.0000000'],
		['a short fraction', '2026-11-24T14:29:54.932'],
		['a zone letter', '2026-11-24T14:29:54.9320000Z'],
		['before 1970', '1969-12-31T23:59:59.9999999'],
		['after 2037', '2040-01-01T00:00:00.0000000'],
		['a 60th second', '2026-12-31T23:59:60.0000000'],
		['not digits', '2026-1a-24T14:29:54.9320000'],
	].map(([label, time]): [string, () => CassiRecord] => [`an exposure time with ${label}`, () => ({...usual(), times: {startTime: time, endTime: time}})]),
];

describe('compact rows', () => {
	it.each(shapes)('give back the record as sent: %s', (_label, make) => {
		const row = toRow(make());
		expect(JSON.stringify(row.record)).toBe(JSON.stringify(make()));
		expect(row.record).toEqual(make());
	});

	it('give back every product URL, however many different prefixes they have', () => {
		const records = Array.from({length: 1100}, (_, index) => ({...usual(), distribution: {url: {mast: `mast:ROMAN/p${index}/CGI_00179406`}, size: index}}));
		expect(records.map(record => toRow(record).record)).toEqual(records);
	});

	it('give back the name the service sent when sanitising changed it (downloads save under it)', () => {
		const body = {results: [{...usual(), archiveFileName: 'CGI_\u001B]0;x\u0007'}]};
		const [record] = parseSearchResponse(JSON.parse(JSON.stringify(body))).records;
		const row = toRow(record);
		expect(row.name).toBe('CGI_');
		expect(row.record).toBe(record);
	});

	it('show, export and sort the same as the record they came from', () => {
		const records = makeRecords(6);
		const state = loadedState(6);
		const rows = state.rows;
		expect(JSON.parse(exportText(rows, 'json'))).toEqual(records);
		expect(exportText(rows, 'csv').split('\n')[1]).toBe(
			'FILE_00000000,"Science CGI Level 0",2025-10-04T00:00:00.1230000,2025-10-04T00:00:00,2025-10-04T00:00:00,1000000,00000000000000000000000000000000,mast:ROMAN/eng/FILE_00000000',
		);
		expect(detailFields(rows[1], false)).toContainEqual(['Product URL', 'mast:ROMAN/eng/FILE_00000001']);
		expect(detailFields(rows[1], false)).toContainEqual(['Exposure start', '—']);
		expect(detailFields(rows[0], false)).toContainEqual(['Search key', 'key-0']);
		expect(rows[2].expEnd).toBe('2025-10-04T00:02:00');
		expect(rows[2].ingest).toBe('2025-10-04T00:02:00');
	});
});

describe('the filter on lean rows', () => {
	function stateWith(names: string[]) {
		const records = makeRecords(names.length).map((record, index) => ({...record, archiveFileName: names[index]}));
		let state = initialState({hasToken: true, width: 80, height: 24, now: NOW});
		state = apply(state, {type: 'run-query', now: NOW.toISOString()});
		return apply(state, {type: 'search-page', id: state.search.id, page: page(records, records.length, records.length, true)});
	}

	it('ignores case in names, accented ones too, and matches the shown type label', () => {
		const state = stateWith(['Cgi_ABC', 'ÉTÉ_file', 'wfi_abd', 'other']);
		const shown = (filter: string) => selectView({...state, filter}).map(row => row.name);
		expect(shown('ab')).toEqual(['Cgi_ABC', 'wfi_abd']);
		expect(shown('CGI_a')).toEqual(['Cgi_ABC']);
		expect(shown('été')).toEqual(['ÉTÉ_file']);
		// makeRecords cycles types: the third row is Housekeeping Ancillary Telemetry Data, shown as HK Telem.
		expect(shown('hk tel')).toEqual(['wfi_abd']);
		expect(shown('level 0')).toEqual(['Cgi_ABC', 'ÉTÉ_file', 'other']);
		expect(shown('zzz')).toEqual([]);
	});
});
