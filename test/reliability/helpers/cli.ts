/**
 * The built cassi as a child the test can signal mid-run (runCli from test/cli waits for
 * the end; this one hands back the process). Same clean environment as runCli: its own
 * HOME and config dir (removed when the process ends), no token unless given.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {afterEach} from 'vitest';
import {CLI, runHome, type CliResult} from '../../cli/run-cli.js';

export interface RunningCli {
	child: ChildProcess;
	stdout(): string;
	stderr(): string;
	/** Resolves with the exit code (null when a signal ended it) and the output. */
	done: Promise<CliResult & {signal: NodeJS.Signals | null}>;
}

const running = new Set<RunningCli>();

// A test that fails before it stops its child would leave the child running (and its temp
// HOME behind) for the rest of the suite: whatever a test started is stopped after it.
afterEach(async () => {
	for (const run of [...running]) {
		run.child.kill('SIGKILL');
		await run.done.catch(() => undefined);
	}
});

export function startCli(args: string[], options: {env?: Record<string, string>; cwd?: string} = {}): RunningCli {
	const {home, remove} = runHome();
	const env: Record<string, string> = {PATH: process.env.PATH ?? '', HOME: home, CASSI_CONFIG_DIR: path.join(home, 'config'), ...options.env};
	const child = spawn(process.execPath, [CLI, ...args], {cwd: options.cwd ?? home, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', chunk => (stdout += chunk));
	child.stderr!.on('data', chunk => (stderr += chunk));
	const done = new Promise<CliResult & {signal: NodeJS.Signals | null}>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
	}).finally(() => {
		running.delete(run);
		remove();
	});
	const run: RunningCli = {child, stdout: () => stdout, stderr: () => stderr, done};
	running.add(run);
	return run;
}

/** Poll until `check` is true (the fault matrix waits on files and processes, never on a clock). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 25));
	}
}
