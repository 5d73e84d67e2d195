/** The queue at 80×24: the reason under the cursor is readable whole, and Enter shows everything about a file. */
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {QueueSnapshot} from '../../source/cassi/download/types.js';
import {App} from '../../source/ui/app.js';
import {apply, loadedState, press} from '../state/fixtures.js';
import {plain} from './render.js';

const REASON = 'gave up after 6 attempts: connection failed after 1.2 MB (ECONNRESET); the part is kept for cassi resume';

const queue: QueueSnapshot = {
	files: [
		{name: 'FILE_00000000', state: 'done', bytes: 1_500_000, total: 1_500_000, rate: 0, attempts: 1, path: '/data/cassi-data/FILE_00000000', checksum: 'SHA-256', verified: 'SHA-256 and size match the record'},
		{name: 'FILE_00000001', state: 'failed', bytes: 1_200_000, total: 1_500_000, rate: 0, attempts: 6, message: REASON, path: '/data/cassi-data/FILE_00000001', checksum: 'MD5'},
	],
	totals: {
		files: 2,
		byState: {queued: 0, downloading: 0, retrying: 0, verifying: 0, done: 1, skipped: 0, failed: 1, paused: 0, cancelled: 0},
		bytesDone: 2_700_000,
		bytesTotal: 3_000_000,
		rate: 0,
		paused: false,
	},
};

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function frame(keys: string[]): string {
	let state = apply({...loadedState(4), width: 80, height: 24}, {type: 'queue-snapshot', snapshot: queue});
	state = press(state, 'w', ...keys);
	const app = render(<App state={state} />);
	unmount = app.unmount;
	return plain(app.lastFrame());
}

describe('the queue view at 80×24', () => {
	it('shows the whole reason of the row under the cursor, though the row itself cuts it', () => {
		const screen = frame(['Down']);
		const lines = screen.split('\n');
		expect(lines.find(line => line.includes('› FILE_00000001'))).not.toContain('(ECONNRESET)');
		const at = lines.findIndex(line => line.startsWith('  FILE_00000001 failed: gave up'));
		expect(at).toBeGreaterThan(0);
		// Two lines under the list carry it, wrapped, not cut.
		expect(lines.slice(at, at + 2).map(line => line.slice(2)).join('')).toBe(`FILE_00000001 failed: ${REASON}`);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
	});

	it("Enter shows the file's state, full reason, attempts, bytes, path, checksum and whether it was verified", () => {
		const failed = frame(['Down', 'Enter']);
		expect(failed).toContain('Download: FILE_00000001');
		expect(failed).toMatch(/State\s+│\s+failed/);
		expect(failed.replace(/[\s│]+/g, ' ')).toContain('gave up after 6 attempts: connection failed after 1.2 MB (ECONNRESET);');
		expect(failed).toMatch(/Attempts\s+│\s+6/);
		expect(failed).toMatch(/Bytes\s+│\s+1\.2 MB of 1\.5 MB/);
		expect(failed).toMatch(/Path\s+│\s+\/data\/cassi-data\/FILE_00000001/);
		expect(failed).toMatch(/Checksum\s+│\s+MD5/);
		expect(failed).toMatch(/Verified\s+│\s+not yet/);
		unmount?.();
		const done = frame(['Enter']);
		expect(done).toMatch(/Verified\s+│\s+SHA-256 and size match the record/);
	});
});
