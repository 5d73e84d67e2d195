// The timeline keeps the times of rows already binned while pages arrive: after every page it
// must be the timeline of all the rows so far, as if they had come in one page.
import {describe, expect, it} from 'vitest';
import {selectTimeline} from '../../source/state/timeline.js';
import type {AppState} from '../../source/state/types.js';
import {initialState} from '../../source/state/initial.js';
import {apply, makeRecords, NOW, page} from './fixtures.js';

function running(): AppState {
	const state = initialState({hasToken: true, width: 100, height: 30, now: NOW});
	return apply(state, {type: 'run-query', now: NOW.toISOString()});
}

describe('timeline while pages arrive', () => {
	it('after each page, bins every row so far (an open-ended range follows the newest)', () => {
		const records = makeRecords(3000);
		let state = running();
		const id = state.search.id;
		const paged = [];
		for (let from = 0; from < records.length; from += 700) {
			const batch = records.slice(from, from + 700);
			state = apply(state, {type: 'search-page', id, page: page(batch, from + batch.length)});
			paged.push(selectTimeline(state, 40));
		}
		// Afterwards, so the paged ones were each built on the one before.
		for (const [index, timeline] of paged.entries()) {
			const count = Math.min(records.length, (index + 1) * 700);
			const whole = running();
			const fresh = apply(whole, {type: 'search-page', id: whole.search.id, page: page(records.slice(0, count), count)});
			expect(timeline).toEqual(selectTimeline(fresh, 40));
			expect(timeline!.bins.reduce((sum, bin) => sum + bin, 0) + timeline!.outside).toBe(count);
		}
	});
});
