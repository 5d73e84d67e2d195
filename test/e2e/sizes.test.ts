// The browser at 60×20, 80×24 and 200×50, end to end: the built binary in a real terminal on
// the demo archive (and once against a local emulator). Every assertion is what a user sees.
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ensureBuilt, startApp} from './app.js';
import {type TerminalHandle} from './terminal.js';

vi.setConfig({testTimeout: 90_000});

let open: TerminalHandle[] = [];
let emulator: Emulator | undefined;
beforeAll(ensureBuilt, 120_000);
afterEach(async () => {
	await Promise.all(open.map((handle) => handle.close()));
	open = [];
	await emulator?.close();
	emulator = undefined;
});

const notebookDay = ['-s', '2025-10-04', '-e', '2025-10-04'];
const done = /^39 files · /m;

async function openDemo(cols: number, rows: number) {
	const term = startApp(['--demo', ...notebookDay], {cols, rows});
	open.push(term);
	await term.waitFor(done, {timeout: 30_000});
	await term.settle({quietMs: 200});
	return term;
}

/** Every line fits the terminal: nothing wrapped onto a line of its own. */
function expectNoWrap(term: TerminalHandle) {
	const lines = term.lines();
	expect(lines).toHaveLength(term.rows);
	for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(term.cols);
}

const listRow = (lines: string[]) => lines.filter((line) => /^[› ][● +][A-Z][A-Z_]+_\d+ /.test(line));

describe.each([
	[60, 20],
	[80, 24],
	[200, 50],
])('the browser at %i×%i', (cols, rows) => {
	it('/hk shows all 8 housekeeping rows, cursor on the first, the match count in sight', async () => {
		const term = await openDemo(cols, rows);
		await term.press('/');
		await term.type('hk');
		const screen = await term.waitFor(/^\/hk +8 matches/m);
		const shown = listRow(screen.split('\n'));
		expect(shown).toHaveLength(8);
		expect(shown[0]).toMatch(/^› FPEHK_00020311 /);
		for (const line of shown) expect(line).toMatch(/ (HK Telem|Housekeeping Ancillary Telemetry Data) /);
		await term.press('Enter');
		await term.waitFor(/showing 8: \/hk/);
		const kept = listRow(term.lines());
		expect(kept).toHaveLength(8);
		expect(kept.filter((line) => line.startsWith('›'))).toEqual([expect.stringMatching(/^› FPEHK_00020311 /)]);
		expectNoWrap(term);
	});

	it('the counts per type stay on screen, the timeline fits the width and follows ] / [', async () => {
		const term = await openDemo(cols, rows);
		const screen = term.screen();
		if (cols < 80) {
			expect(screen).toMatch(/^›All 39 · Cal 13 · HK 8 · GW 5 · .*…$/m);
			expect(screen).toMatch(/^Ingest [·▁▂▃▄▅▆▇█]{24} per hour, peak 9$/m);
		} else {
			expect(screen).toMatch(/› All types +39/);
			if (cols >= 120) expect(screen).toMatch(/ Science CGI Level 0 +5\b/);
			if (cols >= 200) {
				expect(screen).toMatch(/^› CGI_00011850 +Science CGI Level 0 +2025-10-04 00:01:27 /m);
				expect(screen).toMatch(/^Ingest [·▁▂▃▄▅▆▇█]{144} 10-04 00:00→10-04 23:50 per 10 min, peak \d+/m);
			} else {
				expect(screen).toMatch(/^Ingest [·▁▂▃▄▅▆▇█]{24} 10-04 00h→10-04 23h per hour, peak 9$/m);
			}
		}
		expect(screen).toMatch(/1 duplicate dropped/);
		// ] filters to the largest type, Calibrated Engineering Data: the timeline counts only those.
		await term.press(']');
		const filtered = await term.waitFor(/showing 13: Cal Eng/);
		expect(filtered).toMatch(/^Ingest [·▁▂▃▄▅▆▇█]+ .*peak \d+ \(Cal Eng\)/m);
		if (cols < 80) expect(filtered).toMatch(/^All 39 · ›Cal 13 · HK 8/m);
		expectNoWrap(term);
	});

	it('the range hint is readable whole, and e opens the form on the first date', async () => {
		const term = await openDemo(cols, rows);
		await term.press('v');
		await term.waitUntil(
			(lines) => lines.slice(-3, -1).join(' ').replace(/\s+/g, ' ').includes('Range: move to the other end, then press v'),
			'the whole range hint on the status line',
		);
		expectNoWrap(term);
		// Esc alone (an Esc followed at once by e would read as Alt+e): the range is cancelled first.
		await term.press('Escape');
		await term.waitForGone(/Range: move to the other end/);
		await term.press('e');
		await term.waitFor(/^› Ingest from +2025-10-04T00:00:00 /m);
		expect(term.screen()).toMatch(/counts: (files in the )?last query/);
	});
});

describe('against a service that is not MAST', () => {
	it('the header names its host, at 80×24', async () => {
		emulator = await startEmulator({quiet: true});
		const term = startApp(['--api-url', emulator.url, ...notebookDay], {cols: 80, rows: 24, env: {MAST_API_TOKEN: 'cassi-demo-token'}});
		open.push(term);
		await term.waitFor(done, {timeout: 30_000});
		const host = new URL(emulator.url).host;
		expect(term.lines()[0]).toMatch(new RegExp(` ${host.replace(/\./g, '\\.')}$`));
		expect(term.screen()).not.toContain('DEMO');
	});
});
