/** `cassi sync` trusts what an earlier run finished only while the service still lists it unchanged. */
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadJournal} from '../../source/cassi/download/journal.js';
import {trustJournal} from '../../source/cassi/download/resume.js';
import {sha256File} from './helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const NAME = 'CGI_00081001';
const SIZE = 300_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: NAME, size: SIZE}], (f, d) => {
	fixture = f;
	folder = d;
});

async function downloadOnce() {
	const engine = fixture.engine(folder.path);
	engine.add([fixture.item(NAME)]);
	await engine.start();
	await engine.whenIdle();
	await engine.close();
	return (await loadJournal(folder.path))!;
}

async function rerun(journal: Awaited<ReturnType<typeof downloadOnce>>) {
	const engine = fixture.engine(folder.path);
	const items = [fixture.item(NAME)];
	engine.add(items);
	trustJournal(engine, journal, items);
	await engine.start();
	const manifest = await engine.whenIdle();
	await engine.close();
	return manifest.files[0]!;
}

describe('trusting an earlier run (cassi sync)', () => {
	it('skips a finished file the service lists unchanged, without reading it again', async () => {
		const journal = await downloadOnce();
		const before = fixture.downloads().length;
		const file = await rerun(journal);
		expect(file.status).toBe('SKIPPED');
		expect(file.message).toBe('completed in an earlier run');
		expect(fixture.downloads().length).toBe(before);
	});

	it('checks again, and fetches, a file whose listed checksum is not the one it was finished with', async () => {
		const journal = await downloadOnce();
		// The earlier run finished another version of the file (same size, other checksum) ...
		journal.items[0]!.checksum = 'f'.repeat(32);
		await writeFile(join(folder.path, NAME), Buffer.alloc(SIZE, 7));
		// ... so the listing's checksum is checked against the bytes there, and they are fetched again.
		const file = await rerun(journal);
		expect(file.status).toBe('COMPLETE');
		expect(await sha256File(join(folder.path, NAME))).toBe(await fixture.sha256(NAME));
	});
});
