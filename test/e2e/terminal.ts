// A real terminal for end-to-end tests: the program runs in a pseudo-terminal (node-pty) and its
// output is interpreted by a headless xterm, so tests see exactly the cells a user would see.
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import xtermHeadless from '@xterm/headless';
import type {Terminal as XTerm} from '@xterm/headless';
import pty from 'node-pty';
import {keySequence} from './keys.js';

const {Terminal} = xtermHeadless;

export type SpawnOptions = {
	cmd: string;
	args?: string[];
	cols?: number;
	rows?: number;
	/** Added to the cleaned environment; a value of undefined removes the variable. */
	env?: Record<string, string | undefined>;
	/** Defaults to a fresh empty directory (dirs.work), so downloads land in the test's temp dir. */
	cwd?: string;
};

export type WaitOptions = {timeout?: number};

export type SettleOptions = {
	/** How long the output must stay quiet to count as settled. */
	quietMs?: number;
	timeout?: number;
};

export type TerminalHandle = {
	readonly xterm: XTerm;
	/** Per-test temporary directories: HOME, CASSI_CONFIG_DIR and TMPDIR point here; work is the default cwd. */
	readonly dirs: {root: string; home: string; config: string; tmp: string; work: string};
	write(data: string): void;
	/**
	 * Presses a named key ('Down', 'Ctrl+C', 'Shift+Tab', 'q', ...) `count` times, each in its own
	 * write a few milliseconds apart, as a person's keystrokes arrive (not coalesced into one read).
	 */
	press(name: string, count?: number): Promise<void>;
	/** Types text one character at a time, `delayMs` apart. */
	type(text: string, delayMs?: number): Promise<void>;
	/** The visible rows joined by \n, trailing spaces trimmed. */
	screen(): string;
	/** Every row of the visible screen, trailing spaces trimmed. */
	lines(): string[];
	waitFor(pattern: string | RegExp, options?: WaitOptions): Promise<string>;
	waitForGone(pattern: string | RegExp, options?: WaitOptions): Promise<string>;
	/** Waits until the predicate holds for the visible rows; `what` names it in the timeout message. */
	waitUntil(predicate: (lines: string[]) => boolean, what: string, options?: WaitOptions): Promise<string>;
	/** The row the cursor is on, trailing spaces trimmed. */
	cursorLine(): string;
	/** Resolves once neither input nor output has happened for quietMs (and xterm has parsed it all). */
	settle(options?: SettleOptions): Promise<string>;
	resize(cols: number, rows: number): void;
	readonly cols: number;
	readonly rows: number;
	readonly exitCode: Promise<number | null>;
	readonly exited: boolean;
	/** The signal number that ended the child, if one did. */
	readonly signal: number | undefined;
	waitForExit(options?: WaitOptions): Promise<number | null>;
	kill(signal?: NodeJS.Signals): void;
	isAltScreen(): boolean;
	/** Every byte the program wrote, in order. */
	output(): string;
	/** Kills the program if it still runs, frees the terminal and removes the temporary directories. */
	close(): Promise<void>;
};

// Variables that would change how the app behaves in ways a user's own terminal would not.
const removedEnv = [
	'CI',
	'CONTINUOUS_INTEGRATION',
	'NO_COLOR',
	'FORCE_COLOR',
	'MAST_API_TOKEN',
	'CASSI_API_URL',
	'CASSI_CONFIG_DIR',
	'VITEST',
	'VITEST_MODE',
	'VITEST_POOL_ID',
	'VITEST_WORKER_ID',
	'TEST',
	'NODE_ENV',
	'COLUMNS',
	'LINES',
];

function cleanEnv(dirs: {home: string; config: string; tmp: string}, extra: Record<string, string | undefined> = {}) {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !removedEnv.includes(key)) env[key] = value;
	}
	Object.assign(env, {TERM: 'xterm-256color', COLORTERM: 'truecolor', HOME: dirs.home, CASSI_CONFIG_DIR: dirs.config, TMPDIR: dirs.tmp});
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

function matches(text: string, pattern: string | RegExp) {
	return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

const keyGapMs = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function spawnTerminal(options: SpawnOptions): TerminalHandle {
	let cols = options.cols ?? 80;
	let rows = options.rows ?? 24;
	const root = mkdtempSync(path.join(tmpdir(), 'cassi-e2e-'));
	const dirs = {
		root,
		home: path.join(root, 'home'),
		config: path.join(root, 'config'),
		tmp: path.join(root, 'tmp'),
		work: path.join(root, 'work'),
	};
	for (const dir of [dirs.home, dirs.tmp, dirs.work]) mkdirSync(dir);
	const env = cleanEnv(dirs, options.env);
	const xterm = new Terminal({cols, rows, allowProposedApi: true, scrollback: 1000});
	const child = pty.spawn(options.cmd, options.args ?? [], {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? dirs.work,
		env,
	});

	const chunks: string[] = [];
	let pending = 0;
	let lastDataAt = Date.now();
	let lastInputAt = 0;
	let exited = false;
	let signal: number | undefined;
	let closed = false;

	child.onData((data) => {
		chunks.push(data);
		lastDataAt = Date.now();
		pending++;
		xterm.write(data, () => {
			pending--;
		});
	});
	const exitCode = new Promise<number | null>((resolve) => {
		child.onExit(async (event) => {
			// node-pty can report the exit before the last output has been read: let it drain first.
			const exitAt = Date.now();
			while (Date.now() - exitAt < 1000 && (pending > 0 || Date.now() - Math.max(lastDataAt, exitAt) < 100)) await sleep(20);
			exited = true;
			signal = event.signal ? event.signal : undefined;
			resolve(event.signal ? null : event.exitCode);
		});
	});

	const lines = () => {
		const buffer = xterm.buffer.active;
		const out: string[] = [];
		for (let y = 0; y < xterm.rows; y++) {
			out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true).replace(/\s+$/, '') ?? '');
		}
		return out;
	};
	const screen = () => lines().join('\n');

	async function poll(done: () => boolean, timeout: number, what: string) {
		const deadline = Date.now() + timeout;
		for (;;) {
			if (pending === 0 && done()) return screen();
			if (Date.now() > deadline) {
				const state = exited ? ` (the program exited${signal ? ` on signal ${signal}` : ''})` : '';
				throw new Error(`timed out after ${timeout} ms waiting for ${what}${state}; the screen was:\n${screen()}`);
			}
			await sleep(20);
		}
	}

	const handle: TerminalHandle = {
		xterm,
		dirs,
		write(data) {
			lastInputAt = Date.now();
			if (!exited) child.write(data);
		},
		async press(name, count = 1) {
			const sequence = keySequence(name);
			for (let i = 0; i < count; i++) {
				handle.write(sequence);
				await sleep(keyGapMs);
			}
		},
		async type(text, delayMs = keyGapMs) {
			for (const char of text) {
				handle.write(char);
				await sleep(delayMs);
			}
		},
		screen,
		lines,
		cursorLine() {
			const buffer = xterm.buffer.active;
			return buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true).replace(/\s+$/, '') ?? '';
		},
		waitFor(pattern, {timeout = 10_000} = {}) {
			return poll(() => matches(screen(), pattern), timeout, `${String(pattern)}`);
		},
		waitForGone(pattern, {timeout = 10_000} = {}) {
			return poll(() => !matches(screen(), pattern), timeout, `${String(pattern)} to disappear`);
		},
		waitUntil(predicate, what, {timeout = 10_000} = {}) {
			return poll(() => predicate(lines()), timeout, what);
		},
		settle({quietMs = 150, timeout = 10_000} = {}) {
			return poll(() => Date.now() - Math.max(lastDataAt, lastInputAt) >= quietMs, timeout, `the screen to settle`);
		},
		resize(newCols, newRows) {
			cols = newCols;
			rows = newRows;
			xterm.resize(cols, rows);
			if (!exited) child.resize(cols, rows);
		},
		get cols() {
			return cols;
		},
		get rows() {
			return rows;
		},
		exitCode,
		get exited() {
			return exited;
		},
		get signal() {
			return signal;
		},
		async waitForExit({timeout = 10_000} = {}) {
			let timer: NodeJS.Timeout | undefined;
			const timedOut = new Promise<never>((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`the program did not exit within ${timeout} ms; the screen was:\n${screen()}`)),
					timeout,
				);
			});
			try {
				return await Promise.race([exitCode, timedOut]);
			} finally {
				clearTimeout(timer);
			}
		},
		kill(sig = 'SIGTERM') {
			if (!exited) child.kill(sig);
		},
		isAltScreen() {
			return xterm.buffer.active.type === 'alternate';
		},
		output() {
			return chunks.join('');
		},
		async close() {
			if (closed) return;
			closed = true;
			if (!exited) {
				child.kill('SIGKILL');
				await Promise.race([exitCode, sleep(2000)]);
			}
			xterm.dispose();
			rmSync(root, {recursive: true, force: true});
		},
	};
	return handle;
}

/**
 * What is wrong with the terminal after a program left it, judged from everything it wrote:
 * the alternate screen must have been left after it was entered, and a hidden cursor shown again.
 */
export function terminalRestoreProblems(output: string): string[] {
	const problems: string[] = [];
	const lastIndex = (needle: string) => output.lastIndexOf(needle);
	const enter = Math.max(lastIndex('\x1b[?1049h'), lastIndex('\x1b[?47h'), lastIndex('\x1b[?1047h'));
	const leave = Math.max(lastIndex('\x1b[?1049l'), lastIndex('\x1b[?47l'), lastIndex('\x1b[?1047l'));
	if (enter >= 0 && leave < enter) problems.push('the alternate screen was entered and never left');
	const hide = lastIndex('\x1b[?25l');
	const show = lastIndex('\x1b[?25h');
	if (hide >= 0 && show < hide) problems.push('the cursor was hidden and never shown again');
	return problems;
}

/** Visible rows that continue the row above because it was wider than the terminal. */
export function wrappedRows(handle: TerminalHandle): number[] {
	const buffer = handle.xterm.buffer.active;
	const wrapped: number[] = [];
	for (let y = 0; y < handle.rows; y++) {
		if (buffer.getLine(buffer.viewportY + y)?.isWrapped) wrapped.push(y);
	}
	return wrapped;
}
