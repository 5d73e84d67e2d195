// runTui on fake terminal streams: the alternate screen is entered once and left on every exit path.
import {afterEach, describe, expect, it} from 'vitest';
import {runTui} from '../../source/ui/run.js';
import {ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN} from '../../source/ui/terminal.js';
import {memoryStore} from './fake-services.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {tick} from './render.js';


const running: Array<{done: Promise<number>; stdin: FakeStdin}> = [];
afterEach(async () => {
	// A failed assertion must not leave a session open: Ctrl-C whatever still runs.
	for (const session of running) session.stdin.write('\u0003');
	await Promise.allSettled(running.splice(0).map(session => session.done));
});

function start(options: {token?: string; store?: ReturnType<typeof memoryStore>} = {}) {
	const stdin = new FakeStdin();
	const stdout = new FakeStdout();
	const done = runTui({
		apiUrl: 'http://127.0.0.1:9',
		token: options.token ?? 'test-token',
		autoRun: false,
		demo: false,
		store: options.store ?? memoryStore(),
		folder: '/nonexistent-cassi-test-folder',
		parallel: 2,
		patchConsole: false,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	running.push({done, stdin});
	return {stdin, stdout, done};
}

async function ready(stdout: FakeStdout) {
	for (let index = 0; index < 200 && !stdout.output.includes('? help'); index++) await tick(10);
	expect(stdout.output).toContain('? help');
}

function expectRestored(stdout: FakeStdout) {
	expect(stdout.output.startsWith(ENTER_ALT_SCREEN)).toBe(true);
	expect(stdout.output.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
	expect(stdout.output.split(LEAVE_ALT_SCREEN)).toHaveLength(2);
}

describe('runTui', () => {
	it('q leaves the alternate screen and returns 0', async () => {
		const {stdin, stdout, done} = start();
		await ready(stdout);
		stdin.write('\u001b');
		await tick();
		stdin.write('q');
		expect(await done).toBe(0);
		expectRestored(stdout);
	});

	it('Ctrl-C quits cleanly', async () => {
		const {stdin, stdout, done} = start();
		await ready(stdout);
		stdin.write('\u0003');
		expect(await done).toBe(0);
		expectRestored(stdout);
	});

	it('SIGTERM and SIGHUP restore the terminal', async () => {
		for (const [signal, code] of [
			['SIGTERM', 143],
			['SIGHUP', 129],
		] as const) {
			const {stdout, done} = start();
			await ready(stdout);
			process.emit(signal, signal);
			expect(await done).toBe(code);
			expectRestored(stdout);
		}
	});

	it('a lost terminal (stdin ends) restores it too', async () => {
		const {stdin, stdout, done} = start();
		await ready(stdout);
		stdin.emit('end');
		expect(await done).toBe(1);
		expectRestored(stdout);
	});

	it('re-lays out on resize', async () => {
		const {stdin, stdout, done} = start();
		await ready(stdout);
		stdout.columns = 120;
		stdout.rows = 30;
		stdout.output = '';
		stdout.emit('resize');
		for (let index = 0; index < 100 && !stdout.output.includes('Presets'); index++) await tick(10);
		expect(stdout.output).toContain('Presets');
		stdin.write('\u0003');
		await done;
	});

	it('greets a first run (no token, nothing saved) with the welcome', async () => {
		const {stdin, stdout, done} = start({token: ''});
		for (let index = 0; index < 200 && !stdout.output.includes('Welcome to cassi'); index++) await tick(10);
		expect(stdout.output).toContain('Welcome to cassi');
		stdin.write('\u0003');
		expect(await done).toBe(0);
	});

	it('shows the token screen when there is no token but cassi was used before', async () => {
		const {stdin, stdout, done} = start({token: '', store: memoryStore({lastChecks: {'http://127.0.0.1:9/': '2025-10-04T23:59:59'}})});
		for (let index = 0; index < 200 && !stdout.output.includes('Paste your token'); index++) await tick(10);
		expect(stdout.output).toContain('Paste your token');
		expect(stdout.output).toContain('This is not MAST');
		stdin.write('\u0003');
		expect(await done).toBe(0);
	});
});

describe('runTui in a headless terminal (what a user sees)', () => {
	/** The screen once it shows what `done` waits for (or the last one, after 2 s). */
	async function screenWhen(stdout: {output: string}, cols: number, rows: number, done: (lines: string[]) => boolean): Promise<string[]> {
		let lines = await screenOf(stdout.output, cols, rows);
		for (let index = 0; index < 200 && !done(lines); index++) {
			await tick(10);
			lines = await screenOf(stdout.output, cols, rows);
		}
		return lines;
	}

	async function screenOf(output: string, cols: number, rows: number): Promise<string[]> {
		const {default: xterm} = await import('@xterm/headless');
		// A real tty turns \n into \r\n (onlcr); this fake stdout is not one.
		const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true, convertEol: true});
		await new Promise<void>(resolve => terminal.write(output, resolve));
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		terminal.dispose();
		return lines;
	}

	it('fills 80×24 without wrapping or scrolling, and redraws cleanly after a resize', async () => {
		const {stdin, stdout, done} = start();
		await ready(stdout);
		let lines = await screenWhen(stdout, 80, 24, screen => screen[23]?.includes('? help') ?? false);
		expect(lines[0]).toMatch(/^cassi\s+Query:/);
		expect(lines[1]).toMatch(/Presets\s+T today/);
		expect(lines[23]).toContain('? help');
		// Wider and taller, then back: each frame is whole.
		stdout.columns = 200;
		stdout.rows = 50;
		const before = stdout.output.length;
		stdout.emit('resize');
		for (let index = 0; index < 100 && stdout.output.length === before; index++) await tick(10);
		lines = await screenWhen(stdout, 200, 50, screen => screen[49]?.includes('? help') ?? false);
		expect(lines[0]).toMatch(/^cassi\s+Query:/);
		expect(lines[49]).toContain('? help');
		stdin.write('\u0003');
		await done;
	});
});
