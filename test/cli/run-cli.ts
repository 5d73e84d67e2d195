import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * A temp folder for one run of the binary (its HOME, config dir and default cwd), removed when
 * the run ends however it ends: pass a `cwd` (and HOME) of your own to keep what it writes.
 */
export function runHome(): {home: string; remove(): void} {
	const home = mkdtempSync(path.join(tmpdir(), 'cassi-cli-'));
	return {home, remove: () => rmSync(home, {recursive: true, force: true})};
}

/** The built binary, in a fresh cwd with its own config dir and no token in the environment. */
export function runCli(args: string[], options: {env?: Record<string, string>; cwd?: string; input?: string} = {}): Promise<CliResult> {
	const {home, remove} = runHome();
	const env: Record<string, string> = {PATH: process.env.PATH ?? '', HOME: home, CASSI_CONFIG_DIR: path.join(home, 'config'), ...options.env};
	return new Promise<CliResult>((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {cwd: options.cwd ?? home, env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => resolve({code, stdout, stderr}));
		child.stdin.end(options.input ?? '');
	}).finally(remove);
}
