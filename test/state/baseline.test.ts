import {describe, expect, it} from 'vitest';
import {buildCheckReport} from '../../source/cassi/check.js';
import {DEFAULT_LIMIT} from '../../source/cassi/types.js';
import {baselineQuery, oneDay, selectTypical} from '../../source/state/baseline.js';
import {initialState} from '../../source/state/initial.js';
import {apply, makeRecords, NOW, page, press} from './fixtures.js';

/** Yesterday (2025-10-04) loaded: 20 files, search finished. */
function yesterdayLoaded() {
	let state = press(initialState({hasToken: true, now: NOW}), 'Y');
	const id = state.search.id;
	state = apply(state, {type: 'search-page', id, page: page(makeRecords(20), 20, 20, true)});
	return {id, before: state, after: apply(state, {type: 'search-done', id, at: NOW.toISOString()})};
}

describe('the baseline of a one-day query', () => {
	it('is a whole UTC day of ingest with nothing narrower than file types', () => {
		expect(oneDay({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', fileTypes: ['A'], limit: 10})).toBe('2025-10-04');
		expect(oneDay({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-05T23:59:59', limit: 10})).toBeUndefined();
		expect(oneDay({ingestStart: '2025-10-04T06:00:00', ingestEnd: '2025-10-04T23:59:59', limit: 10})).toBeUndefined();
		expect(oneDay({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', fileNames: 'CGI_*', limit: 10})).toBeUndefined();
	});

	it('is asked for only once the results are in, for the 7 days before the day', () => {
		const {before, after} = yesterdayLoaded();
		expect(before.requests.baseline).toBeUndefined();
		expect(after.requests.baseline?.query).toMatchObject({ingestStart: '2025-09-27T00:00:00', ingestEnd: '2025-10-03T23:59:59'});
		expect(after.baseline).toMatchObject({day: '2025-10-04', status: 'loading'});
	});

	it('is not asked for a query over several days', () => {
		let state = press(initialState({hasToken: true, now: NOW}), '7');
		state = apply(state, {type: 'search-done', id: state.search.id, at: NOW.toISOString()});
		expect(state.requests.baseline).toBeUndefined();
		expect(press(state, 'c').message?.text).toMatch(/needs a one-day query/);
		expect(press(state, 'c').screen).toBe('browse');
	});

	it('gives each type its typical count; an answer for an older search is dropped', () => {
		const {id, after} = yesterdayLoaded();
		const report = buildCheckReport(makeRecords(20), {date: '2025-10-04', baselineDays: 7});
		const rerun = press(after, 'r');
		expect(apply(rerun, {type: 'baseline-ready', searchId: id, report}).baseline).toBeUndefined();
		const ready = apply(after, {type: 'baseline-ready', searchId: id, report});
		expect(selectTypical(ready)?.types['Science CGI Level 0']).toEqual({median: 0, status: 'new'});
	});

	it('asks the 7 days for at least the default limit: a small -l for the day does not cut its baseline', () => {
		const day = {ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', limit: 5};
		expect(baselineQuery('2025-10-04', day).limit).toBe(DEFAULT_LIMIT);
		expect(baselineQuery('2025-10-04', {...day, limit: 200_000}).limit).toBe(200_000);
	});

	it('a cut day or baseline makes every typical count unsure (no ▼/▲ the cut alone caused)', () => {
		const {id, after} = yesterdayLoaded();
		const report = buildCheckReport(makeRecords(20), {date: '2025-10-04', baselineDays: 7, truncated: true});
		const typical = selectTypical(apply(after, {type: 'baseline-ready', searchId: id, report}));
		expect(typical?.total.unsure).toBe(true);
		expect(Object.values(typical?.types ?? {}).every(entry => entry.unsure)).toBe(true);
	});

	it('c opens the check report and Esc or c goes back to the results', () => {
		const {after} = yesterdayLoaded();
		const opened = press(after, 'c');
		expect(opened.screen).toBe('check');
		expect(press(opened, 'Escape').screen).toBe('browse');
		expect(press(opened, 'c').screen).toBe('browse');
	});
});
