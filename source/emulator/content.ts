/**
 * File content, generated on the fly: deterministic per (seed, name), never held whole
 * in memory, and fast (a block copy plus 64 word XORs per 64 KiB).
 *
 * Each file has a 64 KiB pseudo-random base block. Block i of the file is that base with
 * one 32-bit word in every 256 bytes XOR'd with a mix of i, so every block differs and a
 * byte out of place anywhere changes the hash. An optional header (RITA's ASDF magic)
 * overlays the first bytes.
 */
import {createHash, type Hash} from 'node:crypto';
import {hash32} from './rng.js';

export interface ContentSource {
	seed: number;
	name: string;
	size: number;
	/** Bytes that replace the start of the file (e.g. an ASDF header). */
	header?: string;
}

export const BLOCK = 65_536;
const WORDS = BLOCK / 4;
const STRIDE_WORDS = 64; // one mixed word every 256 bytes

const baseCache = new Map<string, Uint32Array>();
const BASE_CACHE_MAX = 256;

/** The base block, or (for files under 64 KiB) just its first `words` words: the sequence is the same. */
function baseBlock(seed: number, name: string, words = WORDS): Uint32Array {
	const key = `${seed}\u0000${name}`;
	let base = baseCache.get(key);
	if (base && base.length >= words) return base;
	base = new Uint32Array(words);
	// xorshift32 seeded from the name: quick and good enough for filler bytes.
	let x = hash32(key) || 0x9e3779b9;
	for (let i = 0; i < words; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		base[i] = x >>> 0;
	}
	if (baseCache.size >= BASE_CACHE_MAX) baseCache.delete(baseCache.keys().next().value as string);
	baseCache.set(key, base);
	return base;
}

/** Writes block `index` of the file into `out` (BLOCK bytes, 4-aligned offset). */
function writeBlock(base: Uint32Array, index: number, out: Uint32Array, wordOffset: number): void {
	const words = Math.min(base.length, WORDS);
	out.set(words === base.length ? base : base.subarray(0, words), wordOffset);
	const mix = Math.imul(index + 1, 0x9e3779b1) >>> 0;
	for (let k = 0; k < words; k += STRIDE_WORDS) {
		out[wordOffset + k] ^= (mix + Math.imul(k, 0x85ebca6b)) >>> 0;
	}
}

const scratch = new Uint32Array(WORDS);
const scratchBytes = Buffer.from(scratch.buffer, scratch.byteOffset, BLOCK);

/** Copies bytes [start, start + length) of the file into target at targetOffset. */
export function fillContent(source: ContentSource, start: number, target: Buffer, targetOffset: number, length: number): void {
	if (start < 0 || length < 0 || start + length > source.size) throw new RangeError(`bytes ${start}+${length} are outside a ${source.size}-byte file`);
	const base = baseBlock(source.seed, source.name, Math.min(WORDS, Math.ceil(source.size / 4)));
	let pos = start;
	let written = 0;
	while (written < length) {
		const index = Math.floor(pos / BLOCK);
		const within = pos - index * BLOCK;
		const n = Math.min(BLOCK - within, length - written);
		const dest = targetOffset + written;
		if (within === 0 && n === BLOCK && base.length === WORDS && (target.byteOffset + dest) % 4 === 0) {
			writeBlock(base, index, new Uint32Array(target.buffer, target.byteOffset + dest, WORDS), 0);
		} else {
			writeBlock(base, index, scratch, 0);
			scratchBytes.copy(target, dest, within, within + n);
		}
		pos += n;
		written += n;
	}
	if (source.header && start < source.header.length) {
		const header = Buffer.from(source.header, 'latin1');
		const end = Math.min(header.length, start + length);
		header.copy(target, targetOffset, start, end);
	}
}

/** Bytes [start, end) of the file (end exclusive). */
export function productChunk(source: ContentSource, start: number, end: number): Buffer {
	const out = Buffer.allocUnsafe(end - start);
	fillContent(source, start, out, 0, end - start);
	return out;
}

/** Fresh buffers of up to chunkSize bytes covering [start, end); each may be handed to a socket. */
export function* productChunks(source: ContentSource, start: number, end: number, chunkSize = 4 * BLOCK): Generator<Buffer> {
	let pos = start;
	while (pos < end) {
		// Align chunk ends to block boundaries so later chunks take the fast whole-block path.
		const next = Math.min(end, (Math.floor(pos / BLOCK) + chunkSize / BLOCK) * BLOCK);
		yield productChunk(source, pos, next);
		pos = next;
	}
}

const HASH_SLICE = 1 << 20;

function hashSync(source: ContentSource, hash: Hash): string {
	const buf = Buffer.allocUnsafe(Math.min(HASH_SLICE, source.size));
	for (let pos = 0; pos < source.size; pos += HASH_SLICE) {
		const n = Math.min(HASH_SLICE, source.size - pos);
		fillContent(source, pos, buf, 0, n);
		hash.update(n === HASH_SLICE ? buf : buf.subarray(0, n));
	}
	return hash.digest('hex');
}

async function hashAsync(source: ContentSource, hash: Hash): Promise<string> {
	if (source.size <= HASH_SLICE) return hashSync(source, hash);
	const buf = Buffer.allocUnsafe(HASH_SLICE);
	for (let pos = 0; pos < source.size; pos += HASH_SLICE) {
		const n = Math.min(HASH_SLICE, source.size - pos);
		fillContent(source, pos, buf, 0, n);
		hash.update(n === HASH_SLICE ? buf : buf.subarray(0, n));
		// Let the server answer other requests while a big file is hashed.
		if (pos % (32 * HASH_SLICE) === 0 && pos > 0) await new Promise(resolve => setImmediate(resolve));
	}
	return hash.digest('hex');
}

export function md5Sync(source: ContentSource): string {
	return hashSync(source, createHash('md5'));
}

export function md5Of(source: ContentSource): Promise<string> {
	return hashAsync(source, createHash('md5'));
}

export function sha256Of(source: ContentSource): Promise<string> {
	return hashAsync(source, createHash('sha256'));
}
