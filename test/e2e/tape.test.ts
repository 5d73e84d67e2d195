// The tape parser and the replayer, proven on small tapes and the key-echo fixture.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {parseDuration, parseTape, TapeError} from './tape/parse.js';
import {replayTape} from './tape/replay.js';
import {spawnTapeShell, tapeTerminalSize} from './tape/shell.js';
import type {TerminalHandle} from './terminal.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let open: TerminalHandle[] = [];
afterEach(async () => {
	await Promise.all(open.map((handle) => handle.close()));
	open = [];
});

describe('parseTape', () => {
	it('reads the commands VHS documents, with options, counts and comments', () => {
		const tape = [
			'# a comment',
			'Output demo.gif',
			'Require node',
			'Set FontSize 16',
			'Set Theme "Catppuccin Mocha"',
			'Set TypingSpeed 40ms',
			'Env CASSI_X "1"',
			'Hide',
			"Type 'echo \"hi\"' Enter",
			'Show',
			'Type@100ms "cassi" "--demo"',
			'Down 3',
			'Down@50ms 2',
			'Space',
			'Sleep 2s',
			'Sleep 500ms',
			'Ctrl+C',
			'Ctrl+Alt+x',
			'Alt+Enter',
			'Shift+Tab',
			'Wait',
			'Wait+Screen /39 files/',
			'Wait+Line@5s /^> $/',
			'Screenshot docs/x.png',
		].join('\n');
		const commands = parseTape(tape).map(({line: _line, ...rest}) => rest);
		expect(commands).toEqual([
			{kind: 'output', path: 'demo.gif'},
			{kind: 'require', program: 'node'},
			{kind: 'set', setting: 'FontSize', value: '16'},
			{kind: 'set', setting: 'Theme', value: 'Catppuccin Mocha'},
			{kind: 'set', setting: 'TypingSpeed', value: '40ms'},
			{kind: 'env', name: 'CASSI_X', value: '1'},
			{kind: 'hide'},
			{kind: 'type', text: 'echo "hi"', speedMs: undefined},
			{kind: 'key', key: 'Enter', count: 1, speedMs: undefined},
			{kind: 'show'},
			{kind: 'type', text: 'cassi --demo', speedMs: 100},
			{kind: 'key', key: 'Down', count: 3, speedMs: undefined},
			{kind: 'key', key: 'Down', count: 2, speedMs: 50},
			{kind: 'key', key: 'Space', count: 1, speedMs: undefined},
			{kind: 'sleep', ms: 2000},
			{kind: 'sleep', ms: 500},
			{kind: 'key', key: 'Ctrl+C', count: 1},
			{kind: 'key', key: 'Ctrl+Alt+x', count: 1},
			{kind: 'key', key: 'Alt+Enter', count: 1},
			{kind: 'key', key: 'Shift+Tab', count: 1},
			{kind: 'wait', scope: 'Line', timeoutMs: undefined, pattern: undefined},
			{kind: 'wait', scope: 'Screen', timeoutMs: undefined, pattern: /39 files/},
			{kind: 'wait', scope: 'Line', timeoutMs: 5000, pattern: /^> $/},
			{kind: 'screenshot', path: 'docs/x.png'},
		]);
	});

	it('keeps the line each command came from', () => {
		const commands = parseTape('Output a.gif\n\n# c\nType "x"\nEnter');
		expect(commands.map((command) => command.line)).toEqual([1, 4, 5]);
	});

	it('rejects an unknown command with its line number', () => {
		expect(() => parseTape('Output a.gif\nType "x"\nPress Enter\n')).toThrow(new TapeError(3, 'unknown command "Press"'));
	});

	it('rejects unknown settings, unclosed strings, bad times and bad regular expressions', () => {
		expect(() => parseTape('Set Colour red')).toThrow(/line 1: unknown setting "Colour"/);
		expect(() => parseTape('Enter\nType "open')).toThrow(/line 2: string is not closed/);
		expect(() => parseTape('Sleep soon')).toThrow(/line 1: Sleep expects a time/);
		expect(() => parseTape('Wait+Screen /(/')).toThrow(/line 1: invalid regular expression/);
		expect(() => parseTape('Wait+Everything /x/')).toThrow(/line 1: Wait\+ expects Line or Screen/);
		expect(() => parseTape('Ctrl+Banana')).toThrow(/line 1: Ctrl\+Banana is not a key/);
		expect(() => parseTape('Type')).toThrow(/line 1: Type expects a quoted string/);
	});

	it('accepts the project tapes: demo.tape and scripts/screenshots.tape', () => {
		for (const tape of ['demo.tape', 'scripts/screenshots.tape']) {
			const commands = parseTape(readFileSync(path.join(repo, tape), 'utf8'));
			expect(commands.filter((command) => command.kind === 'wait').length).toBeGreaterThan(3);
		}
	});

	it('reads durations as VHS does, a bare number being seconds', () => {
		expect(parseDuration('250ms')).toBe(250);
		expect(parseDuration('1.5s')).toBe(1500);
		expect(parseDuration('2')).toBe(2000);
		expect(parseDuration('1m')).toBe(60_000);
		expect(parseDuration('fast')).toBeUndefined();
	});
});

describe('tapeTerminalSize', () => {
	it('estimates columns and rows from the pixel settings', () => {
		const size = tapeTerminalSize(parseTape('Set Width 1200\nSet Height 700\nSet FontSize 16\nSet Padding 20'));
		expect(size).toEqual({cols: Math.floor(1160 / 9.6), rows: Math.floor(660 / 19.2)});
	});
});

describe('replayTape', () => {
	const fixtureTape = [
		'Set Width 1000',
		'Set Height 500',
		'Set FontSize 16',
		'Hide',
		"Type 'alias echo-keys=\"node test/e2e/fixtures/key-echo.mjs\"' Enter",
		'Show',
		'Wait',
		'Type "echo-keys" Enter',
		'Wait+Screen /READY/',
		'Down 2',
		'Type "ab"',
		'Sleep 3s',
		'Wait+Screen /keys: "\\\\u001b\\[B" "\\\\u001b\\[B" "a" "b"/',
		'Screenshot keys.png',
		'Type "q"',
		'Wait /^>$/',
	].join('\n');

	it('types into a shell, presses keys, and passes its Wait assertions', async () => {
		const commands = parseTape(fixtureTape);
		const term = await spawnTapeShell(commands, {cwd: repo});
		open.push(term);
		const shots: string[] = [];
		const steps = await replayTape(commands, term, {
			onScreenshot: (file, terminal) => {
				shots.push(`${file}\n${terminal.screen()}`);
			},
		});
		expect(steps.map((step) => step.command.line)).toEqual([7, 9, 13, 16]);
		expect(shots).toHaveLength(1);
		expect(shots[0]).toMatch(/^keys\.png\n.*READY/s);
		expect(term.screen()).toContain('bye 0');
	});

	it('fails a Wait that never matches with the tape line and the screen', async () => {
		const commands = parseTape('Type "echo hello" Enter\nWait+Screen@300ms /goodbye/');
		const term = await spawnTapeShell(commands, {cwd: repo, size: {cols: 80, rows: 10}});
		open.push(term);
		await expect(replayTape(commands, term)).rejects.toThrow(/line 2: Wait\+Screen \/goodbye\/: timed out after 300 ms; the screen was:\n.*hello/s);
	});
});
