// `npm run bench [name]`: every target as a ratio against a reference measured in the same run.
import {benchBrowserLoad} from './browser-load.mjs';
import {benchDownload} from './download.mjs';
import {benchLoad} from './load.mjs';
import {benchSearchCount} from './search-count.mjs';
import {benchScale} from './scale.mjs';
import {benchSmallFiles} from './small-files.mjs';

// The browser runs React's production build (root-action sets it); measure that, not the dev build.
process.env.NODE_ENV ??= 'production';
const {DEMO_TOKEN} = await import('../dist/emulator/index.js');

async function benchKeys() {
	const {benchKeyKinds} = await import('../dist-bench/bench/bench-keys.js');
	const rows = 100_000;
	const kinds = await benchKeyKinds({rows});
	const ms = value => `${value.toFixed(1).padStart(6)} ms`;
	return [
		`keypress → frame by key kind, ${rows} rows loaded (goal: p95 <= 33 ms, one frame at 30 fps; cpu = this process's own time, for a shared machine):`,
		...kinds.map(kind => {
			const verdict = kind.p95Ms <= 33 && kind.missed === 0 ? 'ok' : 'OVER';
			const missed = kind.missed ? `  ${kind.missed} drew no frame` : '';
			const cpu = `cpu median ${ms(kind.cpuMedianMs)}  p95 ${ms(kind.cpuP95Ms)}`;
			return `  ${kind.kind.padEnd(12)} median ${ms(kind.medianMs)}  p95 ${ms(kind.p95Ms)}  max ${ms(kind.maxMs)}  ${cpu}  (${kind.samples} presses) ${verdict}${missed}`;
		}),
	].join('\n');
}

const only = process.argv[2];
const benches = {
	search: () => benchSearchCount({token: DEMO_TOKEN}),
	keys: benchKeys,
	download: () => benchDownload({token: DEMO_TOKEN}),
	load: () => benchLoad({token: DEMO_TOKEN}),
	'browser-load': () => benchBrowserLoad({token: DEMO_TOKEN}),
	small: () => benchSmallFiles({token: DEMO_TOKEN}),
	scale: () => benchScale({token: DEMO_TOKEN}),
};
if (only && !(only in benches)) {
	console.error(`unknown bench "${only}": choose one of ${Object.keys(benches).join(', ')}`);
	process.exit(2);
}
for (const [name, bench] of Object.entries(benches)) {
	if (only && only !== name) continue;
	console.log(await bench());
	console.log();
}
process.exit(0);
