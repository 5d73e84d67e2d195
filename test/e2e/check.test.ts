// The morning check in a real 80×24 terminal: the browser's typical counts and check report on
// the notebook day, and `cassi check`'s own table. Nothing may wrap or run off the screen.
import {describe, expect, it, vi} from 'vitest';
import {e2eFile, startApp} from './app.js';
import {terminalRestoreProblems, wrappedRows} from './terminal.js';

vi.setConfig({testTimeout: 60_000});

const track = e2eFile();

function start(args: string[]) {
	const term = startApp(args, {cols: 80, rows: 24});
	track(term);
	return term;
}

describe('the check report at 80×24', () => {
	it('shows typical counts beside a one-day query after its results, and c opens the report', async () => {
		const term = start(['--demo', '-s', '2025-10-04', '-e', '2025-10-04']);
		// The results first; the typical counts follow from the background search.
		await term.waitFor(/^39 files · /m, {timeout: 20_000});
		const panel = await term.waitFor(/All types +39 +~1\d\d▼/, {timeout: 20_000});
		expect(panel).toMatch(/ CGI L0 +5 +~1\d▼$/m);
		expect(panel).toMatch(/ FSW Logs +1 +~1$/m);
		await term.settle({quietMs: 200});

		await term.press('c');
		const report = await term.waitFor(/^All files +39 +1\d\d \(\d+–\d+\) +\S+ +low$/m);
		expect(report).toMatch(/Check: 2025-10-04 against the 7 days before/);
		expect(report).toMatch(/^Science CGI Level 0 +5 +1\d \(\d+–\d+\) +\S+ +low$/m);
		expect(report).toMatch(/^All files: only 39 on 2025-10-04, usually 1\d\d/m);
		expect(term.lines()).toHaveLength(24);
		expect(term.lines().every((line) => line.length <= 80)).toBe(true);
		expect(wrappedRows(term)).toEqual([]);

		await term.press('Escape');
		// The status line reads the same on the report: wait for the list itself.
		await term.waitFor('CGI_00011850');
		expect(term.screen()).not.toMatch(/Check: 2025-10-04/);
		await term.press('q');
		expect(await term.waitForExit()).toBe(0);
		expect(terminalRestoreProblems(term.output())).toEqual([]);
	});

	it('cassi check prints its table within 80 columns and exits 4 on the missing logs of 2025-10-05', async () => {
		const term = start(['check', '--demo', '--date', '2025-10-05']);
		expect(await term.waitForExit()).toBe(4);
		const screen = term.screen();
		expect(screen).toMatch(/^FSW Event Message Logs +0 +1 \(1–2\) +\S+ +missing$/m);
		expect(screen).toMatch(/^FSW Event Message Logs: none on 2025-10-05, usually 1 \(1–2\)$/m);
		expect(wrappedRows(term)).toEqual([]);
	});
});
