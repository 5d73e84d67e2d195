/**
 * Keypress-to-frame time with a large result loaded: the real app (reducer, key table,
 * selectors, Ink) on fake terminal streams; time from the key's bytes reaching stdin to
 * Ink writing the next frame. For `npm run bench` (the goal: median ≤ 16 ms, p95 ≤ 33 ms).
 */
import {render} from 'ink';
import React from 'react';
import type {CassiRecord} from '../source/cassi/types.js';
import {initialState} from '../source/state/initial.js';
import {reducer} from '../source/state/reducer.js';
import {MemoryStdin, MemoryStdout} from '../test/ui/memory-terminal.js';
import {CassiApp} from '../source/ui/root.js';
import type {Services} from '../source/ui/services.js';

const TYPES = ['Science CGI Level 0', 'Science WFI Level 0', 'Housekeeping Ancillary Telemetry Data', 'Guide Window Level 0', 'Calibrated Engineering Data'];

function syntheticRecords(count: number): CassiRecord[] {
	const start = Date.UTC(2025, 9, 1);
	return Array.from({length: count}, (_, index) => {
		// Names in another order than ingest times, as sorting by name must really reorder.
		const name = `BENCH_${String((index * 48_271) % count).padStart(8, '0')}`;
		return {
			archiveFileName: name,
			fileType: TYPES[index % TYPES.length],
			ingestCompletionDate: `${new Date(start + index * 10_000).toISOString().slice(0, 19)}.0000000`,
			distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: 1000 + ((index * 2_654_435_761) % 1_000_000_007)},
		};
	});
}

/** Bench key kinds and the keys each presses; `null` kind = an untimed step (setting up the next). */
type Step = [key: string, kind: string | null];
const DOWN = '\u001b[6~';
const UP = '\u001b[5~';

function repeat(times: number, steps: Step[]): Step[] {
	return Array.from({length: times}, () => steps).flat();
}

/** The presses of each kind, in order; every timed press changes the frame, so Ink draws one. */
export const KIND_SCRIPT: Step[] = [
	...repeat(4, [['j', 'moves'], ['j', 'moves'], [DOWN, 'moves'], ['k', 'moves'], [UP, 'moves'], ['G', 'moves'], ['g', 'moves'], ['\u0004', 'moves'], ['\u0015', 'moves'], [' ', 'moves']]),
	['U', null], ['y', null],
	...repeat(40, [['s', 'sort']]),
	...repeat(3, [['/', null], ...[...'bench_0001'].map((char): Step => [char, 'filter']), ['\u007f', 'filter'], ['\u007f', 'filter'], ['\u007f', 'filter'], ['\u001b', 'filter']]),
	...repeat(20, [['a', 'mark all'], ['U', null], ['y', 'clear marks']]),
	...repeat(40, [['A', 'invert']]),
	['U', null], ['y', null],
	...repeat(8, [['t', 'mark type'], ['j', null], ['t', 'mark type'], ['j', null], ['t', 'mark type'], ['j', null], ['t', 'mark type'], ['j', null], ['t', 'mark type'], ['U', null], ['y', null]]),
];

export interface KindResult {
	kind: string;
	samples: number;
	medianMs: number;
	p95Ms: number;
	maxMs: number;
	/** Presses that drew no frame within a second (a missed frame counts against the kind). */
	missed: number;
	/** This process's CPU time from the press to the frame: what the wall time is when the machine is not shared. */
	cpuMedianMs: number;
	cpuP95Ms: number;
}

/**
 * Key → frame per key kind with `rows` rows loaded (`node bench/run.mjs keys`), then a search
 * whose pages arrive while the list shows: page → frame for the pages past half the rows.
 */
export async function benchKeyKinds(options: {rows?: number; gapMs?: number; pageSize?: number} = {}): Promise<KindResult[]> {
	const count = options.rows ?? 100_000;
	const gapMs = options.gapMs ?? 40;
	const pageSize = options.pageSize ?? 1000;
	const records = syntheticRecords(count);
	let state = initialState({hasToken: true, width: 100, height: 30, initialQuery: {ingestStart: '2025-10-01', ingestEnd: '2025-10-31'}});
	state = reducer(state, {type: 'run-query', now: new Date().toISOString()});
	state = reducer(state, {type: 'search-page', id: state.search.id, page: {records, received: count, total: count, duplicates: 0, done: true}});
	state = reducer(state, {type: 'search-done', id: state.search.id, at: new Date().toISOString()});
	state = {...state, requests: {}};

	// The refreshed search's pages: each waits for the bench to release it.
	let release: (() => void) | undefined;
	let pageSent = 0;
	const noop = async () => {};
	const services: Services = {
		createClient: () => ({
			async *searchPages() {
				for (let start = 0; start < count; start += pageSize) {
					await new Promise<void>(resolve => (release = resolve));
					const page = records.slice(start, start + pageSize);
					pageSent = performance.now();
					yield {records: page, received: start + page.length, total: count, duplicates: 0, done: start + page.length >= count};
				}
			},
			checkToken: noop,
		}),
		createEngine: () => {
			throw new Error('no downloads in the key benchmark');
		},
		writeFile: noop,
		folder: '.',
		parallel: 1,
		exit() {},
	};
	const stdin = new MemoryStdin();
	const stdout = new MemoryStdout(100, 30, false);
	const instance = render(<CassiApp initial={state} services={services} connection={{apiUrl: 'http://127.0.0.1:1', token: 'bench'}} />, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 30,
	});
	const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	const nextFrame = () =>
		new Promise<number>(resolve => {
			const timer = setTimeout(() => resolve(Number.NaN), 1000);
			stdout.onWrite = () => {
				clearTimeout(timer);
				stdout.onWrite = undefined;
				resolve(performance.now());
			};
		});
	await wait(200);
	const samples = new Map<string, number[]>();
	const cpu = new Map<string, number[]>();
	const missed = new Map<string, number>();
	const record = (kind: string, ms: number, cpuStart: NodeJS.CpuUsage) => {
		const used = process.cpuUsage(cpuStart);
		if (Number.isNaN(ms)) missed.set(kind, (missed.get(kind) ?? 0) + 1);
		else {
			samples.set(kind, [...(samples.get(kind) ?? []), ms]);
			cpu.set(kind, [...(cpu.get(kind) ?? []), (used.user + used.system) / 1000]);
		}
	};
	try {
		for (const [key, kind] of KIND_SCRIPT) {
			const frame = nextFrame();
			const cpuStart = process.cpuUsage();
			const started = performance.now();
			stdin.press(key);
			const drawn = await frame;
			if (kind) record(kind, drawn - started, cpuStart);
			await wait(gapMs);
		}
		// A page of new rows arriving while the list shows: `r` runs the query again.
		const frame = nextFrame();
		stdin.press('r');
		await frame;
		for (let start = 0; start < count; start += pageSize) {
			await wait(gapMs);
			const drawn = nextFrame();
			const cpuStart = process.cpuUsage();
			release?.();
			const at = await drawn;
			if (start >= count / 2) record('page arrival', at - pageSent, cpuStart);
		}
	} finally {
		instance.unmount();
	}
	return [...samples.keys(), ...[...missed.keys()].filter(kind => !samples.has(kind))].map(kind => {
		const sorted = [...(samples.get(kind) ?? [])].sort((a, b) => a - b);
		const cpuSorted = [...(cpu.get(kind) ?? [])].sort((a, b) => a - b);
		return {
			cpuMedianMs: percentile(cpuSorted, 0.5),
			cpuP95Ms: percentile(cpuSorted, 0.95),
			kind,
			samples: sorted.length,
			medianMs: percentile(sorted, 0.5),
			p95Ms: percentile(sorted, 0.95),
			maxMs: sorted.at(-1) ?? Number.NaN,
			missed: missed.get(kind) ?? 0,
		};
	});
}

function percentile(sorted: number[], fraction: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
