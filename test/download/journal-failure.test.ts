/**
 * `cassi resume` depends on the journal: when it cannot be written the queue stops with a clear
 * error instead of downloading on with nothing recorded.
 */
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const NAME = 'CGI_00061001';
const SIZE = 2_000_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: NAME, size: SIZE}], (f, d) => {
	fixture = f;
	folder = d;
});

/** A directory (holding a file) where the journal goes: no rename can replace it. */
async function blockJournal(): Promise<void> {
	await rm(join(folder.path, '.cassi-journal.json'), {force: true});
	await mkdir(join(folder.path, '.cassi-journal.json'));
	await writeFile(join(folder.path, '.cassi-journal.json', 'x'), 'x');
}

describe('a journal that cannot be written', () => {
	it('refuses to start the queue, saying so in one line', async () => {
		await blockJournal();
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(NAME)]);
		await expect(engine.start()).rejects.toThrow(/^the download journal cannot be written \(.+\): downloads stopped, partial files kept; fix the folder, then run `cassi resume /);
		expect(fixture.downloads()).toHaveLength(0);
		await engine.close();
	});

	it('stops a running queue with the reason, leaving the file incomplete and resumable', async () => {
		fixture.emulator.setFaults({download: [{bytesPerSecond: 400_000}]});
		const engine = fixture.engine(folder.path);
		const stopped: string[] = [];
		engine.on('stopped', reason => stopped.push(reason));
		engine.add([fixture.item(NAME)]);
		await engine.start();
		await blockJournal();
		// The next state change writes the journal: a pause does it at once.
		engine.pause(NAME);
		engine.resume(NAME);
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(stopped).toHaveLength(1);
		expect(stopped[0]).toMatch(/^the download journal cannot be written/);
		expect(engine.stoppedBy?.message).toBe(stopped[0]);
		expect(manifest.files[0]!.status).toBe('INCOMPLETE');
	});
});
