import {render} from 'ink-testing-library';
import React from 'react';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {initialState} from '../../source/state/initial.js';
import type {AppState} from '../../source/state/types.js';
import {App} from '../../source/ui/app.js';
import {KEY_BINDINGS} from '../../source/ui/keys.js';
import {themeFor} from '../../source/ui/theme.js';
import {apply, loadedState, NOW, press} from '../state/fixtures.js';
import {plain} from './render.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function frame(state: AppState): string[] {
	const app = render(<App state={state} storePath="/home/u/.config/cassi/config.json" />);
	unmount = app.unmount;
	return plain(app.lastFrame()).split('\n');
}

function expectFits(lines: string[], width: number, height: number) {
	expect(lines).toHaveLength(height);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
}

describe('the results screen', () => {
	it('fits 80×24 exactly, with the query, the cursor glyph, counts and ready texts', () => {
		const lines = frame(press(loadedState(40), 'j'));
		expectFits(lines, 80, 24);
		expect(lines[0]).toMatch(/^cassi\s+Query: any ingest time/);
		const cursor = lines.filter(line => line.startsWith('›'));
		expect(cursor).toHaveLength(1);
		expect(cursor[0]).toContain('FILE_00000001');
		expect(lines.at(-2)).toMatch(/^40 files · 0 marked/);
		expect(lines.at(-1)).toContain('? help');
		expect(lines.join('\n')).toMatch(/All types\s+40/);
		expect(lines.join('\n')).toMatch(/CGI L0\s+10/);
	});

	it('shows marks, their count and size in the status line', () => {
		const lines = frame(press(loadedState(40), 'Space', 'Space', 'Space'));
		expect(lines.filter(line => line.includes('●'))).toHaveLength(3);
		expect(lines.at(-2)).toContain('3 marked (6 MB)');
	});

	it('grows columns on a wide terminal: full type names and exposure times', () => {
		const lines = frame(loadedState(60, {width: 200, height: 50}));
		expectFits(lines, 200, 50);
		const text = lines.join('\n');
		expect(text).toContain('Exposure start');
		expect(text).toContain('Housekeeping Ancillary Telemetry Data');
		expect(text).toContain('2025-10-04 00:00:00');
	});

	it('draws the ingest timeline for the queried range', () => {
		let state = initialState({hasToken: true, now: NOW});
		state = press(state, 'Y');
		const lines = frame(state);
		expect(lines[1]).toMatch(/^Ingest /);
		state = apply(state, {
			type: 'search-page',
			id: state.search.id,
			page: {records: [{archiveFileName: 'A', fileType: 'Science CGI Level 0', ingestCompletionDate: '2025-10-04T05:10:00.0000000'}], received: 1, total: 5, duplicates: 0, done: false},
		});
		const loading = frame(state);
		expect(loading[1]).toMatch(/^Ingest ·+█·+ 10-04 00h→10-04 23h per hour, peak 1/);
		expect(loading.at(-2)).toMatch(/1 of 5/);
	});

	it('filters by type from the counts panel (the chosen type has the › glyph)', () => {
		const lines = frame(press(loadedState(40), ']'));
		// Full type names where the panel has room for them, short labels where not.
		expect(lines.some(line => /› (HK Telem|Science CGI Level 0|Science WFI Level 0|Guide Window Level 0)\s+10\s*$/.test(line))).toBe(true);
		expect(lines.some(line => /› All types/.test(line))).toBe(false);
		expect(lines.at(-2)).toMatch(/showing 10:/);
	});

	it('says the service keeps it waiting, over an info message and cut at 80 columns rather than dropped', () => {
		let state = press(initialState({hasToken: true, now: NOW, width: 80, height: 24}), 'Y');
		state = apply(state, {type: 'message', text: 'Using the token from --token', tone: 'info'});
		const text = 'no answer from https://mast.stsci.edu for 5.0 s (attempt 1 of 5, each waits up to 120 s; --timeout sets it)';
		state = apply(state, {type: 'search-waiting', id: state.search.id, text});
		const lines = frame(state);
		expectFits(lines, 80, 24);
		expect(lines.join('\n')).toMatch(/no answer from https:\/\/mast\.stsci\.edu for 5\.0 s \(attempt 1 of 5/);
		expect(lines.join('\n')).not.toContain('Using the token');
	});

	it('shows the filter line while typing', () => {
		const lines = frame(press(loadedState(40), '/', '0003'));
		expect(lines.at(-2)).toMatch(/^\/0003\s+11 matches · Enter keeps · Esc cancels/);
	});

	it('asks before clearing many marks, on the status line', () => {
		const lines = frame(press(loadedState(40), 'a', 'U'));
		expect(lines.at(-2)).toContain('Clear all 40 marks? (y/n)');
	});
});

describe('other screens', () => {
	it('the form says why a date is invalid, in one line', () => {
		const lines = frame(press(initialState({hasToken: true, now: NOW}), 'Down', '2025-02-30'));
		expectFits(lines, 80, 24);
		const text = lines.join('\n');
		expect(text).toMatch(/Ingest from\s+2025-02-30\s+✗ "2025-02-30" is not a real day/);
		expect(text).toMatch(/Presets\s+T today\s+Y yesterday\s+7 last 7 days\s+L since last check/);
		expect(text).toContain('[ ] Science CGI Level 0');
	});

	it('the presets row shows when the last check was', () => {
		const text = frame(initialState({hasToken: true, now: NOW, lastCheck: '2025-10-05T08:30:12'})).join('\n');
		expect(text).toMatch(/L since 10-05 08:30/);
	});

	it('a file type given on the command line is offered in the list', () => {
		const text = frame(initialState({hasToken: true, now: NOW, initialQuery: {fileTypes: ['Future Type']}})).join('\n');
		expect(text).toContain('[x] Future Type');
	});

	it("the type list's counts say they belong to the last query, and when the form has moved on", () => {
		let state = press(loadedState(20), 'e');
		expect(frame(state).join('\n')).toContain('counts: files in the last query');
		state = press(state, '2025-10-01');
		const text = frame(state).join('\n');
		expect(text).toContain('counts: last query, not this form');
		expect(text).toMatch(/› Ingest from +2025-10-01 /);
	});

	it('the form shows what a valid date means', () => {
		const text = frame(press(initialState({hasToken: true, now: NOW}), 'Down', 'yesterday')).join('\n');
		expect(text).toContain('= 2025-10-04 00:00:00 UTC');
	});

	it('the help overlay lists every key of the screen under it, from the key table', () => {
		const state = press(loadedState(5, {width: 200, height: 60}), '?');
		const text = frame(state).join('\n');
		for (const binding of KEY_BINDINGS.filter(item => item.contexts.includes('list') || item.contexts.includes('global'))) {
			expect(text).toContain(binding.help);
		}
		expect(text).not.toContain('pause or resume all downloads');
	});

	it('the help overlay fits 80×24', () => {
		expectFits(frame(press(loadedState(5), '?')), 80, 24);
	});

	it('the detail view shows every field', () => {
		const text = frame(press(loadedState(5), 'Enter')).join('\n');
		expect(text).toContain('Detail: FILE_00000000');
		expect(text).toMatch(/Checksum\s+│\s+0{32}/);
		expect(text).toMatch(/Product URL\s+│\s+mast:ROMAN\/eng\/FILE_00000000/);
		expect(text).toMatch(/Size\s+│\s+1 MB \(1000000 bytes\)/);
		expect(text).toMatch(/Exposure start\s+│\s+2025-10-04T00:00:00/);
		expect(text).toMatch(/Ingested \(UTC\)\s+│\s+2025-10-04T00:00:00.1230000/);
	});

	it('the token screen explains where to get a token and masks it', () => {
		const state = press(initialState({hasToken: false, now: NOW}), 'secret-token');
		const text = frame(state).join('\n');
		expect(text).toContain('https://auth.mast.stsci.edu/token');
		expect(text).toMatch(/Paste your MAST token: •{12}$/m);
		expect(text).not.toContain('secret');
		expect(text).toContain('[x] Save it for next time');
		expect(text).toContain('/home/u/.config/cassi/config.json');
	});

	it('the header names a service that is not MAST, DEMO for the demo, nothing for MAST', () => {
		const elsewhere = {...loadedState(5), service: '127.0.0.1:8123'};
		expect(frame(elsewhere)[0]).toMatch(/^cassi .* 127\.0\.0\.1:8123\s*$/);
		expect(frame({...elsewhere, service: undefined, demo: true})[0]).toMatch(/ DEMO\s*$/);
		expect(frame({...elsewhere, service: undefined})[0]).not.toMatch(/127\.0\.0\.1|DEMO/);
	});

	it("a 401 from a service that is not MAST names it and never sends the user to MAST's token page", () => {
		const state = apply({...loadedState(5), service: '127.0.0.1:8123'}, {type: 'auth-required', message: 'x'});
		const text = frame(state).join('\n');
		expect(text).toContain('The service at 127.0.0.1:8123 rejected the token.');
		expect(text).toContain('"cassi-demo-token"');
		expect(text).not.toContain('auth.mast.stsci.edu');
	});

	it('the token screen after a 401 says the token was rejected', () => {
		const state = apply(loadedState(5), {type: 'auth-required'});
		expect(frame(state).join('\n')).toMatch(/rejected the token, or it expired/);
	});

	it('a first run shows the welcome', () => {
		const text = frame(initialState({hasToken: false, firstRun: true, now: NOW})).join('\n');
		expect(text).toContain('Welcome to cassi');
		expect(text).toMatch(/D\s+open the demo archive/);
		expect(text).toMatch(/t\s+enter your MAST API token/);
	});

	it('the queue view shows one row per file with progress, rate and state', () => {
		const state: AppState = {
			...loadedState(3),
			screen: 'queue',
			queue: {
				files: [
					{name: 'CGI_00011850', state: 'downloading', bytes: 50_000_000, total: 100_000_000, rate: 2_000_000, eta: 25, attempts: 1},
					{name: 'CGI_00011851', state: 'done', bytes: 10, total: 10, rate: 0, attempts: 1},
					{name: 'CGI_00011852', state: 'failed', bytes: 0, total: 10, rate: 0, attempts: 2, message: 'corrupted'},
				],
				totals: {files: 3, byState: {queued: 0, downloading: 1, retrying: 0, verifying: 0, done: 1, skipped: 0, failed: 1, paused: 0, cancelled: 0}, bytesDone: 50_000_010, bytesTotal: 100_000_020, rate: 2_000_000, eta: 25, paused: false},
			},
		};
		const lines = frame(state);
		expectFits(lines, 80, 24);
		const text = lines.join('\n');
		expect(text).toMatch(/Queue: 1 of 3 done · 1 failed · 50 MB of 100 MB · 2 MB\/s · ETA 0:25/);
		expect(text).toMatch(/› CGI_00011850\s+█████░░░░░\s+50%\s+2 MB\/s\s+0:25 downloading/);
		expect(text).toMatch(/CGI_00011852 .* failed: corrupted/);
		expect(lines.at(-2)).toContain('↓ 1/3 1 failed');
	});

	it('the export screen names rows, format and file', () => {
		const text = frame(press(loadedState(5), 'Space', 'o')).join('\n');
		expect(text).toMatch(/Rows\s+‹ marked \(1\) ›/);
		expect(text).toMatch(/Format\s+‹ CSV ›/);
		expect(text).toMatch(/File\s+cassi-results.csv\s*$/m);
	});
});

describe('colour', () => {
	it('NO_COLOR turns every colour token off; the cursor does not rely on colour', () => {
		const theme = themeFor({NO_COLOR: '1'});
		expect(theme.color).toBe(false);
		expect([theme.accent, theme.error, theme.marked, theme.muted]).toEqual([undefined, undefined, undefined, undefined]);
		expect(themeFor({NO_COLOR: ''}).color).toBe(true);
	});
});

describe('hostile or awkward input', () => {
	it('never draws an escape sequence from a record, even one that skipped the client', () => {
		let state = press(initialState({hasToken: true, now: NOW}), 'Y');
		state = apply(state, {
			type: 'search-page',
			id: state.search.id,
			page: {
				records: [{archiveFileName: 'EVIL_\u001b]0;pwned\u0007_\u001b[2J', fileType: 'Science CGI Level 0', ingestCompletionDate: '2025-10-04T01:00:00', note: '\u001b]52;c;aGk=\u0007x'}],
				received: 1,
				duplicates: 0,
				done: true,
			},
		});
		const app = render(<App state={press(state, 'Enter')} />);
		unmount = app.unmount;
		const raw = app.lastFrame() ?? '';
		expect(raw).not.toMatch(/\u001b\]|\u001b\[2J|\u0007/);
		expect(plain(raw)).toContain('EVIL__');
		expect(plain(raw)).toMatch(/note\s+│\s+x/);
	});

	it('asks for a bigger window instead of wrapping when the terminal is tiny', () => {
		const lines = frame({...loadedState(5), width: 40, height: 8});
		expect(lines[0]).toMatch(/^cassi needs 60×12 \(now 40×8\)/);
		expectFits(lines, 40, 8);
	});
});

describe('help on a small terminal', () => {
	it('scrolls when the keys do not fit', () => {
		let state = press(loadedState(5, {width: 60, height: 14}), '?');
		let text = frame(state).join('\n');
		expect(text).toMatch(/Keys — Esc closes · ↓↑ scroll 1–10 of \d+/);
		expect(text).toContain('move down');
		state = press(state, 'PageDown', 'PageDown', 'PageDown', 'PageDown');
		text = frame(state).join('\n');
		expect(text).toContain('quit (asks if downloading)');
		expect(text).not.toContain('move down');
		state = press(state, 'Escape');
		expect(state.helpOpen).toBe(false);
	});
});
