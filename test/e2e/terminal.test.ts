// The harness itself, proven against a small fixture program before it is trusted with the app.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {keySequence} from './keys.js';
import {spawnTerminal, terminalRestoreProblems, wrappedRows, type SpawnOptions, type TerminalHandle} from './terminal.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'key-echo.mjs');
let open: TerminalHandle[] = [];

function start(options: Partial<SpawnOptions> = {}) {
	const handle = spawnTerminal({cmd: process.execPath, args: [fixture], ...options});
	open.push(handle);
	return handle;
}

afterEach(async () => {
	await Promise.all(open.map((handle) => handle.close()));
	open = [];
});

describe('keySequence', () => {
	it('maps the names tapes use to xterm byte sequences', () => {
		expect(keySequence('Down')).toBe('\x1b[B');
		expect(keySequence('Enter')).toBe('\r');
		expect(keySequence('Ctrl+C')).toBe('\x03');
		expect(keySequence('Ctrl+d')).toBe('\x04');
		expect(keySequence('Shift+Tab')).toBe('\x1b[Z');
		expect(keySequence('Shift+Down')).toBe('\x1b[1;2B');
		expect(keySequence('Alt+x')).toBe('\x1bx');
		expect(keySequence('PageDown')).toBe('\x1b[6~');
		expect(keySequence('?')).toBe('?');
	});

	it('rejects names it does not know', () => {
		expect(() => keySequence('Hyper+X')).toThrow(/modifier/);
		expect(() => keySequence('Downn')).toThrow(/unknown key/);
	});
});

describe('spawnTerminal', () => {
	it('shows the program on the alternate screen at the requested size, in a clean environment', async () => {
		const term = start({cols: 100, rows: 12, env: {CI: 'true'}});
		const screen = await term.waitFor('READY');
		expect(screen).toContain('READY 100x12');
		expect(term.isAltScreen()).toBe(true);
		expect(screen).toContain(`home=${term.dirs.home} config=${term.dirs.config}`);
		// A test's own env wins over the cleaning.
		expect(screen).toContain('ci=true');
		expect(term.lines()).toHaveLength(12);
	});

	it('removes CI and colour overrides unless the test sets them', async () => {
		const term = start();
		expect(await term.waitFor('READY')).toContain('ci=-');
		expect(term.output()).toContain('\x1b[1;32mREADY');
	});

	it('delivers named keys and typed text', async () => {
		const term = start();
		await term.waitFor('READY');
		await term.press('Down', 2);
		await term.type('x');
		const screen = await term.waitFor(/keys: .*"x"/);
		expect(screen).toContain('keys: "\\u001b[B" "\\u001b[B" "x"');
	});

	it('re-lays out on resize without wrapping', async () => {
		const term = start({cols: 80, rows: 24});
		await term.waitFor('READY 80x24');
		term.resize(120, 30);
		await term.waitFor('READY 120x30');
		expect(term.lines()[2]).toBe('='.repeat(120));
		expect(wrappedRows(term)).toEqual([]);
	});

	it('reports the exit code and a restored terminal after q', async () => {
		const term = start();
		await term.waitFor('READY');
		await term.press('q');
		expect(await term.waitForExit()).toBe(0);
		expect(term.isAltScreen()).toBe(false);
		expect(terminalRestoreProblems(term.output())).toEqual([]);
	});

	it('sends signals to the program', async () => {
		const term = start();
		await term.waitFor('READY');
		term.kill('SIGHUP');
		expect(await term.waitForExit()).toBe(129);
		expect(terminalRestoreProblems(term.output())).toEqual([]);
	});

	it('notices a program that leaves the terminal dirty', async () => {
		const term = start({env: {KEY_ECHO_LEAVE_DIRTY: '1'}});
		await term.waitFor('READY');
		await term.press('Ctrl+C');
		expect(await term.waitForExit()).toBe(130);
		expect(terminalRestoreProblems(term.output())).toEqual([
			'the alternate screen was entered and never left',
			'the cursor was hidden and never shown again',
		]);
	});

	it('times out with the current screen in the message', async () => {
		const term = start();
		await term.waitFor('READY');
		await expect(term.waitFor('never shown', {timeout: 200})).rejects.toThrow(/waiting for never shown.*\n.*READY/s);
	});

	it('waits for the output to settle', async () => {
		const term = start();
		await term.waitFor('READY');
		await term.type('a');
		expect(await term.settle({quietMs: 100})).toContain('"a"');
	});
});
