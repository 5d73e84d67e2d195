/** Quitting right after `d`: a close() that arrives while the queue is still starting waits for it, so the journal `cassi resume` needs is on disk. */
import {stat} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadJournal} from '../../source/cassi/download/journal.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const NAME = 'CGI_00062001';
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: NAME, size: 500_000}], (f, d) => {
	fixture = f;
	folder = d;
});

describe('closing a queue that is still starting', () => {
	it('leaves the journal, the file INCOMPLETE and resumable, and the folder free', async () => {
		const engine = fixture.engine(folder.path);
		engine.add([fixture.item(NAME)]);
		const started = engine.start();
		await engine.close();
		await started;
		expect(engine.hasJournal()).toBe(true);
		const journal = await loadJournal(folder.path);
		expect(journal?.items.map(item => [item.name, item.state])).toEqual([[NAME, 'queued']]);
		expect(engine.manifest().files[0]!.status).toBe('INCOMPLETE');
		await expect(stat(join(folder.path, '.cassi.lock'))).rejects.toThrow();
	});
});
