// The browser at 60×20, 80×24, 120×34 and 200×50: columns share the width, the counts stay on
// screen, the timeline uses the room it has, and the status line is never cut mid-word.
import {render} from 'ink-testing-library';
import React from 'react';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {initialState} from '../../source/state/initial.js';
import {selectTimeline, timelineSlots} from '../../source/state/selectors.js';
import {wrapWords} from '../../source/state/text-width.js';
import type {AppState} from '../../source/state/types.js';
import {App} from '../../source/ui/app.js';
import {fitParts} from '../../source/ui/components/status-line/status-line.js';
import {apply, makeRecords, NOW, page, press} from '../state/fixtures.js';
import {plain} from './render.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function frame(state: AppState): string[] {
	const app = render(<App state={state} />);
	unmount = app.unmount;
	return plain(app.lastFrame()).split('\n');
}

function expectFits(lines: string[], width: number, height: number) {
	expect(lines).toHaveLength(height);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
}

/** Yesterday (2025-10-04) run from the form, with `n` files ingested one a minute from midnight. */
function dayState(width: number, height: number, n = 40, duplicates = 0): AppState {
	let state = press(initialState({hasToken: true, width, height, now: NOW}), 'Y');
	const id = state.search.id;
	state = apply(state, {type: 'search-page', id, page: {...page(makeRecords(n), n + duplicates, n, true), duplicates}});
	return apply(state, {type: 'search-done', id, at: NOW.toISOString()});
}

const SIZES = [
	[60, 20],
	[80, 24],
	[200, 50],
] as const;

describe('the browser at every size', () => {
	it.each(SIZES)('%i×%i: fits exactly, and the counts per type are on screen', (width, height) => {
		const lines = frame(dayState(width, height));
		expectFits(lines, width, height);
		const text = lines.join('\n');
		if (width < 80) {
			// Below 80 columns the panel becomes one summary line under the timeline.
			expect(lines[2]).toMatch(/^›All 40 · GW 10 · HK 10 · CGI 10 · WFI 10\s*$/);
		} else {
			expect(text).toMatch(/By type/);
			expect(text).toMatch(/› All types\s+40/);
		}
	});

	it('full type names wherever they fit: the list at 200 columns, the counts panel from 120', () => {
		const wide = frame(dayState(200, 50)).join('\n');
		expect(wide).toMatch(/FILE_00000000 +Science CGI Level 0 +2025-10-04 00:00:00 +2025-10-04 00:00:00/);
		expect(wide).toMatch(/ Housekeeping Ancillary Telemetry Data +10(?: +~\S+)?$/m);
		const medium = frame(dayState(120, 34)).join('\n');
		expect(medium).toMatch(/ Science CGI Level 0 +10(?: +~\S+)?$/m);
		const narrow = frame(dayState(80, 24)).join('\n');
		expect(narrow).toMatch(/FILE_00000000 +CGI L0 +10-04 00:00:00/);
	});

	it('names get the room they need, not a wide blank: long names stay whole when the line allows', () => {
		let state = press(initialState({hasToken: true, width: 120, height: 30, now: NOW}), 'Y');
		const records = makeRecords(3).map((record, index) => ({...record, archiveFileName: `RST_A_VERY_LONG_ENGINEERING_PRODUCT_NAME_${index}`}));
		state = apply(state, {type: 'search-page', id: state.search.id, page: page(records, 3, 3, true)});
		expect(frame(state).join('\n')).toContain('RST_A_VERY_LONG_ENGINEERING_PRODUCT_NAME_0 ');
	});

	it('the timeline gives a day one slot per hour up to 80 columns and finer ones when wider', () => {
		const bins = (width: number) => selectTimeline(dayState(width, 24), timelineSlots(width))!;
		expect(bins(60).bins).toHaveLength(24);
		expect(bins(80).bins).toHaveLength(24);
		expect(bins(120).binMs).toBe(30 * 60_000);
		expect(bins(200).bins).toHaveLength(144);
		expect(frame(dayState(200, 50))[1]).toMatch(/^Ingest \S{144} 10-04 00:00→10-04 23:50 per 10 min, peak 10$/);
		expect(frame(dayState(60, 20))[1]).toMatch(/^Ingest \S{24} per hour, peak 40$/);
	});

	it('the timeline follows the ] / [ type filter and says which type it shows', () => {
		const all = dayState(80, 24);
		const one = press(all, ']');
		expect(selectTimeline(one, 24)!.bins.reduce((sum, value) => sum + value, 0)).toBe(10);
		expect(frame(one)[1]).toMatch(/per hour, peak 10 \(\w+/);
	});

	it('one dropped duplicate is "1 duplicate dropped"; more are plural', () => {
		expect(frame(dayState(80, 24, 40, 1)).at(-2)).toMatch(/ · 1 duplicate dropped$/);
		expect(frame(dayState(80, 24, 40, 2)).at(-2)).toMatch(/ · 2 duplicates dropped$/);
	});

	it.each(SIZES)('%i×%i: the range hint is shown whole, never cut mid-word', (width, height) => {
		const lines = frame(press(dayState(width, height), 'v'));
		expectFits(lines, width, height);
		const status = lines.slice(-3, -1).join(' ');
		expect(status.replace(/\s+/g, ' ')).toContain('Range: move to the other end, then press v');
	});

	it.each(SIZES)('%i×%i: the not-enough-space question is readable whole, the cursor row stays in sight', (width, height) => {
		const folder = '/home/someone/projects/roman/cassi-data';
		let state = press({...dayState(width, height), downloadFolder: folder}, 'Space', 'G', 'Space', 'd');
		state = apply(state, {type: 'free-space', free: 1000, folder});
		const lines = frame(state);
		expectFits(lines, width, height);
		const question = state.confirm!.message;
		expect(question).toMatch(/into \/home\/someone\/projects\/roman\/cassi-data .*NOT ENOUGH SPACE \(1 kB free\)\? \(y\/n\)$/);
		const shown = lines.slice(width >= 150 ? -2 : -3, -1).join(' ').replace(/\s+/g, ' ').trim();
		if (width >= 80) expect(shown).toBe(`? ${question}`);
		else {
			// Too long for two lines of 60: the middle of the folder gives way, the warning and (y/n) stay.
			expect(shown).toMatch(/^\? Download 2 marked files \(41 MB\) into \/hom[^ ]*….* — NOT ENOUGH SPACE \(1 kB free\)\? \(y\/n\)$/);
		}
		expect(lines.some(line => line.startsWith('›') && line.includes('FILE_00000039'))).toBe(true);
	});
});

describe('the form at the smallest size', () => {
	it('keeps the focused type row in sight at 60×12', () => {
		const state = press(initialState({hasToken: true, width: 60, height: 12, now: NOW}), 'Up');
		expect(state.form.focus).toBe('type:Science WFI Level 0');
		const lines = frame(state);
		expectFits(lines, 60, 12);
		expect(lines.some(line => /^›.*\[ \] Science WFI Level 0/.test(line))).toBe(true);
	});
});

describe('wrapWords', () => {
	it('breaks only between words, into at most two lines', () => {
		expect(wrapWords('Range: move to the other end, then press v', 30)).toEqual(['Range: move to the other end,', 'then press v']);
		const lines = wrapWords('Fix the form first: end 2025-10-04T23:59:59 is before start 2025-10-05T00:00:00', 60);
		expect(lines).toEqual(['Fix the form first: end 2025-10-04T23:59:59 is before start', '2025-10-05T00:00:00']);
	});

	it('text that needs more than two lines loses its middle, keeping the start and the question', () => {
		const lines = wrapWords(`Download ${'x'.repeat(10)} ${'word '.repeat(40)}? (y/n)`, 40);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^Download x{10}/);
		expect(lines[1]).toMatch(/\? \(y\/n\)$/);
		expect(lines.join(' ')).toContain('…');
	});
});

describe('fitParts (the status line without a message)', () => {
	it('drops whole parts from the right; a first part too long for the line is cut between words', () => {
		expect(fitParts(['39 files', '0 marked (0 B)', '1 duplicate dropped'], 30)).toBe('39 files · 0 marked (0 B)');
		const notice = '500 of 1,234 files: the limit cut the newest (F fetches the rest)';
		const line = fitParts([notice, '0 marked (0 B)'], 40, true);
		expect(line).toBe('500 of 1,234 files: the limit cut the…');
		// Beside a message the counts step aside instead.
		expect(fitParts([notice], 40)).toBe('');
	});
});
