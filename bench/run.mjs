// `npm run bench`: every target as a ratio against a reference measured in the same run.
import {benchDownload} from './download.mjs';
import {benchSearchCount} from './search-count.mjs';

const {DEMO_TOKEN} = await import('../dist/emulator/index.js');
const only = process.argv[2];
const benches = {
	search: () => benchSearchCount({token: DEMO_TOKEN}),
	download: () => benchDownload({token: DEMO_TOKEN}),
};
for (const [name, bench] of Object.entries(benches)) {
	if (only && only !== name) continue;
	console.log(await bench());
}
