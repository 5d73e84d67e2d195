/** How many files run at once, and over which connections: small files at the link's pace. */
import {afterEach, describe, expect, it} from 'vitest';
import {ModePicker} from '../../source/cassi/download/connections.js';
import {MAX_IN_FLIGHT, DEFAULT_PARALLEL, SMALL_FILE_BYTES, type DownloadEngine} from '../../source/cassi/download/engine.js';
import {startFixture, type Fixture} from './emulator-fixture.js';
import {tempFolder} from './helpers.js';

const names = (prefix: string, count: number) => Array.from({length: count}, (_, index) => `${prefix}${String(index + 1).padStart(8, '0')}`);

let fixture: Fixture | undefined;
let folder: Awaited<ReturnType<typeof tempFolder>> | undefined;
afterEach(async () => {
	try {
		if (fixture && folder) await fixture.verifyFolder(folder.path);
	} finally {
		await fixture?.close();
		await folder?.cleanup();
		fixture = undefined;
		folder = undefined;
	}
});

/** The most files in `downloading` at once while the engine empties its queue. */
async function mostAtOnce(engine: DownloadEngine): Promise<number> {
	const running = new Set<string>();
	let most = 0;
	engine.on('file', file => {
		if (file.state === 'downloading') running.add(file.name);
		else if (['done', 'failed', 'skipped'].includes(file.state)) running.delete(file.name);
		most = Math.max(most, running.size);
	});
	await engine.start();
	const manifest = await engine.whenIdle();
	await engine.close();
	expect(manifest.totals.failed).toBe(0);
	return most;
}

describe('files at once', () => {
	it('runs many small files at once by default, never more than the bound', async () => {
		const small = names('SMALLT_', 24);
		fixture = await startFixture(small.map(name => ({name, size: 20_000})));
		folder = await tempFolder();
		// Slow enough that every file started is still running when the next is started.
		fixture.emulator.setFaults({download: [{bytesPerSecond: 40_000}]});
		const engine = fixture.engine(folder.path);
		engine.add(small.map(name => fixture!.item(name)));
		const most = await mostAtOnce(engine);
		expect(most).toBeGreaterThan(DEFAULT_PARALLEL);
		expect(most).toBeLessThanOrEqual(MAX_IN_FLIGHT);
	});

	it('keeps big files to the default few at once, and -j caps small ones', async () => {
		const big = names('BIGT_', 5);
		const small = names('SMALLT_', 8);
		fixture = await startFixture([...big.map(name => ({name, size: SMALL_FILE_BYTES + 1, checksum: false})), ...small.map(name => ({name, size: 20_000}))]);
		folder = await tempFolder();
		fixture.emulator.setFaults({download: [{bytesPerSecond: 4_000_000}]});
		const bigEngine = fixture.engine(folder.path);
		bigEngine.add(big.map(name => fixture!.item(name)));
		expect(await mostAtOnce(bigEngine)).toBe(DEFAULT_PARALLEL);
		fixture.emulator.setFaults({download: [{bytesPerSecond: 40_000}]});
		const capped = fixture.engine(folder.path, {parallel: 2});
		capped.add(small.map(name => fixture!.item(name)));
		expect(await mostAtOnce(capped)).toBe(2);
	});

	it('-j 6 runs 6 big files at once from the start', async () => {
		const big = names('BIGT_', 6);
		fixture = await startFixture(big.map(name => ({name, size: SMALL_FILE_BYTES + 1, checksum: false})));
		folder = await tempFolder();
		fixture.emulator.setFaults({download: [{bytesPerSecond: 4_000_000}]});
		const engine = fixture.engine(folder.path, {parallel: 6});
		engine.add(big.map(name => fixture!.item(name)));
		await mostAtOnce(engine);
		const asked = fixture.emulator.requests().filter(entry => entry.path.endsWith('/download/roman/eng'));
		expect(asked).toHaveLength(6);
		// Each file takes ~0.5 s at this rate: all six were asked for before any could finish.
		const arrivals = asked.map(entry => Date.parse(entry.time));
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(400);
	});

	it('against a service that takes 2 downloads at once, narrows to it: every file arrives, few are refused', async () => {
		const files = names('SMALLT_', 40);
		fixture = await startFixture(files.map(name => ({name, size: 4_000})), {maxDownloads: 2, latencyMs: 20});
		folder = await tempFolder();
		const engine = fixture.engine(folder.path);
		engine.add(files.map(name => fixture!.item(name)));
		await mostAtOnce(engine);
		await fixture.settle();
		const asked = fixture.emulator.requests().filter(entry => entry.path.endsWith('/download/roman/eng'));
		const refused = asked.filter(entry => entry.status === 429).length;
		// The same width throughout would meet the limit on most files, and retry them into failure.
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThanOrEqual(6);
		expect(asked.length - refused).toBe(files.length);
	});

	// Keeping connections when reuse costs nothing is the pure decision's test below: on a busy
	// machine a loopback server's answers vary too much to hold that end to end.
	it('opens a new connection per file against a server slow on reused connections', async () => {
		const files = names('SMALLT_', 96);
		const closes = async (reuseLatencyMs: number): Promise<number[]> => {
			fixture = await startFixture(files.map(name => ({name, size: 4_000})), {reuseLatencyMs});
			folder = await tempFolder();
			const engine = fixture.engine(folder.path);
			engine.add(files.map(name => fixture!.item(name)));
			await mostAtOnce(engine);
			const asked = fixture.emulator.requests().filter(entry => entry.path.endsWith('/download/roman/eng'));
			expect(asked).toHaveLength(files.length);
			// 1 where the request asked to close its connection afterwards.
			const flags = asked.map(entry => (entry.headers.connection === 'close' ? 1 : 0));
			await fixture.verifyFolder(folder.path);
			await fixture.close();
			await folder.cleanup();
			fixture = undefined;
			folder = undefined;
			return flags;
		};
		// Far slower than any new connection on loopback, however busy the machine.
		const slow = await closes(500);
		// The first waves learn (the first 16 open connections, the next 16 find reuse slow).
		const lastThird = slow.slice((files.length * 2) / 3);
		expect(lastThird.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(lastThird.length * 0.75);
	});
});

describe('the connection decision', () => {
	const feed = (picker: ModePicker, reusedMs: number[], newMs: number[]) => {
		for (const ms of newMs) picker.record('new', ms);
		for (const ms of reusedMs) picker.record('reused', ms);
	};

	it('closes connections after each request once reused ones answer clearly slower', () => {
		const picker = new ModePicker();
		expect(picker.closeAfterEach()).toBe(false);
		feed(picker, [47, 48, 52, 50], [2, 3, 2]);
		expect(picker.closeAfterEach()).toBe(true);
		const closing = Array.from({length: 64}, () => picker.closeThisOne()).filter(Boolean).length;
		// All but the few that check whether reused connections got faster again.
		expect(closing).toBeGreaterThanOrEqual(56);
		expect(closing).toBeLessThan(64);
	});

	it('keeps connections when reuse costs nothing, also when load makes some answers slow', () => {
		const picker = new ModePicker();
		feed(picker, [33, 180, 34, 250, 36], [35, 36, 200, 41]);
		expect(picker.closeAfterEach()).toBe(false);
		const closing = Array.from({length: 64}, () => picker.closeThisOne()).filter(Boolean).length;
		expect(closing).toBeLessThanOrEqual(8);
	});

	it('goes back to kept connections when reused ones become fast', () => {
		const picker = new ModePicker();
		feed(picker, [60, 61, 62], [3, 4, 3]);
		expect(picker.closeAfterEach()).toBe(true);
		feed(picker, [3, 3, 4, 3, 3, 3, 4, 3], []);
		expect(picker.closeAfterEach()).toBe(false);
	});
});
