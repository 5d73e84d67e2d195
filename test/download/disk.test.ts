/** The local disk's side: free space checked first, and errors retrying cannot fix fail at once. */
import {openSync, writeSync, closeSync} from 'node:fs';
import {readdir, stat, statfs, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {freeBytes} from '../../source/cassi/download/disk.js';
import {productChunk} from '../../source/emulator/index.js';
import {leftovers, sha256File} from './helpers.js';
import {perTestFixture, type Fixture, type TempFolder} from './emulator-fixture.js';

const NAME = 'CGI_00070001';
const SIZE = 3_000_000;
let fixture: Fixture;
let folder: TempFolder;
perTestFixture([{name: NAME, size: SIZE}], (f, d) => {
	fixture = f;
	folder = d;
});

function fsError(code: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: simulated`), {code});
}

/** A part writer that really writes, until the "disk" is full after `capacity` bytes. */
function fullDiskAfter(capacity: number, code = 'ENOSPC') {
	return (path: string, options: {flags: string}) => {
		const fd = openSync(path, options.flags);
		let written = 0;
		return new Writable({
			write(chunk: Buffer, _encoding, callback) {
				const room = Math.max(0, capacity - written);
				if (room > 0) written += writeSync(fd, chunk, 0, Math.min(room, chunk.length));
				callback(chunk.length > room ? fsError(code) : null);
			},
			destroy(error, callback) {
				closeSync(fd);
				callback(error);
			},
			final(callback) {
				callback();
			},
		});
	};
}

describe('disk', () => {
	it('refuses to start when the queue does not fit, with numbers', async () => {
		const engine = fixture.engine(folder.path, {statfs: async () => ({bavail: 1000, bsize: 1024})});
		engine.add([fixture.item(NAME)]);
		await expect(engine.start()).rejects.toThrow(`not enough disk space: needs 3 MB, 1.02 MB free on ${folder.path}`);
		expect(fixture.downloads()).toHaveLength(0);
		expect(await readdir(folder.path)).toEqual([]);
	});

	it('counts only what is left to fetch when a part is already there', async () => {
		await writeFile(join(folder.path, `${NAME}.part`), productChunk(fixture.source(NAME), 0, 2_500_000));
		const engine = fixture.engine(folder.path, {statfs: async () => ({bavail: 1000, bsize: 1024})});
		engine.add([fixture.item(NAME)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(await sha256File(join(folder.path, NAME))).toBe(await fixture.sha256(NAME));
	});

	it('fails at once on ENOSPC without a retry loop, keeping the part for a later resume', async () => {
		const engine = fixture.engine(folder.path, {createWriteStream: fullDiskAfter(1_000_000)});
		engine.add([fixture.item(NAME)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toBe(`cannot write ${join(folder.path, NAME)}.part: no space left on the device (ENOSPC)`);
		expect(fixture.downloads()).toHaveLength(1);
		expect((await stat(join(folder.path, `${NAME}.part`))).size).toBe(1_000_000);
		expect(await readdir(folder.path)).not.toContain(NAME);

		// Space freed: the next run continues from the part.
		const again = fixture.engine(folder.path);
		again.add([fixture.item(NAME)]);
		await again.start();
		expect((await again.whenIdle()).files[0]!.status).toBe('COMPLETE');
		await again.close();
		expect(fixture.downloads().at(-1)!.range).toBe('bytes=1000000-');
		expect(await sha256File(join(folder.path, NAME))).toBe(await fixture.sha256(NAME));
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it.each([
		['EACCES', 'permission denied'],
		['EROFS', 'the file system is read-only'],
	])('fails at once on %s with one clear line', async (code, words) => {
		fixture.allowPart(NAME);
		const engine = fixture.engine(folder.path, {createWriteStream: fullDiskAfter(0, code)});
		engine.add([fixture.item(NAME)]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]!.message).toBe(`cannot write ${join(folder.path, NAME)}.part: ${words} (${code})`);
		expect(fixture.downloads()).toHaveLength(1);
	});

	it('a folder it cannot create is one line in words (a name too long was an unexpected error)', async () => {
		const tooLong = join(folder.path, 'x'.repeat(300));
		const engine = fixture.engine(tooLong);
		engine.add([fixture.item(NAME)]);
		await expect(engine.start()).rejects.toMatchObject({kind: 'disk', message: `cannot write ${tooLong}: the name is too long (ENAMETOOLONG)`});
		await engine.close();
	});

	it('never renames a part whose size on disk differs from what streamed, even with no checksum to check', async () => {
		// A writer that lands every chunk twice stands for a stray write from an earlier attempt.
		const doubling = (path: string, options: {flags: string}) => {
			const fd = openSync(path, options.flags);
			return new Writable({
				write(chunk: Buffer, _encoding, callback) {
					writeSync(fd, chunk);
					writeSync(fd, chunk);
					callback();
				},
				destroy(error, callback) {
					closeSync(fd);
					callback(error);
				},
			});
		};
		const engine = fixture.engine(folder.path, {createWriteStream: doubling});
		engine.add([fixture.item(NAME, {checksum: undefined})]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files[0]).toMatchObject({status: 'FAILED'});
		expect(manifest.files[0]!.message).toMatch(/^corrupted: size mismatch on disk/);
		expect(await readdir(folder.path)).not.toContain(NAME);
	});

	it('reports free space for a folder not made yet (from its nearest parent)', async () => {
		const asked: string[] = [];
		const free = await freeBytes(join(folder.path, 'not', 'yet'), async path => {
			asked.push(path);
			return statfs(path);
		});
		expect(free).toBeGreaterThan(0);
		expect(asked).toEqual([join(folder.path, 'not', 'yet'), join(folder.path, 'not'), folder.path]);
	});

	it('says so when the folder is a file', async () => {
		const file = join(folder.path, 'a-file');
		await writeFile(file, 'x');
		const engine = fixture.engine(file);
		await expect(engine.start()).rejects.toThrow(`${file} is a file, not a folder: choose another with --folder`);
	});

	it('says so when the folder cannot be made', async () => {
		await writeFile(join(folder.path, 'a-file'), 'x');
		const engine = fixture.engine(join(folder.path, 'a-file', 'sub'));
		engine.add([fixture.item(NAME)]);
		await expect(engine.start()).rejects.toThrow(/a file is in the way of the folder \(ENOTDIR\)/);
	});
});
