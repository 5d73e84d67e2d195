/**
 * Keypress-to-frame time with a large result loaded: the real app (reducer, key table,
 * selectors, Ink) on fake terminal streams; time from the key's bytes reaching stdin to
 * Ink writing the next frame. For `npm run bench` (the goal: median ≤ 16 ms, p95 ≤ 33 ms).
 */
import {render} from 'ink';
import React from 'react';
import type {CassiRecord} from '../cassi/types.js';
import {initialState} from '../state/initial.js';
import {reducer} from '../state/reducer.js';
import {MemoryStdin, MemoryStdout} from './memory-terminal.js';
import {CassiApp} from './root.js';
import type {Services} from './services.js';

export interface KeyBenchOptions {
	rows?: number;
	/** Key presses measured (a mix of moves, page jumps, marks). */
	presses?: number;
	width?: number;
	height?: number;
	/** Pause between presses, longer than one frame at 30 fps so each press gets its own frame. */
	gapMs?: number;
}

export interface KeyBenchResult {
	rows: number;
	samples: number;
	medianMs: number;
	p95Ms: number;
	maxMs: number;
	/** Median per key, to see which command is slow. */
	byKey: Record<string, number>;
}

const TYPES = ['Science CGI Level 0', 'Science WFI Level 0', 'Housekeeping Ancillary Telemetry Data', 'Guide Window Level 0', 'Calibrated Engineering Data'];

function syntheticRecords(count: number): CassiRecord[] {
	const start = Date.UTC(2025, 9, 1);
	return Array.from({length: count}, (_, index) => {
		const name = `BENCH_${String(index).padStart(8, '0')}`;
		return {
			archiveFileName: name,
			fileType: TYPES[index % TYPES.length],
			ingestCompletionDate: `${new Date(start + index * 10_000).toISOString().slice(0, 19)}.0000000`,
			distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: 1000 + index},
		};
	});
}

const SEQUENCE = ['j', 'j', 'j', '\u001b[6~', 'k', ' ', '\u001b[6~', 'j', '\u001b[5~', 'G', 'k', 'g', '\u0004', 'j', ' ', '\u0015'];

function percentile(sorted: number[], fraction: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

export async function benchKeypressToFrame(options: KeyBenchOptions = {}): Promise<KeyBenchResult> {
	const count = options.rows ?? 50_000;
	const presses = options.presses ?? 300;
	const gapMs = options.gapMs ?? 40;
	let state = initialState({hasToken: true, width: options.width ?? 80, height: options.height ?? 24});
	state = reducer(state, {type: 'run-query', now: new Date().toISOString()});
	state = reducer(state, {type: 'search-page', id: state.search.id, page: {records: syntheticRecords(count), received: count, total: count, duplicates: 0, done: true}});
	state = reducer(state, {type: 'search-done', id: state.search.id, at: new Date().toISOString()});
	state = {...state, requests: {}};

	const noop = async () => {};
	const services: Services = {
		createClient: () => ({searchPages: async function* () {}, checkToken: noop}),
		createEngine: () => {
			throw new Error('no downloads in the key benchmark');
		},
		writeFile: noop,
		folder: '.',
		parallel: 1,
		exit() {},
	};
	const stdin = new MemoryStdin();
	const stdout = new MemoryStdout(options.width ?? 80, options.height ?? 24, false);
	const instance = render(<CassiApp initial={state} services={services} connection={{apiUrl: 'http://127.0.0.1:1', token: 'bench'}} />, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 30,
	});
	const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	await wait(100);
	const samples: number[] = [];
	const perKey = new Map<string, number[]>();
	try {
		for (let index = 0; index < presses; index++) {
			const key = SEQUENCE[index % SEQUENCE.length];
			const frame = new Promise<number>(resolve => {
				const timer = setTimeout(() => resolve(Number.NaN), 1000);
				stdout.onWrite = () => {
					clearTimeout(timer);
					stdout.onWrite = undefined;
					resolve(performance.now());
				};
			});
			const started = performance.now();
			stdin.press(key);
			const drawn = await frame;
			if (!Number.isNaN(drawn)) {
				samples.push(drawn - started);
				perKey.set(key, [...(perKey.get(key) ?? []), drawn - started]);
			}
			await wait(gapMs);
		}
	} finally {
		instance.unmount();
	}
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		rows: count,
		samples: sorted.length,
		medianMs: percentile(sorted, 0.5),
		p95Ms: percentile(sorted, 0.95),
		maxMs: sorted.at(-1) ?? Number.NaN,
		byKey: Object.fromEntries(
			[...perKey].map(([key, values]) => [JSON.stringify(key).slice(1, -1), Math.round(percentile([...values].sort((a, b) => a - b), 0.5) * 10) / 10]),
		),
	};
}
