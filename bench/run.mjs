// `npm run bench [name]`: every target as a ratio against a reference measured in the same run.
import {benchDownload} from './download.mjs';
import {benchLoad} from './load.mjs';
import {benchSearchCount} from './search-count.mjs';

// The browser runs React's production build (root-action sets it); measure that, not the dev build.
process.env.NODE_ENV ??= 'production';
const {DEMO_TOKEN} = await import('../dist/emulator/index.js');

async function benchKeys() {
	const {benchKeypressToFrame} = await import('../dist/ui/bench-keys.js');
	const result = await benchKeypressToFrame({rows: 50_000, presses: 300});
	return [
		`keypress → frame, ${result.rows} rows loaded, ${result.samples} presses (moves and page jumps):`,
		`  median ${result.medianMs.toFixed(1)} ms (goal <= 16)   p95 ${result.p95Ms.toFixed(1)} ms (goal <= 33)   max ${result.maxMs.toFixed(1)} ms`,
	].join('\n');
}

const only = process.argv[2];
const benches = {
	search: () => benchSearchCount({token: DEMO_TOKEN}),
	keys: benchKeys,
	download: () => benchDownload({token: DEMO_TOKEN}),
	load: () => benchLoad({token: DEMO_TOKEN}),
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
