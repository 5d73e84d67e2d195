import {describe, expect, it} from 'vitest';
import {listHeight} from '../../source/state/layout.js';
import {selectCursorRow, selectMarked, selectView} from '../../source/state/selectors.js';
import {loadedState, press} from './fixtures.js';

const HEIGHT = listHeight(24);

describe('moving through the results', () => {
	it('moves with arrows and j/k, stays inside the list', () => {
		let state = loadedState(10);
		state = press(state, 'Down', 'j', 'j');
		expect(state.cursor).toBe(3);
		state = press(state, 'Up', 'k', 'k', 'k', 'k');
		expect(state.cursor).toBe(0);
		state = press(state, 'G');
		expect(state.cursor).toBe(9);
		state = press(state, 'j');
		expect(state.cursor).toBe(9);
		state = press(state, 'g');
		expect(state.cursor).toBe(0);
		state = press(state, 'End');
		expect(selectCursorRow(state)?.name).toBe('FILE_00000009');
		state = press(state, 'Home');
		expect(selectCursorRow(state)?.name).toBe('FILE_00000000');
	});

	it('pages by the visible height and keeps the cursor on screen', () => {
		let state = loadedState(100);
		state = press(state, 'PageDown');
		expect(state.cursor).toBe(HEIGHT);
		expect(state.cursor).toBeGreaterThanOrEqual(state.scroll);
		expect(state.cursor).toBeLessThan(state.scroll + HEIGHT);
		state = press(state, 'Ctrl+F', 'Ctrl+B');
		expect(state.cursor).toBe(HEIGHT);
		state = press(state, 'Ctrl+D');
		expect(state.cursor).toBe(HEIGHT + Math.floor(HEIGHT / 2));
		state = press(state, 'Ctrl+U', 'PageUp');
		expect(state.cursor).toBe(0);
		expect(state.scroll).toBe(0);
		state = press(state, 'G');
		expect(state.scroll).toBe(100 - HEIGHT);
		expect(selectView(state).slice(state.scroll, state.scroll + HEIGHT)).toHaveLength(HEIGHT);
		expect(selectView(state).slice(state.scroll, state.scroll + HEIGHT).at(-1)?.name).toBe('FILE_00000099');
	});
});

describe('marking', () => {
	it('space marks and moves down; again unmarks', () => {
		let state = loadedState(10);
		state = press(state, 'Space', 'Space', 'Space');
		expect(state.cursor).toBe(3);
		expect(selectMarked(state).count).toBe(3);
		// 1 + 2 + 3 MB
		expect(selectMarked(state).bytes).toBe(6_000_000);
		state = press(state, 'k', 'Space');
		expect(selectMarked(state).count).toBe(2);
	});

	it('v starts a range and v again marks every row between', () => {
		let state = loadedState(20);
		state = press(state, 'j', 'j', 'v');
		expect(state.rangeAnchor).toBe(2);
		state = press(state, 'j', 'j', 'j', 'j', 'v');
		expect(state.rangeAnchor).toBeUndefined();
		expect(selectMarked(state).count).toBe(5);
		expect([...state.marks].length).toBe(5);
		// Backwards ranges work too, and Esc cancels a pending range.
		state = press(state, 'G', 'v', 'k', 'k', 'v');
		expect(selectMarked(state).count).toBe(8);
		state = press(state, 'v', 'Escape');
		expect(state.rangeAnchor).toBeUndefined();
	});

	it('Shift+arrows mark while moving', () => {
		let state = loadedState(10);
		state = press(state, 'Shift+Down', 'Shift+Down');
		expect(selectMarked(state).count).toBe(2);
		expect(state.cursor).toBe(2);
		state = press(state, 'Shift+Up');
		expect(state.cursor).toBe(1);
		expect(selectMarked(state).count).toBe(3);
	});

	it('a marks all in view, A inverts, U clears (asking when many)', () => {
		let state = loadedState(40);
		state = press(state, 'a');
		expect(selectMarked(state).count).toBe(40);
		state = press(state, 'U');
		expect(state.confirm?.kind).toBe('clear-marks');
		state = press(state, 'n');
		expect(selectMarked(state).count).toBe(40);
		expect(state.confirm).toBeUndefined();
		state = press(state, 'U', 'y');
		expect(selectMarked(state).count).toBe(0);
		state = press(state, 'Space', 'Space', 'A');
		expect(selectMarked(state).count).toBe(38);
		// A few marks clear without a question.
		state = press(state, 'A', 'U');
		expect(state.confirm).toBeUndefined();
		expect(selectMarked(state).count).toBe(0);
	});

	it('a marks only what the filter shows', () => {
		let state = loadedState(40);
		state = press(state, ']', 'a');
		const type = state.typeFilter;
		expect(type).toBeDefined();
		expect(selectMarked(state).count).toBe(10);
		expect(selectView(state).every(row => row.type === type)).toBe(true);
	});

	it('t marks every file of the type under the cursor', () => {
		let state = loadedState(40);
		state = press(state, 'j', 't');
		const type = selectCursorRow(state)!.type;
		const marked = state.rows.filter(row => state.marks.has(row.id));
		expect(marked).toHaveLength(10);
		expect(marked.every(row => row.type === type)).toBe(true);
	});

	it('marks survive sorting and filtering (they are keyed by row id)', () => {
		let state = loadedState(30);
		state = press(state, 'Space', 'Space', 's', 's', '/', '0002', 'Enter');
		expect(selectMarked(state).count).toBe(2);
		state = press(state, 'Escape');
		expect(state.filter).toBe('');
		expect(selectMarked(state).count).toBe(2);
	});
});

describe('filter, type filter and sort', () => {
	it('/ filters as you type, Enter keeps, Esc cancels', () => {
		let state = loadedState(30);
		state = press(state, '/', '0001');
		expect(state.filtering).toBe(true);
		expect(selectView(state).map(row => row.name)).toEqual(expect.arrayContaining(['FILE_00000010', 'FILE_00000019']));
		// FILE_00000001 and FILE_00000010..19
		expect(selectView(state)).toHaveLength(11);
		state = press(state, 'Backspace', 'Backspace');
		expect(state.filter).toBe('00');
		state = press(state, '1', 'Enter');
		expect(state.filtering).toBe(false);
		expect(state.filter).toBe('001');
		// Keys mean commands again once the filter is kept.
		state = press(state, 'j');
		expect(state.cursor).toBe(1);
		state = press(state, '/', 'xyz', 'Escape');
		expect(state.filter).toBe('001');
		expect(state.filtering).toBe(false);
	});

	it('the filter matches the file type too, case-insensitively', () => {
		const state = press(loadedState(40), '/', 'cgi', 'Enter');
		expect(selectView(state)).toHaveLength(10);
	});

	it('the filter matches the short label the list shows (HK Telem), whatever the case', () => {
		// Every fourth row is Housekeeping Ancillary Telemetry Data, shown as "HK Telem".
		for (const typed of ['hk', 'HK TELEM', 'hk telem']) {
			const state = press(loadedState(40), '/', typed, 'Enter');
			expect(selectView(state)).toHaveLength(10);
			expect(selectView(state).every(row => row.type === 'Housekeeping Ancillary Telemetry Data')).toBe(true);
		}
	});

	it('typing a filter puts the cursor on the first match, even from far down the list', () => {
		let state = press(loadedState(40), 'G');
		expect(state.cursor).toBe(39);
		state = press(state, '/', 'wfi');
		expect(state.cursor).toBe(0);
		expect(state.scroll).toBe(0);
		expect(selectCursorRow(state)?.type).toBe('Science WFI Level 0');
		state = press(state, 'Backspace', 'Backspace', 'Backspace', 'hk', 'Enter');
		expect(selectCursorRow(state)?.name).toBe('FILE_00000002');
	});

	it('] and [ cycle the type filter through the counts panel, back to all', () => {
		let state = loadedState(40);
		const seen = new Set<string | undefined>();
		for (let index = 0; index < 5; index++) {
			state = press(state, ']');
			seen.add(state.typeFilter);
		}
		expect(seen.size).toBe(5);
		expect(state.typeFilter).toBeUndefined();
		state = press(state, '[');
		expect(state.typeFilter).toBeDefined();
		expect(selectView(state)).toHaveLength(10);
	});

	it('s cycles sort column and direction; the cursor stays on its file', () => {
		let state = loadedState(30);
		state = press(state, 'j', 'j', 'j');
		const name = selectCursorRow(state)!.name;
		state = press(state, 's');
		expect(state.sort).toEqual({key: 'ingest', descending: true});
		expect(selectView(state)[0].name).toBe('FILE_00000029');
		expect(selectCursorRow(state)!.name).toBe(name);
		state = press(state, 's', 's', 's', 's', 's');
		expect(state.sort).toEqual({key: 'size', descending: true});
		expect(selectView(state)[0].size).toBe(30_000_000);
		state = press(state, 's', 's');
		expect(state.sort).toEqual({key: 'ingest', descending: false});
	});
});

describe('detail, help and quitting', () => {
	it('Enter opens the row under the cursor, Esc goes back', () => {
		let state = press(loadedState(10), 'j', 'j', 'Enter');
		expect(state.screen).toBe('detail');
		expect(state.detailId).toBe(selectCursorRow(state)!.id);
		state = press(state, 'j', 'j');
		expect(state.detailScroll).toBe(2);
		state = press(state, 'Escape');
		expect(state.screen).toBe('browse');
		expect(state.cursor).toBe(2);
	});

	it('? and F1 toggle help; Esc closes only the help', () => {
		let state = press(loadedState(10), '/', 'F1');
		expect(state.helpOpen).toBe(true);
		state = press(state, 'Escape');
		expect(state.helpOpen).toBe(false);
		expect(state.filtering).toBe(true);
		state = press(state, 'Escape', '?');
		expect(state.helpOpen).toBe(true);
		state = press(state, 'j');
		expect(state.cursor).toBe(0);
		state = press(state, '?');
		expect(state.helpOpen).toBe(false);
	});

	it('q quits at once when nothing downloads, Ctrl-C too', () => {
		expect(press(loadedState(3), 'q').requests.quit).toBeDefined();
		expect(press(loadedState(3), 'Ctrl+C').requests.quit).toBeDefined();
	});

	it('q asks first while downloads run; n stays, y quits', () => {
		let state = loadedState(3);
		state = {
			...state,
			queue: {
				files: [{name: 'FILE_00000000', state: 'downloading', bytes: 10, total: 100, rate: 5, attempts: 1}],
				totals: {files: 1, byState: {queued: 0, downloading: 1, retrying: 0, verifying: 0, done: 0, skipped: 0, failed: 0, paused: 0, cancelled: 0}, bytesDone: 10, bytesTotal: 100, rate: 5, paused: false},
			},
		};
		state = press(state, 'q');
		expect(state.confirm?.kind).toBe('quit');
		expect(state.requests.quit).toBeUndefined();
		state = press(state, 'n');
		expect(state.confirm).toBeUndefined();
		state = press(state, 'Ctrl+C', 'Ctrl+C');
		expect(state.requests.quit).toBeDefined();
	});
});
