// `count` over a 50,000+-row answer, end to end, ours vs the seed's Python helpers, net of the
// server's own time (curl on the same POST): what each client adds on top of the service.
import {cliBin as cli, median, pythonWithPandas, ratio, seedHelpers, startEmulatorProcess, timedOnce, writeTemp} from './lib.mjs';

const TOKEN_ENV = 'CASSI_BENCH_TOKEN';
// Above any 3-day answer, so both clients get the whole answer in one response, as the seed's
// helpers (which never page) need; the totals then compare file for file.
const LIMIT = 200_000;
const RUNS = 3;

export async function benchSearchCount({token}) {
	const emulator = await startEmulatorProcess(['--scale', '100', '--page-size', String(LIMIT)]);
	try {
		const day = 86_400_000;
		const iso = ms => new Date(ms).toISOString().slice(0, 10);
		const start = iso(Date.now() - 4 * day);
		const end = iso(Date.now() - 2 * day);
		const args = ['--api-url', emulator.url, '-t', token, '-s', start, '-e', end, '-l', String(LIMIT), '--count', '--json', '-q'];
		// The same POST for curl: the payload cassi sends for this query.
		const {queryFromOptions, buildPayload} = await import('../dist/cassi/query.js');
		const query = queryFromOptions({ingestStart: start, ingestEnd: end, limit: LIMIT});
		const payload = writeTemp('payload.json', JSON.stringify(buildPayload(query, 0, query.limit)));
		const curlArgs = ['-sf', '-o', '/dev/null', '-X', 'POST', '-H', `Authorization: token ${token}`, '-H', 'Content-Type: application/json', '-H', 'Accept-Encoding: gzip, deflate, br', '--compressed', '-d', `@${payload}`, `${emulator.url}/roman/search/Eng`];
		// One request of the whole answer, as curl's and the seed's: the same POST, so the server's time is the same.
		const env = {...process.env, CASSI_PAGE_SIZE: String(LIMIT)};
		// Untimed warm-up: the emulator generates and caches the range on its first search.
		timedOnce(cli, args, {env});
		const python = pythonWithPandas();
		let helpers;
		let skipped = python ? undefined : 'no python3 with requests and pandas (apt-get install python3-pandas python3-requests)';
		try {
			helpers = python && seedHelpers(emulator.url);
		} catch (error) {
			skipped = `${error.message} (the seed notebook lives in ../shared/seeds)`;
		}
		const script =
			helpers &&
			writeTemp(
				'seed_count.py',
				`${helpers}
r = query_cassi("${start}T00:00:00", "${end}T23:59:59", ${LIMIT}, None, None, os.environ["${TOKEN_ENV}"])
print(len(r)); print(r["fileType"].value_counts())
`,
			);
		// Taking turns, so each sees the same machine.
		const server = [];
		const ours = [];
		const seed = [];
		for (let run = 0; run < RUNS; run++) {
			server.push(timedOnce('curl', curlArgs));
			ours.push(timedOnce(cli, args, {env}));
			if (script) seed.push(timedOnce(python, [script], {env: {...process.env, [TOKEN_ENV]: token}}));
		}
		const pick = (samples, key) => median(samples.map(sample => sample[key]));
		const serverSeconds = pick(server, 'seconds');
		const counted = JSON.parse(ours[0].stdout).total;
		const oursNet = pick(ours, 'seconds') - serverSeconds;
		const lines = [
			`search+count, ${counted} files (${start}..${end}), medians of ${RUNS}; the server alone (curl, same POST) ${serverSeconds.toFixed(2)} s:`,
			`  cassi   ${pick(ours, 'seconds').toFixed(2)} s, client ${oursNet.toFixed(2)} s net  cpu ${pick(ours, 'cpu').toFixed(2)} s  ${pick(ours, 'rssMB').toFixed(0)} MB peak`,
		];
		if (script) {
			const seedNet = pick(seed, 'seconds') - serverSeconds;
			const rows = Number(seed[0].stdout.split('\n')[0]);
			lines.push(
				`  seed    ${pick(seed, 'seconds').toFixed(2)} s, client ${seedNet.toFixed(2)} s net  cpu ${pick(seed, 'cpu').toFixed(2)} s  ${pick(seed, 'rssMB').toFixed(0)} MB peak  (python helpers + pandas, ${rows} rows${rows === counted ? ', same total' : `, NOT the same total as cassi's ${counted}`})`,
				`  ratio   client time ${ratio(oursNet, seedNet)}× (goal ≤ 0.5)   cpu ${ratio(pick(ours, 'cpu'), pick(seed, 'cpu'))}×   memory ${ratio(pick(ours, 'rssMB'), pick(seed, 'rssMB'))}× (goal ≤ 1)`,
			);
		} else {
			lines.push(`  seed    not measured: ${skipped}`);
		}
		return lines.join('\n');
	} finally {
		emulator.close();
	}
}
