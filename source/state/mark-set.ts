/**
 * The set of marked row ids, as a bitmap over small integer keys: marking all of 100,000 rows
 * copies 12.5 KB of bits instead of a 100,000-entry Set, and every change returns a new set
 * (the reducer stays pure: an old state's marks never change).
 *
 * Keys come from one interning table for the session: a row id gets the same key in every
 * search, so marks survive sorting, filtering and re-running the query. A row's id is its
 * de-duplication hash (compactId), so the table holds two Int32s per key, not a string: the
 * id string is rebuilt only when asked for.
 */
import {compactId, compactIdHash} from '../cassi/records.js';
import {KeyHasher, KeyIndex} from '../cassi/dedupe-keys.js';

const index = new KeyIndex();
/** Ids not in compact form (hand-made rows), by key: they are numbered by a 64-bit hash of their text. */
const named = new Map<number, string>();
const textHasher = new KeyHasher();

function textHash(id: string): KeyHasher {
	textHasher.reset();
	textHasher.field(id);
	textHasher.finish();
	return textHasher;
}

/** The key of a row whose id is compactId(h1, h2). */
export function keyOfHash(h1: number, h2: number): number {
	return index.numberOf(h1, h2);
}

/** The id's key, the same for the whole session. */
export function keyOf(id: string): number {
	const hash = compactIdHash(id);
	if (hash) return index.numberOf(hash[0], hash[1]);
	const {h1, h2} = textHash(id);
	const key = index.numberOf(h1, h2);
	named.set(key, id);
	return key;
}

/** The id's key if it has one (nothing is added). */
function findKey(id: string): number {
	const hash = compactIdHash(id);
	if (hash) return index.find(hash[0], hash[1]);
	const {h1, h2} = textHash(id);
	return index.find(h1, h2);
}

/** The id a key was made for. */
export function idOfKey(key: number): string {
	return named.get(key) ?? compactId(index.h1(key), index.h2(key));
}

function popcount(word: number): number {
	let value = word - ((word >>> 1) & 0x55555555);
	value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
	return (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class MarkSet implements ReadonlySet<string> {
	static readonly empty = new MarkSet(new Uint32Array(0), 0);

	private constructor(
		private readonly words: Uint32Array,
		readonly size: number,
	) {}

	static of(ids: Iterable<string>): MarkSet {
		return MarkSet.empty.with(Array.from(ids, id => ({key: keyOf(id)})), 'add');
	}

	hasKey(key: number): boolean {
		return ((this.words[key >>> 5] ?? 0) & (1 << (key & 31))) !== 0;
	}

	has(id: string): boolean {
		const key = findKey(id);
		return key >= 0 && this.hasKey(key);
	}

	/** A new set with these rows added, removed or flipped. */
	with(rows: ReadonlyArray<{key: number}>, op: 'add' | 'delete' | 'toggle'): MarkSet {
		const words = new Uint32Array(Math.max(this.words.length, (index.size + 31) >>> 5));
		words.set(this.words);
		for (let index = 0; index < rows.length; index++) {
			const key = rows[index].key;
			const bit = 1 << (key & 31);
			const word = key >>> 5;
			if (op === 'add') words[word] |= bit;
			else if (op === 'delete') words[word] &= ~bit;
			else words[word] ^= bit;
		}
		let size = 0;
		for (const word of words) if (word !== 0) size += popcount(word);
		return new MarkSet(words, size);
	}

	*keys(): SetIterator<string> {
		for (let word = 0; word < this.words.length; word++) {
			let bits = this.words[word];
			while (bits !== 0) {
				const low = bits & -bits;
				yield idOfKey(word * 32 + 31 - Math.clz32(low));
				bits ^= low;
			}
		}
	}

	values(): SetIterator<string> {
		return this.keys();
	}

	*entries(): SetIterator<[string, string]> {
		for (const id of this.keys()) yield [id, id];
	}

	[Symbol.iterator](): SetIterator<string> {
		return this.keys();
	}

	forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
		for (const id of this.keys()) callback.call(thisArg, id, id, this);
	}
}
