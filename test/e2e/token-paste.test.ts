/** A token pasted with its trailing newline (`token\r` in one read, as a terminal delivers a paste) is submitted, not just typed. */
import {describe, expect, it} from 'vitest';
import {startEmulator} from '../../source/emulator/index.js';
import {e2eFile, startApp} from './app.js';

const TOKEN = 'pasted-token-4b9d2e7a';
const track = e2eFile();

describe('pasting a token', () => {
	it.each([
		['plain', `${TOKEN}\r`],
		['bracketed', `\u001b[200~${TOKEN}\r\u001b[201~`],
	])('%s paste of a token and its newline submits it', {timeout: 60_000}, async (_kind, paste) => {
		const emulator = track(await startEmulator({seed: 3, token: TOKEN, quiet: true}));
		const terminal = startApp(['--api-url', emulator.url], {cols: 100, rows: 30});
		track(terminal);
		await terminal.waitFor(/Welcome to cassi/, {timeout: 30_000});
		await terminal.press('t');
		await terminal.waitFor(/Paste your token/);
		await terminal.settle();
		terminal.write(paste);
		await terminal.waitFor(/Token accepted/, {timeout: 20_000});
		expect(terminal.output()).not.toContain(TOKEN);
	});
});
