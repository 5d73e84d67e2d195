/**
 * The journal is all `cassi resume` and the browser know about a queue: a field lost between
 * writing and loading it changes what a resume does (without `checksum`, wrong bytes of the
 * right size would pass as COMPLETE). So every field of every entry must come back.
 */
import fc from 'fast-check';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadJournal, writeJournal, type Journal, type JournalEntry} from '../../source/cassi/download/journal.js';
import {FILE_STATES, type Manifest} from '../../source/cassi/download/types.js';
import {tempFolder, type TempFolder} from './helpers.js';

const text = fc.string({unit: 'binary', maxLength: 40});

// One arbitrary per field of JournalEntry: a field added to the type without one here fails
// the typecheck, so a new field cannot be forgotten by this test (or silently by the loader).
const entryFields = {
	name: text,
	productUrl: text,
	size: fc.nat(),
	checksum: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.stringMatching(/^[0-9a-f]{64}$/), text),
	fileType: text,
	ingest: text,
	state: fc.constantFrom(...FILE_STATES),
	bytes: fc.nat(),
	etag: text,
	message: text,
	attempts: fc.nat({max: 100}),
} satisfies {[K in keyof Required<JournalEntry>]: fc.Arbitrary<Required<JournalEntry>[K]>};

const entry: fc.Arbitrary<JournalEntry> = fc.record(entryFields, {requiredKeys: ['name', 'state', 'bytes', 'attempts']});

const manifest: fc.Arbitrary<Manifest> = fc.record({
	folder: text,
	files: fc.array(
		fc.record({
			name: text,
			path: fc.option(text, {nil: null}),
			status: fc.constantFrom('COMPLETE', 'SKIPPED', 'FAILED', 'INCOMPLETE'),
			bytes: fc.nat(),
			seconds: fc.nat(),
			message: text,
		}),
		{maxLength: 3},
	),
	totals: fc.record({files: fc.nat(), complete: fc.nat(), skipped: fc.nat(), failed: fc.nat(), incomplete: fc.nat(), bytes: fc.nat(), seconds: fc.nat()}),
});

const journal: fc.Arbitrary<Journal> = fc.record(
	{
		version: fc.constant(1),
		apiUrl: text,
		demo: fc.constant(true),
		updatedAt: fc.date({noInvalidDate: true}).map(date => date.toISOString()),
		items: fc.array(entry, {maxLength: 8}),
		manifest,
	},
	{requiredKeys: ['version', 'updatedAt', 'items']},
);

let folder: TempFolder;
beforeEach(async () => {
	folder = await tempFolder();
});
afterEach(async () => {
	try {
		expect(await folder.strays()).toEqual([]);
	} finally {
		await folder.cleanup();
	}
});

describe('journal round trip', () => {
	it('loads back every field of every entry it wrote', async () => {
		await fc.assert(
			fc.asyncProperty(journal, async written => {
				await writeJournal(folder.path, written);
				const loaded = await loadJournal(folder.path);
				// `demo` is only written when true; absent reads as false.
				expect(loaded).toEqual({...written, demo: written.demo === true});
				expect(loaded!.items).toHaveLength(written.items.length);
				for (const [index, item] of written.items.entries()) {
					for (const [field, value] of Object.entries(item)) expect(loaded!.items[index], `items[${index}].${field}`).toHaveProperty([field], value);
				}
			}),
			{numRuns: 150},
		);
	});
});
