// Issue 5: a 50,000-row search with 4 downloads in flight. The real TUI (reducer, key table,
// selectors, Ink) on fake terminal streams holds the search's rows while a real DownloadEngine
// streams 4 files from the emulator (its own process, throttled per connection so the transfers
// last the whole measurement) and feeds the TUI its progress. Measured: keypress-to-frame time
// with the downloads running against the same without them, and the process's peak RSS.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {startEmulatorProcess} from './lib.mjs';

const KEYS = {j: 'j', k: 'k', G: 'G', g: 'g'};
// Moves whose target row is known without the layout, so the frame that shows it can be recognised.
const SEQUENCE = ['j', 'j', 'j', 'k', 'j', 'G', 'k', 'k', 'g', 'j', 'j', 'k'];

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007/g;

/** The name on the cursor row of a frame (the row that starts with ›). */
function cursorName(frame) {
	const line = frame.replace(ANSI, '').split('\n').find(text => text.startsWith('›'));
	return line?.slice(2).trim().split(/\s+/)[0];
}

function percentile(sorted, fraction) {
	return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function stats(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	return {n: sorted.length, median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)};
}

const ms = value => `${value.toFixed(1)} ms`;
const mb = bytes => `${(bytes / 1048576).toFixed(0)} MB`;

/** Presses `presses` keys, each in its own frame, and times key → the frame showing its cursor row. */
async function measureKeys({names, stdin, stdout, presses, gapMs}) {
	const wait = delay => new Promise(resolve => setTimeout(resolve, delay));
	let cursor = 0;
	const samples = [];
	for (let index = 0; index < presses; index++) {
		const key = SEQUENCE[index % SEQUENCE.length];
		if (key === 'j') cursor = Math.min(names.length - 1, cursor + 1);
		else if (key === 'k') cursor = Math.max(0, cursor - 1);
		else if (key === 'G') cursor = names.length - 1;
		else cursor = 0;
		const expected = names[cursor];
		const shown = new Promise(resolve => {
			const timer = setTimeout(() => resolve(Number.NaN), 2000);
			stdout.onWrite = frame => {
				if (cursorName(frame) !== expected) return;
				clearTimeout(timer);
				stdout.onWrite = undefined;
				resolve(performance.now());
			};
		});
		const started = performance.now();
		stdin.press(KEYS[key]);
		const at = await shown;
		if (!Number.isNaN(at)) samples.push(at - started);
		await wait(gapMs);
	}
	return stats(samples);
}

/** benchLoad({token}) → printable lines. */
export async function benchLoad({token, presses = 240, gapMs = 40, ratePerConnection = 6_000_000} = {}) {
	const {CassiClient} = await import('../dist/cassi/client.js');
	const {queryFromOptions} = await import('../dist/cassi/query.js');
	const {DownloadEngine, itemFromRecord} = await import('../dist/cassi/download/engine.js');
	const {recordSize} = await import('../dist/cassi/records.js');
	const {initialState} = await import('../dist/state/initial.js');
	const {reducer} = await import('../dist/state/reducer.js');
	const {selectView} = await import('../dist/state/selectors.js');
	const {CassiApp} = await import('../dist/ui/root.js');
	const {default: React} = await import('react');
	const {render} = await import('ink');

	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
	const emulator = await startEmulatorProcess(['--scale', '120', '--rate', String(ratePerConnection)]);
	const folder = mkdtempSync(path.join(tmpdir(), 'cassi-bench-load-'));
	let engine;
	let instance;
	try {
		const day = 86_400_000;
		const iso = at => new Date(at).toISOString().slice(0, 10);
		const query = queryFromOptions({ingestStart: iso(Date.now() - 10 * day), ingestEnd: iso(Date.now() - 2 * day)});
		const searchStarted = performance.now();
		const result = await new CassiClient({apiUrl: emulator.url, token}).search(query);
		const searchSeconds = (performance.now() - searchStarted) / 1000;
		const records = result.records;
		const rssAfterSearch = process.memoryUsage().rss;

		let state = initialState({hasToken: true, width: 100, height: 30});
		state = reducer(state, {type: 'run-query', now: new Date().toISOString()});
		state = reducer(state, {type: 'search-page', id: state.search.id, page: {records, received: records.length, total: result.total, duplicates: result.duplicates, done: true}});
		state = reducer(state, {type: 'search-done', id: state.search.id, at: new Date().toISOString()});
		state = {...state, requests: {}};
		const names = selectView(state).map(row => row.name);

		// The 4 largest files: they stay in flight for the whole measurement at the throttled rate.
		const big = [...records].filter(record => recordSize(record) !== undefined).sort((a, b) => recordSize(b) - recordSize(a)).slice(0, 4);
		engine = new DownloadEngine({apiUrl: emulator.url, token, folder, parallel: 4});
		const noop = async () => {};
		const services = {
			createClient: () => ({searchPages: async function* () {}, checkToken: noop}),
			createEngine: () => engine,
			writeFile: noop,
			folder,
			parallel: 4,
			exit() {},
		};
		const {MemoryStdin, MemoryStdout} = await import('../dist-bench/test/ui/memory-terminal.js');
		const stdin = new MemoryStdin();
		const stdout = new MemoryStdout(100, 30, false);
		instance = render(React.createElement(CassiApp, {initial: state, services, connection: {apiUrl: emulator.url, token}, initialEngine: engine}), {
			stdin,
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			maxFps: 30,
		});
		await new Promise(resolve => setTimeout(resolve, 200));

		const idle = await measureKeys({names, stdin, stdout, presses: Math.round(presses / 2), gapMs});
		const rssBeforeDownloads = process.memoryUsage().rss;
		engine.add(big.map(itemFromRecord));
		await engine.start();
		await new Promise(resolve => setTimeout(resolve, 500));
		const busy = await measureKeys({names, stdin, stdout, presses, gapMs});
		const snapshot = engine.snapshot();
		const running = snapshot.files.filter(file => file.state === 'downloading').length;
		const rssEnd = process.memoryUsage().rss;
		const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
		return [
			`load: a ${records.length + result.duplicates}-row search (${records.length} after de-duplication, ${searchSeconds.toFixed(1)} s) with 4 downloads of ${big.map(record => mb(recordSize(record))).join(', ')}:`,
			`  keypress→frame, no downloads     median ${ms(idle.median)}  p95 ${ms(idle.p95)}  max ${ms(idle.max)}  (${idle.n} keys)`,
			`  keypress→frame, 4 downloading    median ${ms(busy.median)}  p95 ${ms(busy.p95)}  max ${ms(busy.max)}  (${busy.n} keys; ${running} still running, ${mb(snapshot.totals.bytesDone)} fetched at ${mb(snapshot.totals.rate)}/s)`,
			`  ratio   p95 ${(busy.p95 / idle.p95).toFixed(2)}x with downloads (goal: p95 <= 33 ms, about 1x)`,
			`  memory  peak RSS ${mb(maxRss)}; ${mb(rssAfterSearch)} after the search, ${mb(rssBeforeDownloads)} before the downloads, ${mb(rssEnd)} with them (goal: flat while downloading)`,
		].join('\n');
	} finally {
		clearInterval(sampler);
		instance?.unmount();
		await engine?.close().catch(() => undefined);
		emulator.close();
		rmSync(folder, {recursive: true, force: true});
	}
}

// `node bench/load.mjs` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
	const {DEMO_TOKEN} = await import('../dist/emulator/index.js');
	console.log(await benchLoad({token: DEMO_TOKEN}));
}
