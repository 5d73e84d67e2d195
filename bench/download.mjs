// Download bench (issue 4): ours vs curl on the same request, memory flat in file size,
// and 4 workers vs 1 on a per-connection throttle. Each line is a ratio from this run.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cli, ratio, root, timed} from './lib.mjs';

async function emulatorProcess(rate) {
	const child = spawn(process.execPath, [path.join(root, 'bench', 'download-emulator.mjs'), String(rate ?? 0)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
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

function folder() {
	return mkdtempSync(path.join(tmpdir(), 'cassi-bench-dl-'));
}

function ours(url, token, names, dir, extra = []) {
	return timed(
		process.execPath,
		[cli, '--api-url', url, '-t', token, '-s', '2025-10-04', '-e', '2025-10-04', '--filename', names, '--download', '-f', dir, '-q', '--overwrite', ...extra],
		{runs: 1},
	);
}

function curl(url, token, productUrl, file, verify) {
	const body = JSON.stringify({product_url: productUrl});
	const fetch = `curl -sf -X POST -H 'Authorization: token ${token}' -H 'Content-Type: application/json' -d '${body}' -o '${file}' '${url}/download/roman/eng'`;
	return timed('/bin/sh', ['-c', verify ? `${fetch} && md5sum '${file}' >/dev/null` : fetch], {runs: 1});
}

export async function benchDownload({token}) {
	const lines = [];
	const plain = await emulatorProcess();
	let dir = folder();
	try {
		const withMd5 = ours(plain.url, token, 'BENCH_1G_MD5', dir);
		const curlMd5 = curl(plain.url, token, plain.urls.BENCH_1G_MD5, path.join(dir, 'curl.bin'), true);
		lines.push(`download 1 GiB + MD5 verify: ours ${withMd5.seconds}s vs curl+md5sum ${curlMd5.seconds}s → ${ratio(curlMd5.seconds, withMd5.seconds)}× (goal ≥ 1.2)`);
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
