/** Checksums as files stream: a large file's are made on the hashing thread, the same as in place. */
import {createHash} from 'node:crypto';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import {hashPrefix, newStreamHash} from '../../source/cassi/download/stream-hash.js';
import {tempFolder} from './helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const MD5 = {algorithm: 'md5' as const, hex: ''};
const bytes = Buffer.from(Array.from({length: 3_000_001}, (_, index) => (index * 7919) % 251));
const expected = createHash('md5').update(bytes).digest('hex');

describe('stream hashes', () => {
	it('on the thread or in place, any chunking gives the same digest', async () => {
		for (const onWorkerFrom of [0, Number.POSITIVE_INFINITY]) {
			const hash = newStreamHash(MD5, bytes.length, onWorkerFrom)!;
			for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 3 + 1) % 200_000) {
				hash.update(bytes.subarray(at, at + size));
				await hash.room();
			}
			expect(await hash.digest()).toBe(expected);
		}
	});

	it('hashes a part already on disk, then goes on with the rest (a resume)', async () => {
		const folder = await tempFolder();
		try {
			const part = join(folder.path, 'x.part');
			await writeFile(part, bytes.subarray(0, 1_234_567));
			const hash = newStreamHash(MD5, bytes.length, 0)!;
			await hashPrefix(part, 1_234_567, hash);
			hash.update(bytes.subarray(1_234_567));
			expect(await hash.digest()).toBe(expected);
		} finally {
			await folder.cleanup();
		}
	});
});

const NAME = 'CGI_00070002';
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: NAME, size: 3_000_000}], (f, d) => {
	fixture = f;
	folder = d;
});

describe('downloads hashed on the thread', () => {
	it('verify a file cut halfway and resumed, and refuse one with a wrong byte', async () => {
		fixture.emulator.setFaults({download: [{times: 1, cutAfterBytes: 1_500_000}]});
		const engine: DownloadEngine = fixture.engine(folder.path, {hashOnWorkerFrom: 0});
		engine.add([fixture.item(NAME)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE'});
		expect(fixture.downloads(NAME).map(entry => entry.range)).toEqual([undefined, 'bytes=1500000-']);

		fixture.emulator.setFaults({download: [{corruptByteAt: 2_000_000}]});
		const again = fixture.engine(folder.path, {hashOnWorkerFrom: 0, overwrite: true});
		again.add([fixture.item(NAME)]);
		await again.start();
		const refused = await again.whenIdle();
		await again.close();
		expect(refused.files[0]).toMatchObject({status: 'FAILED'});
		expect(refused.files[0]!.message).toMatch(/checksum mismatch/);
	});
});
