/** A token pasted with its trailing newline (`token\r` in one read, as a terminal delivers a paste) is submitted, not just typed. */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ensureBuilt, startApp} from './app.js';
import type {TerminalHandle} from './terminal.js';

const TOKEN = 'pasted-token-4b9d2e7a';
let emulator: Emulator | undefined;
let term: TerminalHandle | undefined;
beforeAll(ensureBuilt, 120_000);
afterEach(async () => {
	await term?.close();
	term = undefined;
	await emulator?.close();
	emulator = undefined;
});

describe('pasting a token', () => {
	it.each([
		['plain', `${TOKEN}\r`],
		['bracketed', `\u001b[200~${TOKEN}\r\u001b[201~`],
	])('%s paste of a token and its newline submits it', {timeout: 60_000}, async (_kind, paste) => {
		emulator = await startEmulator({seed: 3, token: TOKEN, quiet: true});
		const terminal = startApp(['--api-url', emulator.url], {cols: 100, rows: 30});
		term = terminal;
		await terminal.waitFor(/Welcome to cassi/, {timeout: 30_000});
		await terminal.press('t');
		await terminal.waitFor(/Paste your token/);
		await terminal.settle();
		terminal.write(paste);
		await terminal.waitFor(/Token accepted/, {timeout: 20_000});
		expect(terminal.output()).not.toContain(TOKEN);
	});
});
