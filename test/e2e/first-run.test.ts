// A new user's first run: no token anywhere, nothing saved. `cassi` on a terminal must welcome
// them and offer the demo archive or token entry — never a stack trace.
import {expect, it, vi} from 'vitest';
import {e2eFile, startApp} from './app.js';
import {terminalRestoreProblems} from './terminal.js';

// Each test starts the app and its demo archive; a busy 2-core CI machine needs more than the default.
vi.setConfig({testTimeout: 60_000});

const track = e2eFile();

const stackTrace = /^\s+at .+[(:]\d+/m;

async function firstRun() {
	const term = startApp([], {cols: 100, rows: 30});
	track(term);
	const screen = await term.waitFor('Welcome to cassi', {timeout: 20_000});
	await term.settle({quietMs: 200});
	return {term, screen};
}

it('welcomes a first run and offers the demo archive or a token', async () => {
	const {term, screen} = await firstRun();
	expect(screen).toMatch(/D\s+open the demo archive/);
	expect(screen).toMatch(/t\s+enter your MAST API token/);
	expect(screen).toContain('https://auth.mast.stsci.edu/token');
	await term.press('q');
	expect(await term.waitForExit()).toBe(0);
	expect(terminalRestoreProblems(term.output())).toEqual([]);
	expect(term.output()).not.toMatch(stackTrace);
});

it('D opens the demo archive, where Y finds yesterday with its per-type counts', async () => {
	const {term} = await firstRun();
	await term.press('D');
	await term.waitFor(/DEMO/);
	await term.settle({quietMs: 300});
	// Wherever the demo opens (form or results), Y runs yesterday's ingest.
	await term.press('Y');
	const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
	await term.waitFor(new RegExp(`ingest ${yesterday} 00:00:00 → ${yesterday} 23:59:59`));
	const screen = await term.waitFor(/^\d+ files · /m, {timeout: 20_000});
	expect(screen).toMatch(/All types +\d+/);
	await term.press('q');
	expect(await term.waitForExit()).toBe(0);
	expect(term.output()).not.toMatch(stackTrace);
});

it('t asks for the token with the characters masked', async () => {
	const {term} = await firstRun();
	await term.press('t');
	await term.waitFor('Paste your MAST token:');
	await term.type('secret-token-1234');
	const screen = await term.waitUntil(
		(lines) => lines.some((line) => /Paste your MAST token: \S{17}/.test(line)),
		'17 masked characters in the token field',
	);
	expect(screen).not.toContain('secret-token-1234');
	expect(term.output()).not.toContain('secret');
	await term.press('Ctrl+C');
	expect(await term.waitForExit()).toBe(0);
	expect(terminalRestoreProblems(term.output())).toEqual([]);
});
