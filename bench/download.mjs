// Download bench (issue 4): ours vs curl on the same request, memory flat in file size,
// and 4 workers vs 1 on a per-connection throttle. Each line is a ratio from this run.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cli, median, ratio, timed, timedOnce, startBenchEmulator} from './lib.mjs';

function emulatorProcess(rate) {
	return startBenchEmulator('download-emulator.mjs', [rate ?? 0]);
}

function folder() {
	return mkdtempSync(path.join(tmpdir(), 'cassi-bench-dl-'));
}

function oursArgs(url, token, names, dir, extra = []) {
	return [cli, '--api-url', url, '-t', token, '-s', '2025-10-04', '-e', '2025-10-04', '--filename', names, '--download', '-f', dir, '-q', '--overwrite', ...extra];
}

function ours(url, token, names, dir, extra = []) {
	return timed(process.execPath, oursArgs(url, token, names, dir, extra), {runs: 1});
}

function curlArgs(url, token, productUrl, file, verify) {
	const body = JSON.stringify({product_url: productUrl});
	const fetch = `curl -sf -X POST -H 'Authorization: token ${token}' -H 'Content-Type: application/json' -d '${body}' -o '${file}' '${url}/download/roman/eng'`;
	return ['-c', verify ? `${fetch} && md5sum '${file}' >/dev/null` : fetch];
}

function curl(url, token, productUrl, file, verify) {
	return timed('/bin/sh', curlArgs(url, token, productUrl, file, verify), {runs: 1});
}

/** 512 MiB + MD5, ours and curl-then-md5sum taking turns (so both see the same machine), medians of `runs`. */
function verifiedBytes(emulator, token, runs = 3) {
	const dir = folder();
	try {
		const mine = [];
		const theirs = [];
		for (let index = 0; index < runs; index++) {
			mine.push(timedOnce(process.execPath, oursArgs(emulator.url, token, 'BENCH_512M_MD5', dir)));
			theirs.push(timedOnce('/bin/sh', curlArgs(emulator.url, token, emulator.urls.BENCH_512M_MD5, path.join(dir, 'curl.bin'), true)));
			rmSync(path.join(dir, 'curl.bin'), {force: true});
		}
		const pick = (samples, key) => median(samples.map(sample => sample[key]));
		const wall = {ours: pick(mine, 'seconds'), ref: pick(theirs, 'seconds')};
		const cpu = {ours: pick(mine, 'cpu'), ref: pick(theirs, 'cpu')};
		return [
			`download 512 MiB + MD5 verify (medians of ${runs}, taking turns with curl then md5sum):`,
			`  wall  ours ${wall.ours.toFixed(2)} s vs curl+md5sum ${wall.ref.toFixed(2)} s → ${ratio(wall.ref, wall.ours)}× as fast (goal ≥ 1.2)`,
			`  CPU   ours ${cpu.ours.toFixed(2)} s vs curl+md5sum ${cpu.ref.toFixed(2)} s → ${ratio(cpu.ours, cpu.ref)}× the CPU (goal ≤ 1.3)`,
			`  RSS   ours ${pick(mine, 'rssMB').toFixed(0)} MB peak (goal ≤ 150 MB)`,
		];
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

export async function benchDownload({token}) {
	const lines = [];
	const plain = await emulatorProcess();
	let dir = folder();
	try {
		lines.push(...verifiedBytes(plain, token));
		const withMd5 = ours(plain.url, token, 'BENCH_1G_MD5', dir);
		rmSync(dir, {recursive: true, force: true});
		dir = folder();
		const raw = ours(plain.url, token, 'BENCH_1G_RAW', dir);
		const curlRaw = curl(plain.url, token, plain.urls.BENCH_1G_RAW, path.join(dir, 'curl.bin'), false);
		lines.push(`download 1 GiB, no checksum: ours ${raw.seconds}s vs curl ${curlRaw.seconds}s → ${ratio(curlRaw.seconds, raw.seconds)}× (goal ≥ 0.8)`);
		rmSync(dir, {recursive: true, force: true});
		dir = folder();
		const small = ours(plain.url, token, 'BENCH_256M_MD5', dir);
		lines.push(
			`peak RSS while downloading: 256 MiB file ${small.rssMB.toFixed(0)} MB, 1 GiB file ${withMd5.rssMB.toFixed(0)} MB → ${ratio(withMd5.rssMB, small.rssMB)}× (goal ≤ 150 MB, flat)`,
		);
	} finally {
		plain.close();
		rmSync(dir, {recursive: true, force: true});
	}
	const throttled = await emulatorProcess(32 * 1024 * 1024);
	dir = folder();
	try {
		const names = Array.from({length: 8}, (_, index) => `BENCH_128M_${index}`).join(',');
		const four = ours(throttled.url, token, names, dir, ['-j', '4']);
		const one = ours(throttled.url, token, names, dir, ['-j', '1']);
		lines.push(`8 × 128 MiB at 32 MiB/s per connection: 4 workers ${four.seconds}s vs 1 worker ${one.seconds}s → ${ratio(one.seconds, four.seconds)}× (goal ≥ 3.5)`);
	} finally {
		throttled.close();
		rmSync(dir, {recursive: true, force: true});
	}
	return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const {DEMO_TOKEN} = await import('../dist/emulator/index.js');
	console.log(await benchDownload({token: DEMO_TOKEN}));
}
