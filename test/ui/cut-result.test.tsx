// A result the limit cut, in the browser: the real client against the emulator on loopback.
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CassiClient} from '../../source/cassi/client.js';
import {roundLimitUp} from '../../source/cassi/cut.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {initialState} from '../../source/state/initial.js';
import {CassiApp} from '../../source/ui/root.js';
import type {Services} from '../../source/ui/services.js';
import {apply, loadedState, makeRecords, NOW, page, press} from '../state/fixtures.js';
import {memoryStore} from './fake-services.js';
import {plain, tick, waitFor} from './render.js';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({quiet: true, now: new Date('2025-10-20T12:00:00Z')});
});

afterAll(async () => {
	await emulator?.close();
});

function mount(limit: number) {
	const queries: number[] = [];
	const services: Services = {
		createClient: connection => {
			const client = new CassiClient({apiUrl: connection.apiUrl, token: connection.token});
			return {
				searchPages: (query, options) => {
					queries.push(query.limit);
					return client.searchPages(query, options);
				},
				checkToken: signal => client.checkToken(signal),
			};
		},
		createEngine: () => {
			throw new Error('no downloads here');
		},
		store: memoryStore(),
		writeFile: async () => {},
		folder: 'cassi-data',
		parallel: 2,
		exit() {},
	};
	const initial = initialState({hasToken: true, width: 120, height: 30, initialQuery: {ingestStart: '2025-10-01', ingestEnd: '2025-10-07', limit}});
	const app = render(<CassiApp initial={initial} services={services} connection={{apiUrl: emulator.url, token: emulator.token}} autoRun />);
	return {app, queries};
}

const statusLine = (frame: string) => frame.split('\n').find(line => line.includes(' marked ('))!;
const timelineLine = (frame: string) => frame.split('\n').find(line => line.startsWith('Ingest '))!;

describe('a result the limit cut, in the browser', () => {
	it('says so in the status line, marks the unfetched span on the timeline, and F fetches the rest', async () => {
		const {app, queries} = mount(100);
		try {
			let frame = await waitFor(app.lastFrame, text => text.includes('the limit cut the newest'), 15_000);
			const cut = /(\d+) of (about )?([\d,]+) files: the limit cut the newest \(F fetches the rest\)/.exec(statusLine(frame));
			expect(cut, statusLine(frame)).not.toBeNull();
			expect(cut![1]).toBe('100');
			// The week's last days hold files; they were not fetched, so they are not drawn as empty.
			expect(timelineLine(frame)).toMatch(/^Ingest [·▁▂▃▄▅▆▇█]+░+ .*░ not fetched \(limit\)/);
			// It stays: moving and marking do not clear it.
			app.stdin.write('j');
			app.stdin.write(' ');
			await tick();
			expect(statusLine(plain(app.lastFrame()))).toContain('the limit cut the newest (F fetches the rest)');

			app.stdin.write('F');
			frame = await waitFor(app.lastFrame, text => /^\d+ files · 1 marked/m.test(statusLine(text) ?? ''), 15_000);
			// Asked again with a limit that holds the service's total (rounded up), the same window.
			expect(queries).toEqual([100, roundLimitUp(Number(cut![3]!.replaceAll(',', '')))]);
			expect(Number(/^(\d+) files/.exec(statusLine(frame))![1])).toBeGreaterThan(100);
			expect(timelineLine(frame)).not.toContain('░');
		} finally {
			app.unmount();
		}
	});

	it('says nothing of the kind when the limit holds every file', async () => {
		const {app} = mount(50_000);
		try {
			const frame = await waitFor(app.lastFrame, text => /^\d+ files · /m.test(statusLine(text) ?? ''), 15_000);
			expect(frame).not.toMatch(/limit cut|not fetched|F fetches/);
		} finally {
			app.unmount();
		}
	});
});

describe('F on a result that is not cut by the limit', () => {
	it('runs nothing, and says why', () => {
		const complete = press(loadedState(10), 'F');
		expect(complete.message?.text).toBe('Nothing more to fetch: the result is complete');
		let state = initialState({hasToken: true, width: 80, height: 24, now: NOW});
		state = apply(state, {type: 'run-query', now: NOW.toISOString()});
		const id = state.search.id;
		state = apply(
			state,
			{type: 'search-page', id, page: {...page(makeRecords(5), 5, 9, true), cut: {by: 'service', known: true, total: 9}}},
			{type: 'search-done', id, at: NOW.toISOString()},
		);
		const short = press(state, 'F');
		expect(short.message?.text).toBe('The service sent fewer files than it reported: r runs the query again');
		expect(short.search.id).toBe(id);
	});
});
