// Scale (issue 15): --count and --json at 1M rows — rows/s and peak RSS — against the same at
// 100k rows in this run: memory that does not grow with the answer shows as a ratio near 1.
import {cliBin, ratio, startEmulatorProcess, timed} from './lib.mjs';

const day = 86_400_000;
const iso = ms => new Date(ms).toISOString().slice(0, 10);

export async function benchScale({token}) {
	const emulator = await startEmulatorProcess(['--scale', '1000']);
	try {
		// A week at scale 1000 holds ~1.1M rows; -l picks 1M or 100k of them.
		const range = ['-s', iso(Date.now() - 8 * day), '-e', iso(Date.now() - 2 * day)];
		const run = (limit, output) =>
			timed('/bin/sh', ['-c', `"$0" "$@" > /dev/null`, cliBin, '--api-url', emulator.url, '-t', token, ...range, '-l', String(limit), ...output, '-q'], {runs: 1});
		run(1_000_000, ['--count']); // untimed warm-up: the emulator builds and caches the week once
		const lines = ['scale (emulator --scale 1000, one week):'];
		for (const [name, output] of [['--count', ['--count']], ['--json', ['--json']]]) {
			const big = run(1_000_000, output);
			const small = run(100_000, output);
			const rowsPerSecond = n => Math.round(n / big.seconds).toLocaleString('en-US');
			lines.push(
				`  ${name.padEnd(7)} 1M rows ${big.seconds.toFixed(1)} s (${rowsPerSecond(1_000_000)} rows/s), peak ${big.rssMB.toFixed(0)} MB; 100k rows peak ${small.rssMB.toFixed(0)} MB → ${ratio(big.rssMB, small.rssMB)}× for 10× the rows (goal: ${name === '--count' ? '≤ 300' : '≤ 500'} MB, near flat)`,
			);
		}
		return lines.join('\n');
	} finally {
		emulator.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const {DEMO_TOKEN} = await import('../dist/emulator/index.js');
	console.log(await benchScale({token: DEMO_TOKEN}));
}
