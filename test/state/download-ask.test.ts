/** `d` asks where and what: only new files are queued, into a folder the user can change. The queue's own keys. */
import {describe, expect, it} from 'vitest';
import type {FileState, QueueSnapshot} from '../../source/cassi/download/types.js';
import type {AppState} from '../../source/state/types.js';
import {apply, loadedState, press} from './fixtures.js';

function snapshot(files: Array<[string, FileState, string?]>): QueueSnapshot {
	const byState = {queued: 0, downloading: 0, retrying: 0, verifying: 0, done: 0, skipped: 0, failed: 0, paused: 0, cancelled: 0};
	for (const [, state] of files) byState[state]++;
	return {
		files: files.map(([name, state, message]) => ({name, state, bytes: 0, total: 1_500_000, rate: 0, attempts: 1, ...(message ? {message} : {})})),
		totals: {files: files.length, byState, bytesDone: 0, bytesTotal: 0, rate: 0, paused: false},
	};
}

const withQueue = (state: AppState, files: Array<[string, FileState, string?]>) => apply(state, {type: 'queue-snapshot', snapshot: snapshot(files)});

describe('d on marks already complete or queued', () => {
	it('says how many are new and queues only those', () => {
		let state = withQueue(loadedState(10), [
			['FILE_00000000', 'done'],
			['FILE_00000001', 'queued'],
			['FILE_00000002', 'cancelled'],
		]);
		state = press(state, 'Space', 'Space', 'Space', 'Space', 'd');
		expect(state.confirm?.message).toMatch(/^Download 2 new of 4 marked files \(2 already complete or queued; [\d.]+ MB\) into cassi-data\? \(y\/n\)$/);
		state = press(state, 'y');
		// The cancelled one is queued again; the done and queued ones are not sent twice.
		expect(state.requests.download?.rows.map(row => row.name)).toEqual(['FILE_00000002', 'FILE_00000003']);
		expect(state.requests.download?.already).toBe(2);
	});

	it('asks nothing when every marked file is already complete or queued', () => {
		let state = withQueue(loadedState(10), [
			['FILE_00000000', 'done'],
			['FILE_00000001', 'downloading'],
		]);
		state = press(state, 'Space', 'Space', 'd');
		expect(state.confirm).toBeUndefined();
		expect(state.requests.download).toBeUndefined();
		expect(state.message?.text).toBe('All 2 marked files are already complete or in the queue (w shows it)');
	});
});

describe('the folder in the download question', () => {
	it('is prefilled, f edits it, Enter keeps it and looks up its free space, y downloads there', () => {
		let state = press(loadedState(10), 'Space', 'd');
		expect(state.confirm?.message).toMatch(/into cassi-data\? \(y\/n\)$/);
		state = press(state, 'f', 'Ctrl+U');
		state = press(state, '~/data/night y');
		expect(state.confirm?.message).toBe('Download into: ~/data/night y█ (Enter keeps, Esc restores)');
		state = press(state, 'Backspace', 'Backspace', 'Enter');
		expect(state.requests.freeSpace?.folder).toBe('~/data/night');
		state = apply(state, {type: 'free-space', free: 9_000_000_000, folder: '~/data/night'});
		expect(state.confirm?.message).toMatch(/^Download 1 marked files \([\d.]+ MB\) into ~\/data\/night · 9 GB free\? \(y\/n\)$/);
		state = press(state, 'y');
		expect(state.requests.download?.folder).toBe('~/data/night');
		// The next d proposes the same folder.
		expect(state.downloadFolder).toBe('~/data/night');
	});

	it('Esc while editing restores the folder; an answer for another folder is ignored', () => {
		let state = press(loadedState(10), 'Space', 'd', 'f', 'xyz', 'Escape');
		expect(state.confirm?.download).toMatchObject({folder: 'cassi-data', editing: false});
		state = apply(state, {type: 'free-space', free: 1, folder: 'elsewhere'});
		expect(state.confirm?.message).not.toMatch(/free/);
	});
});

describe('the queue keys', () => {
	const queue = () =>
		press(
			withQueue(loadedState(10), [
				['FILE_00000000', 'cancelled', 'cancelled (partial file kept for resume)'],
				['FILE_00000001', 'failed', 'gave up after 6 attempts: connection failed after 1.2 MB (ECONNRESET)'],
			]),
			'w',
		);

	it('r resumes the file under the cursor, a resumes every paused and cancelled file', () => {
		let state = press(queue(), 'r');
		expect(state.requests.queue).toMatchObject({op: 'resume-file', name: 'FILE_00000000'});
		state = press(state, 'a');
		expect(state.requests.queue).toMatchObject({op: 'resume-all'});
	});

	it("Enter opens the file's detail and Esc goes back to the list", () => {
		let state = press(queue(), 'Down', 'Enter');
		expect(state.queueDetail).toBe(true);
		expect(state.queueCursor).toBe(1);
		state = press(state, 'Escape');
		expect(state.queueDetail).toBe(false);
		expect(state.screen).toBe('queue');
	});
});
