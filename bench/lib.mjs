// Shared bench helpers: an emulator process, timed child runs, the seed's Python helpers.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cli = path.join(root, 'dist', 'cli.js');
/** The executable as an installed `cassi` runs it: through its shebang, with its node flags. */
export const cliBin = cli;

/** `cassi emulator` in its own process, so its CPU is not billed to the client measured. */
export async function startEmulatorProcess(args = []) {
	const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--quiet', ...args], {stdio: ['ignore', 'pipe', 'inherit']});
	const url = await new Promise((resolve, reject) => {
		let buffer = '';
		child.stdout.on('data', chunk => {
			buffer += chunk;
			const match = /^READY (\S+)/m.exec(buffer);
			if (match) resolve(match[1]);
		});
		child.once('exit', code => reject(new Error(`emulator exited with ${code}`)));
	});
	return {url, close: () => child.kill('SIGTERM')};
}

/** A bench emulator script (bench/NAME.mjs ARGS) in its own process; it prints READY <url> and a JSON line of product URLs. */
export async function startBenchEmulator(script, args) {
	const child = spawn(process.execPath, [path.join(root, 'bench', script), ...args.map(String)], {stdio: ['ignore', 'pipe', 'inherit']});
	const {url, urls} = await new Promise((resolve, reject) => {
		let buffer = '';
		child.stdout.on('data', chunk => {
			buffer += chunk;
			const match = /^READY (\S+)\n(\{.*\})\n/m.exec(buffer);
			if (match) resolve({url: match[1], urls: JSON.parse(match[2])});
		});
		child.once('exit', code => reject(new Error(`bench emulator exited with ${code}`)));
	});
	return {url, urls, close: () => child.kill('SIGTERM')};
}

/** One run of a command under GNU time: wall and CPU seconds (user + system, children included), peak RSS. */
export function timedOnce(command, args, {env = process.env} = {}) {
	const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', command, ...args], {env, encoding: 'utf8', maxBuffer: 1 << 30});
	const match = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
	if (result.status !== 0 || !match) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-500)}`);
	return {seconds: Number(match[1]), cpu: Number(match[2]) + Number(match[3]), rssMB: Number(match[4]) / 1024, stdout: result.stdout};
}

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time, CPU and peak RSS of a command: the run with the median wall time of `runs`. */
export function timed(command, args, {runs = 3, env = process.env} = {}) {
	const samples = [];
	for (let index = 0; index < runs; index++) samples.push(timedOnce(command, args, {env}));
	samples.sort((a, b) => a.seconds - b.seconds);
	return samples[Math.floor(samples.length / 2)];
}

export function pythonWithPandas() {
	for (const candidate of ['/usr/bin/python3', 'python3']) {
		const probe = spawnSync(candidate, ['-c', 'import requests, pandas'], {encoding: 'utf8'});
		if (probe.status === 0) return candidate;
	}
	return undefined;
}

/** The seed notebook's own helpers, cut from its text, with only the URL constants changed. */
export function seedHelpers(apiUrl, seeds = path.join(root, '..', 'shared', 'seeds')) {
	// A fresh clone has no ../shared: the caller skips its line with this reason.
	if (!existsSync(seeds)) throw new Error(`${seeds} is missing`);
	const text = readdirSync(seeds).map(name => readFileSync(path.join(seeds, name), 'utf8')).join('\n');
	const start = text.indexOf('cassi_url_search = ');
	const end = text.indexOf('## Querying CaSSI', start);
	if (start < 0 || end < 0) throw new Error('seed helpers not found in ../shared/seeds');
	return [
		'import os', 'import requests', 'from pathlib import Path', 'from pandas import DataFrame',
		text.slice(start, end)
			.replace(/cassi_url_search = ".*"/, `cassi_url_search = "${apiUrl}/roman/search/Eng"`)
			.replace(/cassi_url_download = ".*"/, `cassi_url_download = "${apiUrl}/download/roman/eng"`),
	].join('\n');
}

export function writeTemp(name, text) {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'cassi-bench-')), name);
	writeFileSync(file, text);
	return file;
}

export function ratio(ours, reference) {
	return (ours / reference).toFixed(2);
}
