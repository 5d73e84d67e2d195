/**
 * Ingest times carry seven fractional digits; two files in the same second must keep the
 * service's order of their full times, in the list and in what `o` exports.
 */
import {describe, expect, it} from 'vitest';
import type {CassiRecord} from '../../source/cassi/types.js';
import {initialState} from '../../source/state/initial.js';
import {selectView} from '../../source/state/selectors.js';
import {exportText} from '../../source/ui/effects/export.js';
import {apply, NOW, page, press} from './fixtures.js';

function record(name: string, at: string): CassiRecord {
	return {archiveFileName: name, fileType: 'Science WFI Level 0', ingestCompletionDate: at, distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: 1000}};
}

// The notebook's table, in the service's order (by full ingest time).
const RECORDS = [
	record('WFISCI_00016593', '2025-10-04T00:03:53.7030000'),
	record('WFISCI_00016596', '2025-10-04T00:33:00.1050000'),
	record('WFISCI_00016594', '2025-10-04T00:33:00.4000000'),
	record('WFISCI_00016595', '2025-10-04T00:33:42.3820000'),
];

function loaded(records: CassiRecord[]) {
	let state = initialState({hasToken: true, width: 100, height: 30, now: NOW});
	state = apply(state, {type: 'run-query', now: NOW.toISOString()});
	const id = state.search.id;
	state = apply(state, {type: 'search-page', id, page: page(records, records.length, records.length, true)});
	return apply(state, {type: 'search-done', id, at: NOW.toISOString()});
}

const names = (rows: Array<{name: string}>) => rows.map(row => row.name);

describe('sub-second ingest times', () => {
	it('sorts WFISCI_00016596 (00:33:00.105) above WFISCI_00016594 (00:33:00.400) ascending, and below it descending', () => {
		let state = loaded(RECORDS);
		expect(state.sort).toEqual({key: 'ingest', descending: false});
		expect(names(selectView(state))).toEqual(['WFISCI_00016593', 'WFISCI_00016596', 'WFISCI_00016594', 'WFISCI_00016595']);
		state = press(state, 's');
		expect(state.sort).toEqual({key: 'ingest', descending: true});
		expect(names(selectView(state))).toEqual(['WFISCI_00016595', 'WFISCI_00016594', 'WFISCI_00016596', 'WFISCI_00016593']);
	});

	it('exports the view in that order, with the full times', () => {
		const state = press(loaded(RECORDS), 'o', 'Enter');
		const rows = state.requests.export?.rows ?? [];
		const csv = exportText(rows, 'csv').trimEnd().split('\n').slice(1);
		expect(csv.map(line => line.split(',').slice(0, 1).concat(line.split(',')[2]!))).toEqual([
			['WFISCI_00016593', '2025-10-04T00:03:53.7030000'],
			['WFISCI_00016596', '2025-10-04T00:33:00.1050000'],
			['WFISCI_00016594', '2025-10-04T00:33:00.4000000'],
			['WFISCI_00016595', '2025-10-04T00:33:42.3820000'],
		]);
	});

	it('keeps the service order for files with the very same time, whichever the direction', () => {
		const same = [record('B_2', '2025-10-04T01:00:00.5000000'), record('A_1', '2025-10-04T01:00:00.5000000')];
		const state = loaded(same);
		expect(names(selectView(state))).toEqual(['B_2', 'A_1']);
		expect(names(selectView({...state, sort: {key: 'ingest', descending: true}}))).toEqual(['B_2', 'A_1']);
	});

	it('orders by name, then by full time and service order', () => {
		const state = loaded(RECORDS);
		expect(names(selectView({...state, sort: {key: 'name', descending: false}}))).toEqual(['WFISCI_00016593', 'WFISCI_00016594', 'WFISCI_00016595', 'WFISCI_00016596']);
	});
});
