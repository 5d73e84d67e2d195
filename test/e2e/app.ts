// The built cassi binary, for end-to-end tests: where it is, building it when it is missing or
// older than the sources, and starting it in a real terminal.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, rmdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll} from 'vitest';
import {spawnTerminal, type TerminalHandle} from './terminal.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repo, 'dist', 'cli.js');

function newestSource(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
	}
	return newest;
}

const isStale = () => !existsSync(cliPath) || statSync(cliPath).mtimeMs < newestSource(path.join(repo, 'source'));

/**
 * Builds dist/ when it is missing or older than source/ (`npm test` builds first, so usually this
 * does nothing). Test files run in parallel: a directory lock lets one build while others wait.
 */
export async function ensureBuilt(): Promise<void> {
	if (!isStale()) return;
	const lock = path.join(repo, 'node_modules', '.cache', 'cassi-e2e-build.lock');
	mkdirSync(path.dirname(lock), {recursive: true});
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
	try {
		if (!isStale()) return;
		const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
		const built = spawnSync(process.execPath, [tsc, '-p', path.join(repo, 'tsconfig.build.json')], {encoding: 'utf8'});
		// tsc still emits when types fail elsewhere; the tests then judge the behaviour that was built.
		if (!existsSync(cliPath)) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
		if (built.status !== 0) process.stderr.write(`e2e: the build reported type errors:\n${built.stdout}`);
	} finally {
		rmdirSync(lock);
	}
}

export type AppOptions = {
	cols?: number;
	rows?: number;
	env?: Record<string, string | undefined>;
	cwd?: string;
};

/** `node dist/cli.js ARGS` in a fresh terminal (its own HOME, config dir and working dir). */
export function startApp(args: string[], options: AppOptions = {}): TerminalHandle {
	return spawnTerminal({cmd: process.execPath, args: [cliPath, ...args], ...options});
}

/**
 * For an end-to-end test file: builds the binary once, and after each test closes what it `track`ed,
 * newest first (a terminal before the emulator it talks to), also when the test failed.
 */
export function e2eFile(): <T extends {close(): unknown}>(thing: T) => T {
	const open: Array<{close(): unknown}> = [];
	beforeAll(ensureBuilt, 120_000);
	afterEach(async () => {
		for (const thing of open.splice(0).reverse()) await thing.close();
	});
	return thing => {
		open.push(thing);
		return thing;
	};
}
