import {resolve} from 'node:path';
import {EventEmitter} from 'node:events';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {initialState} from '../../source/state/initial.js';
import {CassiApp} from '../../source/ui/root.js';
import type {QueueEngine} from '../../source/ui/services.js';
import {KEY_BYTES, makeRecords, NOW} from '../state/fixtures.js';
import {fakeServices} from './fake-services.js';
import {plain, tick, waitFor} from './render.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function mount(fake: ReturnType<typeof fakeServices>, options: {hasToken?: boolean; token?: string; autoRun?: boolean; initialQuery?: object; engine?: QueueEngine; demo?: boolean} = {}) {
	const initial = initialState({hasToken: options.hasToken ?? true, width: 100, height: 24, initialQuery: options.initialQuery, demo: options.demo});
	const app = render(
		<CassiApp
			initial={initial}
			services={fake.services}
			connection={{apiUrl: 'http://127.0.0.1:9', token: options.token ?? 'good'}}
			autoRun={options.autoRun}
			initialEngine={options.engine}
		/>,
	);
	unmount = app.unmount;
	return app;
}

async function keys(app: ReturnType<typeof render>, ...names: string[]) {
	for (const name of names) {
		const bytes = KEY_BYTES[name] ?? name;
		for (const data of KEY_BYTES[name] ? [bytes] : [...bytes]) {
			app.stdin.write(data);
			await tick(5);
		}
	}
	await tick();
}

describe('the browser with its effects', () => {
	it('runs the prefilled query at once, then counts, marks, detail, help and quit', async () => {
		const fake = fakeServices({records: makeRecords(39), pageSize: 10});
		const app = mount(fake, {autoRun: true, initialQuery: {ingestStart: '2025-10-04', ingestEnd: '2025-10-04'}});
		const screen = await waitFor(app.lastFrame, frame => frame.includes('39 files'));
		expect(fake.queries[0]).toMatchObject({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59'});
		expect(screen).toMatch(/Query: ingest 2025-10-04 00:00:00 → 2025-10-04 23:59:59/);
		expect(screen).toMatch(/All types\s+39/);
		await tick();
		// Each step waits for its frame: on a busy machine a frame can lag the key by more than a tick.
		await keys(app, 'Space', 'Space', 'Space');
		await waitFor(app.lastFrame, frame => frame.includes('3 marked (6 MB)'));
		await keys(app, 'Enter');
		await waitFor(app.lastFrame, frame => frame.includes('Detail: FILE_00000003'));
		await keys(app, 'Escape', '?');
		await waitFor(app.lastFrame, frame => frame.includes('Keys — Esc, q or ? closes this help'));
		await keys(app, 'Escape', 'q');
		await waitFor(app.lastFrame, () => fake.exits.length > 0);
		expect(fake.exits).toEqual([0]);
	});

	it('types a filter fast, without waiting for frames between keys', async () => {
		const fake = fakeServices({records: makeRecords(40)});
		const app = mount(fake, {autoRun: true});
		await waitFor(app.lastFrame, frame => frame.includes('40 files'));
		app.stdin.write('/');
		app.stdin.write('0');
		app.stdin.write('0');
		app.stdin.write('3');
		app.stdin.write('9');
		app.stdin.write('\r');
		const frame = await waitFor(app.lastFrame, text => text.includes('showing 1:'));
		expect(frame).toContain('FILE_00000039');
	});

	it('after Y, L starts at yesterday 23:59:59 — the end of what was seen, kept for this API URL', async () => {
		const fake = fakeServices({records: makeRecords(5)});
		const app = mount(fake);
		await tick();
		await keys(app, 'Y');
		await waitFor(app.lastFrame, frame => frame.includes('5 files'));
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		expect(fake.store.data.get('lastChecks')).toEqual({'http://127.0.0.1:9/': `${yesterday}T23:59:59`});
		expect(fake.store.data.get('queryHistory')).toHaveLength(1);
		await keys(app, 'L');
		// Y's one-day query also fetched its baseline days in the background: L's query is the one with no end.
		await waitFor(app.lastFrame, () => fake.queries.some(query => query.ingestEnd === undefined));
		expect(fake.queries.filter(query => query.ingestEnd === undefined)).toEqual([expect.objectContaining({ingestStart: `${yesterday}T23:59:59`})]);
	});

	it('never moves "since last check" back for an older query, nor for a filtered or cut one', async () => {
		const fake = fakeServices({records: makeRecords(5)});
		fake.store.data.set('lastChecks', {'http://127.0.0.1:9/': '2025-10-05T06:00:00'});
		const app = mount(fake, {autoRun: true, initialQuery: {ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59'}});
		await waitFor(app.lastFrame, frame => frame.includes('5 files'));
		expect(fake.store.data.get('lastChecks')).toEqual({'http://127.0.0.1:9/': '2025-10-05T06:00:00'});
	});

	it('says on the status line that the service keeps it waiting, with each retry, until the answer comes', async () => {
		let answer!: () => void;
		const fake = fakeServices({
			records: makeRecords(5),
			waits: [
				{kind: 'waiting', origin: 'https://mast.example', attempt: 1, attempts: 5, waitedMs: 5000, timeoutMs: 120_000},
				{kind: 'retry', attempt: 2, attempts: 5, waitMs: 1200, reason: 'https://mast.example did not answer within 120 s: try again later'},
			],
			answer: new Promise<void>(resolve => (answer = resolve)),
		});
		const app = mount(fake);
		await tick();
		await keys(app, 'Y');
		const frame = await waitFor(app.lastFrame, text => text.includes('retrying in'));
		expect(frame).toContain('retrying in 1.2 s (attempt 2 of 5): https://mast.example did not answer');
		answer();
		const done = await waitFor(app.lastFrame, text => text.includes('5 files'));
		expect(done).not.toContain('retrying in');
	});

	it('leaves "since last check" alone for a query on the demo archive', async () => {
		const fake = fakeServices({records: makeRecords(5)});
		const app = mount(fake, {demo: true});
		await tick();
		await keys(app, 'Y');
		await waitFor(app.lastFrame, frame => frame.includes('5 files'));
		expect(fake.store.data.get('lastChecks')).toBeUndefined();
		expect(fake.store.data.get('lastCheck')).toBeUndefined();
	});

	it('a 401 brings the token screen; a good token saves, resumes the search and keeps marks', async () => {
		const fake = fakeServices({records: makeRecords(12), validToken: 'good'});
		const app = mount(fake, {token: 'expired'});
		await tick();
		await keys(app, 'Y');
		let frame = await waitFor(app.lastFrame, text => text.includes('Paste your MAST token'));
		expect(frame).toMatch(/rejected/);
		await keys(app, 'wrong', 'Enter');
		frame = await waitFor(app.lastFrame, text => text.includes('The service rejected this token'));
		await keys(app, 'Ctrl+U');
		for (let index = 0; index < 5; index++) await keys(app, 'Backspace');
		await keys(app, 'good', 'Enter');
		frame = await waitFor(app.lastFrame, text => text.includes('12 files'));
		expect(fake.store.data.get('token')).toBe('good');
		await keys(app, 'Space');
		expect(plain(app.lastFrame())).toContain('1 marked');
	});

	it('exports the marked rows as CSV to the named file', async () => {
		const fake = fakeServices({records: makeRecords(4)});
		const app = mount(fake, {autoRun: true});
		await waitFor(app.lastFrame, text => text.includes('4 files'));
		await keys(app, 'Space', 'Space', 'o');
		for (let index = 0; index < 'cassi-results.csv'.length; index++) await keys(app, 'Backspace');
		await keys(app, 'out.csv', 'Enter');
		await waitFor(app.lastFrame, text => text.includes('Wrote 2 rows to out.csv'));
		const csv = fake.written.get('out.csv')!.trim().split('\n');
		expect(csv[0]).toBe('archiveFileName,fileType,ingestCompletionDate,startTime,endTime,size,checksum,productUrl');
		expect(csv.slice(1).map(line => line.split(',')[0])).toEqual(['FILE_00000000', 'FILE_00000001']);
		expect(csv[1]).toContain('"Science CGI Level 0"');
	});

	it('asks before an export replaces a file that is there, and leaves it alone on n', async () => {
		const fake = fakeServices({records: makeRecords(4)});
		fake.written.set('cassi-results.csv', 'kept\n');
		const app = mount(fake, {autoRun: true});
		await waitFor(app.lastFrame, text => text.includes('4 files'));
		await keys(app, 'Space', 'o', 'Enter');
		await waitFor(app.lastFrame, text => text.includes('cassi-results.csv exists: replace it? (y/n)'));
		await keys(app, 'n');
		await waitFor(app.lastFrame, text => text.includes('Not written: cassi-results.csv is left as it was'));
		expect(fake.written.get('cassi-results.csv')).toBe('kept\n');
		await keys(app, 'o', 'Enter');
		await waitFor(app.lastFrame, text => text.includes('replace it? (y/n)'));
		await keys(app, 'y');
		await waitFor(app.lastFrame, text => text.includes('Wrote 1 rows to cassi-results.csv'));
		expect(fake.written.get('cassi-results.csv')).toContain('FILE_00000000');
	});

	it('d queues the marked files in the engine and shows the queue', async () => {
		const added: string[][] = [];
		const engine = Object.assign(new EventEmitter(), {
			add: (items: Array<{name: string}>) => void added.push(items.map(item => item.name)),
			start: async () => {},
			pause() {},
			resume() {},
			cancel() {},
			retryFailed() {},
			remove() {},
			setToken() {},
			close: async () => {},
			snapshot: () => ({
				files: added.flat().map(name => ({name, state: 'queued' as const, bytes: 0, total: 1_000_000, rate: 0, attempts: 0})),
				totals: {files: added.flat().length, byState: {queued: added.flat().length, downloading: 0, retrying: 0, verifying: 0, done: 0, skipped: 0, failed: 0, paused: 0, cancelled: 0}, bytesDone: 0, bytesTotal: 1_000_000 * added.flat().length, rate: 0, paused: false},
			}),
		}) as unknown as QueueEngine;
		const fake = fakeServices({records: makeRecords(6), engine});
		const app = mount(fake, {autoRun: true});
		await waitFor(app.lastFrame, text => text.includes('6 files'));
		await keys(app, 'Space', 'Space', 'd');
		await waitFor(app.lastFrame, text => text.includes('Download 2 marked files (3 MB) into cassi-data · 5 GB free? (y/n)'));
		await keys(app, 'y');
		const frame = await waitFor(app.lastFrame, text => text.includes('Queue: 0 of 2 done'));
		expect(added).toEqual([['FILE_00000000', 'FILE_00000001']]);
		// The folder is remembered (absolute) for the next session's question.
		await waitFor(app.lastFrame, () => fake.store.data.get('lastFolder') !== undefined);
		expect(fake.store.data.get('lastFolder')).toBe(resolve('cassi-data'));
		expect(frame).toMatch(/FILE_00000000 .* queued/);
		// Quitting now asks first, because files are queued.
		await keys(app, 'q');
		expect(plain(app.lastFrame())).toContain('Downloads are running. Quit anyway?');
		await keys(app, 'y');
		expect(fake.exits).toEqual([0]);
	});

	it('the demo archive opens from the welcome screen', async () => {
		const fake = fakeServices({records: makeRecords(3)});
		const initial = initialState({hasToken: false, firstRun: true, width: 100, height: 24, now: NOW});
		const app = render(<CassiApp initial={initial} services={fake.services} connection={{apiUrl: 'http://127.0.0.1:9'}} />);
		unmount = app.unmount;
		await tick();
		expect(plain(app.lastFrame())).toContain('Welcome to cassi');
		await keys(app, 'D');
		await waitFor(app.lastFrame, text => text.includes('Demo archive open'));
		await keys(app, 'Y');
		await waitFor(app.lastFrame, text => text.includes('3 files') && text.includes('DEMO'));
	});
});
