import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {BLOCK, md5Of, md5Sync, productChunk, productChunks, sha256Of} from '../../source/emulator/content.js';

const file = {seed: 1, name: 'CGI_00011850', size: 3 * BLOCK + 1234};

describe('generated content', () => {
	it('is the same bytes however it is sliced', () => {
		const whole = productChunk(file, 0, file.size);
		expect(whole).toHaveLength(file.size);
		expect(Buffer.concat([...productChunks(file, 0, file.size, BLOCK)]).equals(whole)).toBe(true);
		expect(productChunk(file, 1000, 70_000).equals(whole.subarray(1000, 70_000))).toBe(true);
		expect(Buffer.concat([...productChunks(file, 65_535, 131_073)]).equals(whole.subarray(65_535, 131_073))).toBe(true);
	});

	it('differs from block to block, between names and between seeds', () => {
		const whole = productChunk(file, 0, 2 * BLOCK);
		expect(whole.subarray(0, BLOCK).equals(whole.subarray(BLOCK))).toBe(false);
		expect(productChunk({...file, name: 'CGI_00011851'}, 0, 4096)).not.toEqual(whole.subarray(0, 4096));
		expect(productChunk({...file, seed: 2}, 0, 4096)).not.toEqual(whole.subarray(0, 4096));
	});

	it('is the same for a small file as the start of a big one of the same name', () => {
		const small = {...file, size: 100};
		expect(productChunk(small, 0, 100)).toEqual(productChunk(file, 0, 100));
	});

	it('hashes to the MD5 and SHA-256 of its bytes', async () => {
		const whole = productChunk(file, 0, file.size);
		expect(await md5Of(file)).toBe(createHash('md5').update(whole).digest('hex'));
		expect(md5Sync(file)).toBe(createHash('md5').update(whole).digest('hex'));
		expect(await sha256Of(file)).toBe(createHash('sha256').update(whole).digest('hex'));
		expect(await md5Of({...file, size: 0})).toBe(createHash('md5').digest('hex'));
	});

	it('puts a header over the first bytes when asked', () => {
		const asdf = {...file, header: '#ASDF 1.0.0\n'};
		expect(productChunk(asdf, 0, 12).toString('latin1')).toBe('#ASDF 1.0.0\n');
		expect(productChunk(asdf, 12, 100)).toEqual(productChunk(file, 12, 100));
	});

	it('refuses bytes outside the file', () => {
		expect(() => productChunk(file, 0, file.size + 1)).toThrow(RangeError);
	});
});
