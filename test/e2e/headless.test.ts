// The headless commands as a person at a terminal runs them: on a TTY they print and exit, never
// take over the screen; with a pipe on either side, `cassi` without an action prints the list.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {cliPath, e2eFile, startApp} from './app.js';
import {spawnTerminal} from './terminal.js';

// Each test starts the app and its demo archive; a busy 2-core CI machine needs more than the default.
vi.setConfig({testTimeout: 60_000});

const track = e2eFile();

const nonEmptyLines = (screen: string) => screen.split('\n').filter((line) => line.trim() !== '');

describe('headless commands on a terminal', () => {
	it('--count on yesterday to today prints the total and per-type counts, then exits 0', async () => {
		const term = track(startApp(['--demo', '-s', 'yesterday', '-e', 'today', '--count'], {cols: 100, rows: 30}));
		expect(await term.waitForExit({timeout: 20_000})).toBe(0);
		const screen = term.screen();
		const total = Number(/Total files:\s+(\d+)/.exec(screen)?.[1]);
		const perType = [...screen.matchAll(/^([A-Z][\w ]+\w):\s+(\d+)$/gm)].filter(([, name]) => name !== 'Total files');
		expect(perType.length).toBeGreaterThan(0);
		expect(perType.reduce((sum, [, , n]) => sum + Number(n), 0)).toBe(total);
		expect(term.output()).not.toContain('\x1b[?1049h');
	});

	it('--count --json on the notebook day parses, with 39 files and 10 Science Level 0', async () => {
		const term = track(startApp(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--count', '--json'], {cols: 100, rows: 30}));
		expect(await term.waitForExit({timeout: 20_000})).toBe(0);
		// On a terminal stderr shares the screen: the window asked for comes first, then the JSON.
		const [window, ...json] = term.screen().trim().split('\n');
		expect(window).toBe('ingest 2025-10-04 00:00:00 → 2025-10-04 23:59:59 UTC');
		const counts = JSON.parse(json.join('\n')) as {total: number; byType: Record<string, number>};
		expect(counts.total).toBe(39);
		expect((counts.byType['Science CGI Level 0'] ?? 0) + (counts.byType['Science WFI Level 0'] ?? 0)).toBe(10);
	});

	for (const args of [['-s', '2025-02-30'], ['-l', '0'], ['--bogus']]) {
		it(`${args.join(' ')} says what is wrong in one line and exits 2`, async () => {
			const term = track(startApp(['--demo', ...args], {cols: 240}));
			expect(await term.waitForExit({timeout: 20_000})).toBe(2);
			const lines = nonEmptyLines(term.screen());
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/^cassi: /);
			expect(term.output()).not.toContain('\x1b[?1049h');
		});
	}
});

describe('cassi without an action, piped', () => {
	it('prints the default list to a pipe instead of opening the browser', async () => {
		const command = `node '${cliPath}' --demo -s 2025-10-04 -e 2025-10-04 | tee list.txt | wc -l`;
		const term = track(spawnTerminal({cmd: 'bash', args: ['-c', command]}));
		expect(await term.waitForExit({timeout: 20_000})).toBe(0);
		// wc -l counts the header and the 39 files (progress goes to stderr, the terminal).
		expect(term.screen()).toMatch(/^\s*40$/m);
		const list = readFileSync(path.join(term.dirs.work, 'list.txt'), 'utf8');
		expect(list.split('\n')[0]).toMatch(/^archiveFileName\s+fileType\s+ingestCompletionDate/);
		expect(list).toContain('CGI_00011850');
		expect(list).not.toContain('\x1b');
		expect(term.output()).not.toContain('\x1b[?1049h');
	});

	it('prints the default list to the terminal when stdin is a pipe', async () => {
		const command = `echo | node '${cliPath}' --demo -s 2025-10-04 -e 2025-10-04`;
		const term = track(spawnTerminal({cmd: 'bash', args: ['-c', command], cols: 100, rows: 50}));
		expect(await term.waitForExit({timeout: 20_000})).toBe(0);
		const screen = term.screen();
		expect(screen).toMatch(/archiveFileName\s+fileType\s+ingestCompletionDate/);
		expect(screen.match(/^(CGI|WFISCI)_\d+/gm)).toHaveLength(10);
		expect(term.output()).not.toContain('\x1b[?1049h');
	});
});
