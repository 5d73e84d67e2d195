// 50,000 rows: the same key sequences as a small list, and the window never grows with the data.
import {describe, expect, it} from 'vitest';
import {listHeight} from '../../source/state/layout.js';
import {selectCursorRow, selectMarked, selectTypeCounts, selectView} from '../../source/state/selectors.js';
import {apply, loadedState, makeRecords, NOW, page, press} from './fixtures.js';
import {initialState} from '../../source/state/initial.js';

const N = 50_000;
const HEIGHT = listHeight(24);

describe('a 50,000-row result', () => {
	const big = loadedState(N);

	it('counts every type and shows only one window of rows', () => {
		expect(big.rows).toHaveLength(N);
		expect(selectTypeCounts(big).reduce((sum, entry) => sum + entry.count, 0)).toBe(N);
		expect(selectTypeCounts(big).map(entry => entry.count)).toEqual([12_500, 12_500, 12_500, 12_500]);
		expect(selectView(big).slice(big.scroll, big.scroll + HEIGHT)).toHaveLength(HEIGHT);
	});

	it('jumps to the end and pages back', () => {
		let state = press(big, 'G');
		expect(state.cursor).toBe(N - 1);
		expect(state.scroll).toBe(N - HEIGHT);
		expect(selectView(state).slice(state.scroll, state.scroll + HEIGHT).at(-1)?.name).toBe('FILE_00049999');
		state = press(state, 'PageUp', 'PageUp');
		expect(state.cursor).toBe(N - 1 - 2 * HEIGHT);
		state = press(state, 'g', 'PageDown', 'Ctrl+D');
		expect(state.cursor).toBe(HEIGHT + Math.floor(HEIGHT / 2));
	});

	it('marks, ranges, mark-all and invert', () => {
		let state = press(big, 'Space', 'Space', 'v', 'PageDown', 'v');
		expect(selectMarked(state).count).toBe(2 + HEIGHT + 1);
		state = press(state, 'a');
		expect(selectMarked(state).count).toBe(N);
		expect(selectMarked(state).bytes).toBe((N * (N + 1) / 2) * 1_000_000);
		state = press(state, 'A');
		expect(selectMarked(state).count).toBe(0);
		state = press(state, 't');
		expect(selectMarked(state).count).toBe(N / 4);
		state = press(state, 'U');
		expect(state.confirm?.kind).toBe('clear-marks');
		state = press(state, 'y');
		expect(state.marks.size).toBe(0);
	});

	it('filters, sorts and filters by type', () => {
		let state = press(big, '/', '4999', 'Enter');
		// FILE_00004999 and FILE_00049990..49999 (and FILE_000x4999 for x = 1..4)
		expect(selectView(state).map(row => row.name)).toContain('FILE_00049995');
		expect(selectView(state).every(row => row.name.includes('4999'))).toBe(true);
		state = press(state, 'Escape', 's');
		expect(selectView(state)[0].name).toBe('FILE_00049999');
		state = press(state, ']');
		expect(selectView(state)).toHaveLength(N / 4);
		expect(selectCursorRow(state)?.type).toBe(state.typeFilter);
	});

	it('counts grow page by page while the search runs ("N of T")', () => {
		let state = initialState({hasToken: true, now: NOW});
		state = apply(state, {type: 'run-query', now: NOW.toISOString()});
		const id = state.search.id;
		const records = makeRecords(N);
		for (let start = 0; start < N; start += 5000) {
			state = apply(state, {type: 'search-page', id, page: page(records.slice(start, start + 5000), start + 5000, N, start + 5000 >= N)});
			expect(state.rows).toHaveLength(start + 5000);
			expect(Object.values(state.counts).reduce((a, b) => a + b, 0)).toBe(start + 5000);
			expect(state.search.total).toBe(N);
			expect(state.search.running).toBe(true);
		}
		state = apply(state, {type: 'search-done', id, at: NOW.toISOString()});
		expect(state.search.running).toBe(false);
	});
});
