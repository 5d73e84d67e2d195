// The interactive browser, end to end: the built binary in a real terminal on the demo archive.
// Every step asserts what a user would see on the screen.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {e2eFile, startApp, type AppOptions} from './app.js';
import {terminalRestoreProblems, wrappedRows, type TerminalHandle} from './terminal.js';

// Each test starts the app and its demo archive; a busy 2-core CI machine needs more than the default.
vi.setConfig({testTimeout: 60_000});

const track = e2eFile();

const notebookDay = ['--demo', '-s', '2025-10-04', '-e', '2025-10-04'];
const notebookHeader = /ingest 2025-10-04 00:00:00 → 2025-10-04 23:59:59/;
const rowsOf = (screen: string, pattern: RegExp) => screen.split('\n').filter((line) => pattern.test(line));
/** The status line once a query has finished: "39 files · 0 marked (0 B) · 1 duplicates dropped". */
const status = (files = '\\d+', marked = '\\d+') => new RegExp(`^${files} files · (?:.* · )?${marked} marked`, 'm');
// Name column: the cursor glyph, the mark glyph, then the file name.
const nameRow = /^[› ][● +](CGI|WFISCI|WFIGW|FPEHK|SCANC|RST)_/;

/** Opens the browser and waits until the query has finished (the status line says "N files"). */
async function openBrowser(args: string[], options: AppOptions = {}) {
	const term = startApp(args, {cols: 100, rows: 30, ...options});
	track(term);
	await term.waitFor(status(), {timeout: 20_000});
	// Keys from here on come at a person's pace, once the app has drawn the results.
	await term.settle({quietMs: 200});
	return term;
}

/** Quits with q and checks the terminal was handed back intact. */
async function quitCleanly(term: TerminalHandle) {
	await term.press('q');
	expect(await term.waitForExit()).toBe(0);
	expect(term.isAltScreen()).toBe(false);
	expect(terminalRestoreProblems(term.output())).toEqual([]);
}

function utcDay(offsetDays: number) {
	return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('the browser on the demo archive', () => {
	it('draws as usual when the shell has CI=true set (Ink would otherwise hold every frame until exit)', async () => {
		const term = await openBrowser(notebookDay, {env: {CI: 'true', CONTINUOUS_INTEGRATION: '1'}});
		expect(term.screen()).toMatch(status('39', '0'));
		await quitCleanly(term);
	});

	it('runs prefilled query flags at once: 39 files on 2025-10-04, 10 of them Science Level 0', async () => {
		const term = await openBrowser(notebookDay);
		const screen = term.screen();
		expect(term.isAltScreen()).toBe(true);
		expect(screen).toMatch(notebookHeader);
		expect(screen).toMatch(status('39', '0'));
		expect(screen).toMatch(/All types\s+39/);
		// The counts panel has room for full type names at 100 columns.
		const cgi = Number(/ Science CGI Level 0 +(\d+)(?: +~\S+)?$/m.exec(screen)?.[1]);
		const wfi = Number(/ Science WFI Level 0 +(\d+)(?: +~\S+)?$/m.exec(screen)?.[1]);
		expect(cgi + wfi).toBe(10);
		expect(screen).toContain('CGI_00011850');
		// 100 columns: half-hour slots for the day.
		expect(screen).toMatch(/^Ingest \S{48} .*per 30 min, peak \d+/m);
		await quitCleanly(term);
	});

	for (const where of ['results', 'query form'] as const) {
		it(`Y in the ${where} runs yesterday's ingest, with its per-type counts`, async () => {
			const yesterday = utcDay(-1);
			const term = await openBrowser(notebookDay);
			if (where === 'query form') {
				// The form opens on its first date; the presets row is one up.
				await term.press('e');
				await term.waitFor(/› Ingest from/);
				await term.press('Up');
				await term.waitFor(/› Presets\s+T today\s+Y yesterday/);
			}
			await term.press('Y');
			await term.waitFor(new RegExp(`ingest ${yesterday} 00:00:00 → ${yesterday} 23:59:59`));
			const screen = await term.waitFor(status('\\d+', '0'));
			const total = Number(/^(\d+) files/m.exec(screen)?.[1]);
			expect(total).toBeGreaterThan(0);
			expect(screen).toMatch(new RegExp(`All types\\s+${total}\\b`));
			await quitCleanly(term);
		});
	}

	it('filters the list to one type from the counts panel', async () => {
		const term = await openBrowser(notebookDay);
		await term.press(']');
		const screen = await term.waitFor(/showing (\d+): (\S.*?)( ·|$)/m);
		const [, shown, type] = /showing (\d+): (\S.*?)(?: ·|$)/m.exec(screen)!;
		// The panel names the type in full where it fits, by the list's short label where not.
		expect(screen).toMatch(new RegExp(`› (${type}|[A-Z][A-Za-z0-9 ]+)\\s+${shown}( +~\\S+)?$`, 'm'));
		const rows = rowsOf(screen, nameRow);
		// At 100×30 the list has 25 rows.
		expect(rows.length).toBe(Math.min(Number(shown), 25));
		for (const row of rows) expect(row).toContain(` ${type} `);
		await term.press('Escape');
		await term.waitFor(status('39', '0'));
		await quitCleanly(term);
	});

	it('marks three files: the status line shows the count and their size', async () => {
		const term = await openBrowser(notebookDay);
		for (const marked of [1, 2, 3]) {
			await term.press('Space');
			await term.waitFor(status('39', String(marked)));
		}
		const screen = await term.waitFor(/^39 files · (?:.* · )?3 marked \(\d+(\.\d)? [kMG]B\)/m);
		expect(rowsOf(screen, /^[› ]●/)).toHaveLength(3);
		await quitCleanly(term);
	});

	it('keeps every key that arrives faster than the app draws (auto-repeat, a busy moment)', async () => {
		const term = await openBrowser(notebookDay);
		// Three spaces and two downs in one read, as a terminal delivers keys typed during a redraw.
		term.write('   \x1b[B\x1b[B');
		const cursorBelowFirstRow = (lines: string[]) =>
			lines.findIndex((line) => line.startsWith('›')) - lines.findIndex((line) => nameRow.test(line));
		const screen = await term.waitUntil(
			(lines) => lines.some((line) => status('39', '3').test(line)) && cursorBelowFirstRow(lines) === 5,
			'3 marked and the cursor 5 rows down',
		);
		expect(rowsOf(screen, /^[› ]●/)).toHaveLength(3);
		await quitCleanly(term);
	});

	it('the filter line is a text field: ← moves its cursor and typing goes in there', async () => {
		const term = await openBrowser(notebookDay);
		await term.press('/');
		await term.type('CGI_00011');
		await term.waitFor(/^\/CGI_00011 /m);
		await term.press('Left', 2);
		await term.settle();
		await term.type('X');
		const screen = await term.waitFor(/^\/CGI_000X11 /m);
		expect(screen).toMatch(/^\/CGI_000X11\s+0 matches/m);
		await term.press('Escape');
		await quitCleanly(term);
	});

	it('opens the detail of a row with its checksum and product URL, and goes back', async () => {
		const term = await openBrowser(notebookDay);
		await term.press('Enter');
		const screen = await term.waitFor(/Detail: CGI_00011850/);
		expect(screen).toMatch(/Checksum\s+│\s+\S{16,}/);
		expect(screen).toMatch(/Product URL\s+│\s+\S*CGI_00011850/);
		expect(screen).toMatch(/Size\s+│\s+\d/);
		await term.press('Escape');
		await term.waitFor(status('39', '0'));
		await quitCleanly(term);
	});

	it('shows every key of the current screen in the help overlay', async () => {
		const term = await openBrowser(notebookDay);
		await term.press('?');
		const screen = await term.waitFor(/Keys — Esc, q or \? closes this help/);
		expect(screen).toContain('mark or unmark, move down');
		expect(screen).toContain('download the marked files');
		await term.press('Escape');
		await term.waitForGone(/closes this help/);
		await quitCleanly(term);
	});

	it('F1 in the detail shows the detail keys, not the list keys', async () => {
		const term = await openBrowser(notebookDay);
		await term.press('Enter');
		await term.waitFor(/Detail: CGI_00011850/);
		await term.press('F1');
		const screen = await term.waitFor(/closes this help/);
		expect(screen).toContain('back to the results');
		expect(screen).not.toContain('mark or unmark, move down');
		await term.press('Escape');
		await term.waitFor(/Detail: CGI_00011850/);
		await quitCleanly(term);
	});

	it('re-lays out on resize to 80×24 and 200×50 without a line wider than the terminal', async () => {
		const term = await openBrowser(notebookDay, {cols: 120, rows: 30});
		for (const [cols, rows] of [
			[80, 24],
			[200, 50],
		] as const) {
			term.resize(cols, rows);
			// Redrawn for the new size: header on top, status line just above the key hints at the bottom.
			await term.waitUntil(
				(lines) => /^cassi\s+Query: ingest 2025-10-04/.test(lines[0] ?? '') && status('39', '0').test(lines[rows - 2] ?? ''),
				`the browser laid out for ${cols}×${rows}`,
			);
			const screen = await term.settle({quietMs: 300});
			const lines = screen.split('\n');
			expect(lines).toHaveLength(rows);
			expect(wrappedRows(term)).toEqual([]);
			expect(lines[0]).toMatch(/^cassi\s+Query: ingest 2025-10-04/);
			expect(lines.at(-2)).toMatch(status('39', '0'));
			expect(lines.at(-1)).toMatch(/\? help/);
			expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(cols);
			// Rows fill the list: more of the 39 files fit at 200×50 than at 80×24.
			const visible = rowsOf(screen, nameRow).length;
			expect(visible).toBe(Math.min(39, rows - 5));
		}
		await quitCleanly(term);
	});
});

describe('leaving the browser', () => {
	it('q exits 0 and leaves the alternate screen', async () => {
		await quitCleanly(await openBrowser(notebookDay));
	});

	it('Ctrl-C exits 0 and leaves the alternate screen', async () => {
		const term = await openBrowser(notebookDay);
		await term.press('Ctrl+C');
		expect(await term.waitForExit()).toBe(0);
		expect(term.isAltScreen()).toBe(false);
		expect(terminalRestoreProblems(term.output())).toEqual([]);
	});

	it('q asks first while downloads run; saying yes leaves the partial files to resume', async () => {
		const term = await openBrowser(notebookDay);
		// The first two rows are CGI_00011850 and CGI_00011851, about 297 MB on a throttled demo link.
		for (const marked of [1, 2]) {
			await term.press('Space');
			await term.waitFor(status('39', String(marked)));
		}
		await term.press('d');
		await term.waitFor(/Download 2 marked files/);
		await term.press('y');
		await term.waitFor(/downloading/);
		await term.press('q');
		await term.waitFor(/Downloads are running\. Quit anyway\?/);
		await term.press('n');
		await term.waitForGone(/Quit anyway\?/);
		expect(term.exited).toBe(false);
		await term.press('q');
		await term.waitFor(/Quit anyway\?/);
		await term.press('y');
		await term.waitForExit({timeout: 20_000});
		expect(term.isAltScreen()).toBe(false);
		expect(terminalRestoreProblems(term.output())).toEqual([]);
		const folder = path.join(term.dirs.work, 'cassi-data');
		expect(readdirSync(folder).some((name) => name.startsWith('CGI_0001185'))).toBe(true);
	});

	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		it(`${signal} restores the terminal`, async () => {
			const term = await openBrowser(notebookDay);
			term.kill(signal);
			await term.waitForExit();
			expect(term.isAltScreen()).toBe(false);
			expect(terminalRestoreProblems(term.output())).toEqual([]);
		});
	}
});

describe('colour', () => {
	// SGR parameters that set a foreground or background colour (30–38, 40–48, 90–97, 100–107).
	const colourSgr = /\x1b\[(?:[\d;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[\d;]*)?m/;

	it('NO_COLOR=1 gives no colour escapes, and the cursor row still shows by glyph and inverse video', async () => {
		const term = await openBrowser(notebookDay, {env: {NO_COLOR: '1'}});
		expect(term.output()).not.toMatch(colourSgr);
		expect(term.output()).toContain('\x1b[7m');
		expect(term.screen()).toMatch(/^› /m);
		await quitCleanly(term);
	});

	it('without NO_COLOR the same screen is coloured', async () => {
		const term = await openBrowser(notebookDay);
		expect(term.output()).toMatch(colourSgr);
		await quitCleanly(term);
	});
});
