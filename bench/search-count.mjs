// Issue 2: `count` over 50,000 results end to end, ours vs the seed's Python helpers.
import {cliBin as cli, pythonWithPandas, ratio, seedHelpers, startEmulatorProcess, timed, writeTemp} from './lib.mjs';

const DEMO_TOKEN_ENV = 'CASSI_BENCH_TOKEN';

export async function benchSearchCount({token}) {
	// One response of up to 50,000 rows, as the seed's helpers (which never page) need.
	const emulator = await startEmulatorProcess(['--scale', '100', '--page-size', '50000']);
	try {
		const day = 86_400_000;
		const iso = ms => new Date(ms).toISOString().slice(0, 10);
		const start = iso(Date.now() - 9 * day);
		const end = iso(Date.now() - 2 * day);
		// Untimed warm-up: the emulator generates and caches the range on its first search.
		timed(cli, ['--api-url', emulator.url, '-t', token, '-s', start, '-e', end, '--count', '-q'], {runs: 1});
		const ours = timed(cli, ['--api-url', emulator.url, '-t', token, '-s', start, '-e', end, '--count', '--json', '-q']);
		const counted = JSON.parse(ours.stdout).total;
		const lines = [`search+count, ${counted} files (${start}..${end}):`, `  cassi   ${ours.seconds.toFixed(2)} s  ${ours.rssMB.toFixed(0)} MB peak`];
		const python = pythonWithPandas();
		if (python) {
			const script = writeTemp('seed_count.py', `${seedHelpers(emulator.url)}
r = query_cassi("${start}T00:00:00", "${end}T23:59:59", 50000, None, None, os.environ["${DEMO_TOKEN_ENV}"])
print(len(r)); print(r["fileType"].value_counts())
`);
			const seed = timed(python, [script], {env: {...process.env, [DEMO_TOKEN_ENV]: token}});
			lines.push(
				`  seed    ${seed.seconds.toFixed(2)} s  ${seed.rssMB.toFixed(0)} MB peak  (python helpers + pandas, ${seed.stdout.split('\n')[0]} rows)`,
				`  ratio   time ${ratio(ours.seconds, seed.seconds)}x (goal <= 0.5x)   memory ${ratio(ours.rssMB, seed.rssMB)}x (goal <= 1x)`,
			);
		} else {
			lines.push('  seed    not measured: no python3 with requests and pandas (apt-get install python3-pandas python3-requests)');
		}
		return lines.join('\n');
	} finally {
		emulator.close();
	}
}
