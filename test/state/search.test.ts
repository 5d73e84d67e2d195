import {describe, expect, it} from 'vitest';
import {initialState} from '../../source/state/initial.js';
import {selectMarked} from '../../source/state/selectors.js';
import {apply, loadedState, makeRecords, NOW, page, press} from './fixtures.js';

describe('the search lifecycle', () => {
	it('drops pages from an older run', () => {
		let state = press(initialState({hasToken: true, now: NOW}), 'Y');
		const old = state.search.id;
		state = press(state, 'r');
		state = apply(state, {type: 'search-page', id: old, page: page(makeRecords(5), 5, 5, true)});
		expect(state.rows).toHaveLength(0);
		state = apply(state, {type: 'search-page', id: state.search.id, page: page(makeRecords(3), 3, 3, true)});
		expect(state.rows).toHaveLength(3);
	});

	it('keeps the watermark the search moved "since last check" to, not the clock time it ended', () => {
		let state = press(initialState({hasToken: true, now: NOW, lastCheck: '2025-10-03T23:59:59'}), 'Y');
		state = apply(state, {type: 'search-done', id: state.search.id, at: '2025-10-05T11:59:00.000Z', lastCheck: '2025-10-04T23:59:59'});
		expect(state.lastCheck).toBe('2025-10-04T23:59:59');
		expect(state.search.finishedAt).toBe('2025-10-05T11:59:00.000Z');
		state = press(state, 'T');
		state = apply(state, {type: 'search-done', id: state.search.id, at: '2025-10-05T12:00:00.000Z'});
		expect(state.lastCheck).toBe('2025-10-04T23:59:59');
	});

	it('a failure is shown and stops the spinner', () => {
		let state = press(initialState({hasToken: true, now: NOW}), 'Y');
		state = apply(state, {type: 'search-failed', id: state.search.id, message: 'could not reach the service: check your network'});
		expect(state.search.running).toBe(false);
		expect(state.message).toEqual({text: 'could not reach the service: check your network', tone: 'error'});
	});

	it('r re-runs the query, keeping marks on the files that come back', () => {
		let state = press(loadedState(10), 'Space', 'Space', 'r');
		expect(state.rows).toHaveLength(0);
		expect(state.search.running).toBe(true);
		state = apply(state, {type: 'search-page', id: state.search.id, page: page(makeRecords(10), 10, 10, true)});
		expect(selectMarked(state).count).toBe(2);
	});

	it('a rejected token brings the token screen back without losing results or marks', () => {
		let state = press(loadedState(10), 'Space', 'Space', 'Space');
		state = apply(state, {type: 'auth-required', message: 'MAST rejected the token'});
		expect(state.screen).toBe('token');
		expect(state.token.reason).toBe('rejected');
		expect(state.rows).toHaveLength(10);
		state = press(state, 'abc', 'Backspace', 'd', 'Enter');
		expect(state.requests.token).toMatchObject({token: 'abd', save: true});
		expect(state.token.checking).toBe(true);
		state = apply(state, {type: 'token-accepted', saved: true});
		expect(state.screen).toBe('browse');
		expect(state.rows).toHaveLength(10);
		expect(selectMarked(state).count).toBe(3);
		expect(state.message?.text).toMatch(/saved/);
	});

	it('a search cut short by the token runs again with the new one', () => {
		let state = press(initialState({hasToken: true, now: NOW}), 'Y');
		state = apply(state, {type: 'auth-required'});
		const before = state.requests.search!.seq;
		state = press(state, 'tok', 'Enter');
		state = apply(state, {type: 'token-accepted', saved: false});
		expect(state.requests.search!.seq).toBeGreaterThan(before);
		expect(state.search.running).toBe(true);
	});

	it('the token screen: Tab toggles saving, D opens the demo only when the field is empty', () => {
		let state = initialState({hasToken: false, now: NOW});
		expect(state.screen).toBe('token');
		state = press(state, 'Tab');
		expect(state.token.save).toBe(false);
		state = press(state, 'D');
		expect(state.requests.demo).toBeDefined();
		const typed = press(initialState({hasToken: false, now: NOW}), 'aD');
		expect(typed.token.value).toBe('aD');
		expect(typed.requests.demo).toBeUndefined();
		const empty = press(initialState({hasToken: false, now: NOW}), 'Enter');
		expect(empty.token.error).toMatch(/Paste your token/);
		const rejected = apply(press(initialState({hasToken: false, now: NOW}), 'x', 'Enter'), {type: 'token-rejected', message: 'The service rejected this token'});
		expect(rejected.token.checking).toBe(false);
		expect(rejected.token.error).toMatch(/rejected/);
	});

	it('first run greets with the demo or a token', () => {
		let state = initialState({hasToken: false, firstRun: true, now: NOW});
		expect(state.screen).toBe('welcome');
		state = press(state, 't');
		expect(state.screen).toBe('token');
		state = press(state, 'Escape');
		expect(state.screen).toBe('welcome');
		state = press(state, 'D');
		expect(state.requests.demo).toBeDefined();
		state = apply(state, {type: 'demo-opened'});
		expect(state.screen).toBe('form');
		expect(state.demo).toBe(true);
		expect(state.hasToken).toBe(true);
	});
});

describe('downloads and export requests', () => {
	it('d asks with the count and size, then queues the marked rows', () => {
		let state = press(loadedState(10), 'd');
		expect(state.requests.download).toBeUndefined();
		expect(state.message?.text).toMatch(/Nothing is marked/);
		state = press(state, 'Space', 'Space', 'd');
		expect(state.confirm?.message).toMatch(/Download 2 marked files \(3 MB\) into cassi-data/);
		expect(state.requests.freeSpace).toEqual({seq: state.seq, folder: 'cassi-data'});
		const tight = apply(state, {type: 'free-space', free: 1_000_000, folder: 'cassi-data'});
		expect(tight.confirm?.message).toBe('Download 2 marked files (3 MB) into cassi-data — NOT ENOUGH SPACE (1 MB free)? (y/n)');
		state = press(state, 'y');
		expect(state.requests.download?.rows.map(row => row.name)).toEqual(['FILE_00000000', 'FILE_00000001']);
		expect(state.requests.download?.folder).toBe('cassi-data');
		expect(state.screen).toBe('queue');
	});

	it('o exports marked rows (or the view) in the chosen format to the named file', () => {
		let state = press(loadedState(10), 'Space', 'o');
		expect(state.screen).toBe('export');
		expect(state.exportForm.scope).toBe('marked');
		state = press(state, 'Up', 'Right');
		expect(state.exportForm.format).toBe('json');
		expect(state.exportForm.file).toBe('cassi-results.json');
		state = press(state, 'Up', 'Right', 'Tab', 'Tab');
		expect(state.exportForm.scope).toBe('view');
		expect(state.exportForm.focus).toBe('file');
		state = press(state, 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'txt', 'Enter');
		expect(state.requests.export).toMatchObject({format: 'json', file: 'cassi-results.txt'});
		expect(state.requests.export?.rows).toHaveLength(10);
		expect(state.screen).toBe('browse');
	});

	it('queue keys act on the file under the queue cursor', () => {
		let state = loadedState(3);
		state = {
			...state,
			screen: 'queue',
			queue: {
				files: [
					{name: 'A', state: 'done', bytes: 1, total: 1, rate: 0, attempts: 1},
					{name: 'B', state: 'failed', bytes: 0, total: 5, rate: 0, attempts: 2, message: 'corrupted'},
				],
				totals: {files: 2, byState: {queued: 0, downloading: 0, retrying: 0, verifying: 0, done: 1, skipped: 0, failed: 1, paused: 0, cancelled: 0}, bytesDone: 1, bytesTotal: 6, rate: 0, paused: false},
			},
		};
		state = press(state, 'j', 'x');
		expect(state.requests.queue).toMatchObject({op: 'cancel', name: 'B'});
		state = press(state, 'R');
		expect(state.requests.queue).toMatchObject({op: 'retry'});
		state = press(state, 'p');
		expect(state.requests.queue).toMatchObject({op: 'pause'});
		state = press(state, 'Delete');
		expect(state.requests.queue).toMatchObject({op: 'remove', name: 'B'});
		state = press(state, 'w');
		expect(state.screen).toBe('browse');
	});
});
