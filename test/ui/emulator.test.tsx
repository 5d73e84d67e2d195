// The browser against the real client, download engine and the emulator on loopback.
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CassiClient} from '../../source/cassi/client.js';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {initialState} from '../../source/state/initial.js';
import {CassiApp} from '../../source/ui/root.js';
import type {Services} from '../../source/ui/services.js';
import {KEY_BYTES} from '../state/fixtures.js';
import {memoryStore} from './fake-services.js';
import {plain, tick, waitFor} from './render.js';

let emulator: Emulator;
let folder: string;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, quiet: true});
	folder = mkdtempSync(path.join(tmpdir(), 'cassi-tui-'));
});

afterAll(async () => {
	try {
		await emulator?.close();
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
});

describe('the browser on the emulator', () => {
	it("finds yesterday's ingest, filters to a type, downloads two marked files", async () => {
		const engines: DownloadEngine[] = [];
		const services: Services = {
			createClient: connection => new CassiClient({apiUrl: connection.apiUrl, token: connection.token}),
			createEngine: connection => {
				const engine = new DownloadEngine({apiUrl: connection.apiUrl, token: connection.token, folder: connection.folder, parallel: connection.parallel});
				engines.push(engine);
				return engine;
			},
			store: memoryStore(),
			writeFile: async () => {},
			folder,
			parallel: 2,
			exit() {},
		};
		const app = render(
			<CassiApp initial={initialState({hasToken: true, width: 100, height: 30})} services={services} connection={{apiUrl: emulator.url, token: emulator.token}} />,
		);
		try {
			await tick();
			app.stdin.write('Y');
			let frame = await waitFor(app.lastFrame, text => /\d+ files ·/.test(text) && !text.includes(' of '), 15_000);
			expect(frame).toMatch(/Query: ingest \d{4}-\d{2}-\d{2} 00:00:00 → \d{4}-\d{2}-\d{2} 23:59:59/);
			expect(frame).toMatch(/All types\s+\d+/);
			expect(frame).toMatch(/^Ingest [·▁▂▃▄▅▆▇█]+ /m);
			// Small files: the calibrated engineering data (kilobytes).
			app.stdin.write('/');
			await tick();
			for (const char of 'RST_CALENG') {
				app.stdin.write(char);
				await tick(5);
			}
			app.stdin.write('\r');
			await waitFor(app.lastFrame, text => /showing \d+: \/RST_CALENG/.test(text));
			app.stdin.write(' ');
			await tick();
			app.stdin.write(' ');
			await tick();
			frame = plain(app.lastFrame());
			expect(frame).toMatch(/2 marked \(/);
			app.stdin.write('d');
			await waitFor(app.lastFrame, text => text.includes('Download 2 marked files'));
			app.stdin.write('y');
			frame = await waitFor(app.lastFrame, text => text.includes('Queue: 2 of 2 done'), 20_000);
			expect(frame).toMatch(/RST_CALENG_\d+ .* done/);
			const files = readdirSync(folder).filter(name => name.startsWith('RST_CALENG_'));
			expect(files).toHaveLength(2);
			for (const file of files) expect(statSync(path.join(folder, file)).size).toBeGreaterThan(0);
			expect(readdirSync(folder).some(name => name.endsWith('.part'))).toBe(false);
			app.stdin.write(KEY_BYTES.Escape);
			await waitFor(app.lastFrame, text => text.includes('↓ 2/2'));
		} finally {
			app.unmount();
			for (const engine of engines) await engine.close();
		}
	});
});
