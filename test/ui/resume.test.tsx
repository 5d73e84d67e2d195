// A queue left by an earlier run comes back paused in the browser; p resumes it.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import {CassiClient} from '../../source/cassi/client.js';
import {itemFromRecord} from '../../source/cassi/download/engine.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {runTui} from '../../source/ui/run.js';
import {memoryStore} from './fake-services.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {tick} from './render.js';


let emulator: Emulator;
let folder: string;

beforeAll(async () => {
	// Slow enough that the first run cannot finish before it is stopped.
	emulator = await startEmulator({port: 0, quiet: true, bytesPerSecond: 200_000});
	folder = mkdtempSync(path.join(tmpdir(), 'cassi-resume-'));
});

afterAll(async () => {
	try {
		await emulator?.close();
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
});

async function until(stdout: FakeStdout, text: string, from = 0) {
	for (let index = 0; index < 500 && !stdout.output.slice(from).includes(text); index++) await tick(10);
	expect(stdout.output.slice(from)).toContain(text);
}

describe('resuming an earlier queue', () => {
	it('offers the unfinished files, paused, and p resumes them', async () => {
		const client = new CassiClient({apiUrl: emulator.url, token: emulator.token});
		const {records} = await client.search({fileNames: 'CGI_00011850', limit: 5});
		expect(records).toHaveLength(1);
		const first = new DownloadEngine({apiUrl: emulator.url, token: emulator.token, folder, parallel: 1});
		first.add(records.map(itemFromRecord));
		await first.start();
		// Stopped part-way: once some bytes are on disk, not after a guessed pause.
		for (let index = 0; index < 500 && (first.snapshot().files[0]?.bytes ?? 0) === 0; index++) await tick(10);
		expect(first.snapshot().files[0]?.bytes).toBeGreaterThan(0);
		await first.close();

		const stdin = new FakeStdin();
		const stdout = new FakeStdout(100, 24);
		const done = runTui({
			apiUrl: emulator.url,
			token: emulator.token,
			autoRun: false,
			demo: false,
			store: memoryStore(),
			folder,
			parallel: 1,
			stdin: stdin as unknown as NodeJS.ReadStream,
			stdout: stdout as unknown as NodeJS.WriteStream,
			patchConsole: false,
		});
		try {
			await until(stdout, 'unfinished downloads from an earlier run');
			stdin.write('\u001b');
			await tick();
			stdin.write('w');
			await until(stdout, 'paused (p resumes)');
			const mark = stdout.output.length;
			stdin.write('p');
			await until(stdout, 'downloading', mark);
		} finally {
			// Downloads are running: Ctrl-C asks, a second Ctrl-C quits; the part stays for next time (exit 130).
			stdin.write('\u0003');
			await tick();
			stdin.write('\u0003');
			expect(await done).toBe(130);
		}
	});
});
