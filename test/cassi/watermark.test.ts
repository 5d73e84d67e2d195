import {describe, expect, it} from 'vitest';
import type {Query, SearchPage} from '../../source/cassi/types.js';
import {nextWatermark, searchComplete} from '../../source/cassi/watermark.js';

const RAN_AT = new Date('2025-10-05T13:50:12.400Z');
const YESTERDAY: Query = {ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59', limit: 50_000};
const page = (received: number, total: number | undefined, done = true): SearchPage => ({records: [], received, total, duplicates: 0, done});

describe('"since last check" as a watermark of what was seen', () => {
	it('moves to the end of the range seen (Y at 13:50 → yesterday 23:59:59), not to the clock', () => {
		expect(nextWatermark(YESTERDAY, RAN_AT, true, undefined)).toBe('2025-10-04T23:59:59');
		expect(nextWatermark(YESTERDAY, RAN_AT, true, '2025-10-04T06:00:00')).toBe('2025-10-04T23:59:59');
	});

	it('caps an open or future end at the moment the search ran', () => {
		expect(nextWatermark({ingestStart: '2025-10-05T00:00:00', limit: 10}, RAN_AT, true, undefined)).toBe('2025-10-05T13:50:12');
		expect(nextWatermark({ingestStart: '2025-10-05T00:00:00', ingestEnd: '2025-10-05T23:59:59', limit: 10}, RAN_AT, true, undefined)).toBe('2025-10-05T13:50:12');
	});

	it('never moves back for a query of an older date', () => {
		const old: Query = {ingestStart: '2025-09-01T00:00:00', ingestEnd: '2025-09-01T23:59:59', limit: 10};
		expect(nextWatermark(old, RAN_AT, true, '2025-10-04T23:59:59')).toBe('2025-10-04T23:59:59');
	});

	it('does not move for a cut search, or one filtered by type, name or exposure', () => {
		const previous = '2025-10-03T23:59:59';
		expect(nextWatermark(YESTERDAY, RAN_AT, false, previous)).toBe(previous);
		expect(nextWatermark({...YESTERDAY, fileTypes: ['Science CGI Level 0']}, RAN_AT, true, previous)).toBe(previous);
		expect(nextWatermark({...YESTERDAY, fileNames: 'CGI_*'}, RAN_AT, true, previous)).toBe(previous);
		expect(nextWatermark({...YESTERDAY, expStart: '2025-10-03T17:00:00'}, RAN_AT, true, previous)).toBe(previous);
		expect(nextWatermark({...YESTERDAY, fileNames: 'CGI_*'}, RAN_AT, true, undefined)).toBeUndefined();
	});

	it('calls a search complete only when its last page arrived and was not cut', () => {
		expect(searchComplete(page(39, 39))).toBe(true);
		expect(searchComplete({...page(50_000, 97_137), cut: {by: 'limit', total: 97_137, known: true}})).toBe(false);
		expect(searchComplete({...page(100, undefined), cut: {by: 'limit', known: false}})).toBe(false);
		expect(searchComplete(page(10, 39, false))).toBe(false);
		expect(searchComplete(undefined)).toBe(false);
	});
});
