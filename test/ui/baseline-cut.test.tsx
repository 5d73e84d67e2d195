// The counts panel beside a one-day query whose result the limit cut: the typical counts carry ?,
// not the ▼ a cut day's low count would otherwise earn.
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {buildCheckReport} from '../../source/cassi/check.js';
import {initialState} from '../../source/state/initial.js';
import type {AppState} from '../../source/state/types.js';
import {App} from '../../source/ui/app.js';
import {apply, makeRecords, NOW, page, press} from '../state/fixtures.js';
import {plain} from './render.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function frame(state: AppState): string {
	const app = render(<App state={state} />);
	unmount = app.unmount;
	return plain(app.lastFrame());
}

/** Yesterday (2025-10-04) with 20 files, and a baseline of 7 days holding 60 files a day. */
function withBaseline(truncated: boolean): AppState {
	let state = press(initialState({hasToken: true, width: 100, height: 24, now: NOW}), 'Y');
	const id = state.search.id;
	state = apply(state, {type: 'search-page', id, page: page(makeRecords(20), 20, 20, true)});
	state = apply(state, {type: 'search-done', id, at: NOW.toISOString()});
	const days = Array.from({length: 7}, (_, index) => makeRecords(60, Date.UTC(2025, 8, 27 + index))).flat();
	const report = buildCheckReport([...days, ...makeRecords(20)], {date: '2025-10-04', baselineDays: 7, truncated});
	return apply(state, {type: 'baseline-ready', searchId: id, report});
}

describe('typical counts of a cut one-day query', () => {
	it('are marked ? instead of ▼ when the day or its baseline was cut', () => {
		expect(frame(withBaseline(false))).toMatch(/All types +20 +~60▼/);
		const cut = frame(withBaseline(true));
		expect(cut).toMatch(/All types +20 +~60\?/);
		expect(cut).not.toContain('▼');
	});
});
