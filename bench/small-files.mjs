// Small files (issue 15): many 16 KiB files over a 30 ms link, ours (default settings) vs
// `xargs -P 8 curl` on the same requests; and against a server slow on reused connections and
// one that refuses more than 2 downloads at once (429), ours vs the seed's serial loop (one new
// connection per file). Ratios from this run.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cliBin, pythonWithPandas, ratio, seedHelpers, timed, writeTemp, startBenchEmulator} from './lib.mjs';

const TOKEN_ENV = 'CASSI_BENCH_TOKEN';

function emulatorProcess(count, latencyMs, reuseLatencyMs, maxDownloads = 0) {
	return startBenchEmulator('small-files-emulator.mjs', [count, latencyMs, reuseLatencyMs, maxDownloads]);
}

const folder = () => mkdtempSync(path.join(tmpdir(), 'cassi-bench-small-'));

function median(run, runs) {
	const samples = [];
	for (let index = 0; index < runs; index++) samples.push(run());
	samples.sort((a, b) => a - b);
	return samples[Math.floor(runs / 2)];
}

/** The whole `cassi --download` run as installed (through its shebang; search included), fresh folder each time. */
function ours(url, token, extra = []) {
	const dir = folder();
	try {
		return timed(cliBin, ['--api-url', url, '-t', token, '-s', '2025-10-04', '-e', '2025-10-04', '--filename', 'SMALLF_*', '--download', '-f', dir, '-q', ...extra], {runs: 1}).seconds;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

function xargsCurl(url, token, urls, parallel) {
	const dir = folder();
	try {
		const list = Object.entries(urls)
			.map(([name, productUrl]) => `-o ${path.join(dir, name)} -d '${JSON.stringify({product_url: productUrl})}'`)
			.join('\n');
		const file = path.join(dir, 'requests.txt');
		writeFileSync(file, `${list}\n`);
		const command = `xargs -P ${parallel} -L 1 curl -sf -X POST -H 'Authorization: token ${token}' -H 'Content-Type: application/json' '${url}/download/roman/eng' < '${file}'`;
		return timed('/bin/sh', ['-c', command], {runs: 1}).seconds;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/** The seed's helpers on the same query: the whole run (as ours is timed: start, search, downloads) and its download loop alone. */
function seedLoop(python, url, token) {
	const dir = folder();
	try {
		const script = writeTemp('seed_download.py', `${seedHelpers(url)}
import time
r = query_cassi("2025-10-04T00:00:00", "2025-10-04T23:59:59", 50000, None, "SMALLF_*", os.environ["${TOKEN_ENV}"])
started = time.perf_counter()
download_cassi_files(r, "${dir}", os.environ["${TOKEN_ENV}"])
print("SECONDS", time.perf_counter() - started, len(r))
`);
		const run = timed(python, [script], {runs: 1, env: {...process.env, [TOKEN_ENV]: token}});
		rmSync(path.dirname(script), {recursive: true, force: true});
		return {whole: run.seconds, loop: Number(/SECONDS ([\d.]+)/.exec(run.stdout)[1])};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

export async function benchSmallFiles({token, runs = 3}) {
	const lines = [];
	const link = await emulatorProcess(314, 30, 0);
	try {
		ours(link.url, token); // untimed warm-up (the emulator builds the day once)
		const mine = median(() => ours(link.url, token), runs);
		const curl = median(() => xargsCurl(link.url, token, link.urls, 8), runs);
		lines.push(
			`small files: 314 × 16 KiB at 30 ms latency: ours (default) ${mine.toFixed(2)} s vs xargs -P 8 curl ${curl.toFixed(2)} s → ${ratio(curl, mine)}× (goal ≥ 1.0)`,
		);
	} finally {
		link.close();
	}
	const python = pythonWithPandas();
	const servers = [
		{what: '600 × 16 KiB, server +45 ms per reused-connection request', args: [600, 0, 45]},
		{what: '300 × 16 KiB at 10 ms latency, server refusing more than 2 downloads at once (429, Retry-After: 1)', args: [300, 10, 0, 2]},
	];
	for (const {what, args} of servers) {
		const server = await emulatorProcess(...args);
		try {
			ours(server.url, token);
			const mine = median(() => ours(server.url, token), runs);
			if (python) {
				const seeds = Array.from({length: runs}, () => seedLoop(python, server.url, token));
				const seed = seeds.map(each => each.whole).sort((a, b) => a - b)[Math.floor(runs / 2)];
				const loop = seeds.map(each => each.loop).sort((a, b) => a - b)[Math.floor(runs / 2)];
				lines.push(
					`small files: ${what}: ours (default) ${mine.toFixed(2)} s vs the seed's serial loop ${seed.toFixed(2)} s, both whole runs (start, search, downloads; the seed's loop alone ${loop.toFixed(2)} s) → ${ratio(seed, mine)}× (goal ≥ 1.0)`,
				);
			} else {
				lines.push(`small files: ${what}: ours ${mine.toFixed(2)} s; seed loop not measured (no python3 with requests and pandas)`);
			}
		} finally {
			server.close();
		}
	}
	return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const {DEMO_TOKEN} = await import('../dist/emulator/index.js');
	console.log(await benchSmallFiles({token: DEMO_TOKEN, runs: Number(process.env.RUNS ?? 3)}));
}
