/**
 * De-duplication keys that stay small at a million rows: a 64-bit hash of the key fields
 * (two independent 32-bit hashes in one pass), kept in one open-addressing table of Int32
 * pairs — about 16 to 32 bytes a key, where a Set of JSON key strings takes ~200. Two distinct
 * files share a 64-bit key with odds of about n²/2⁶⁵: 4 in 100 million at 1.2M rows.
 */

/** A field's kind goes into the hash, so the string "1" and the number 1 differ (as JSON keys did). */
const NULL = 0x01;
const TEXT = 0x02;
const NUMBER = 0x03;
const END = 0xfffe;

export class KeyHasher {
	h1 = 0;
	h2 = 0;

	reset(): void {
		this.h1 = 0x811c9dc5;
		this.h2 = 0x9747b28c;
	}

	/** One more value; its kind goes in first, so the string "1" and the number 1 differ. */
	field(value: unknown): void {
		if (value === null || value === undefined) {
			this.mixText(NULL, '');
		} else {
			this.mixText(typeof value === 'string' ? TEXT : NUMBER, typeof value === 'string' ? value : String(value));
		}
	}

	/**
	 * The kind code, each UTF-16 unit of the text, then END, into both halves. One loop over
	 * locals: this runs for every character of five fields of every row (about 7 million for a
	 * 50,000-row answer), where a method call and two field writes per character cost 3× as much.
	 * FNV-1a for one half, a murmur-style multiply-rotate for the other: independent enough.
	 */
	private mixText(kind: number, text: string): void {
		let h1 = this.h1;
		let h2 = this.h2;
		const length = text.length;
		for (let index = -1; index <= length; index++) {
			const code = index < 0 ? kind : index === length ? END : text.charCodeAt(index);
			h1 = Math.imul(h1 ^ code, 0x01000193);
			let k = Math.imul(code, 0xcc9e2d51);
			k = (k << 15) | (k >>> 17);
			h2 ^= Math.imul(k, 0x1b873593);
			h2 = (h2 << 13) | (h2 >>> 19);
			h2 = (Math.imul(h2, 5) + 0xe6546b64) | 0;
		}
		this.h1 = h1;
		this.h2 = h2;
	}

	/** Final avalanche, so nearby inputs spread over the whole table. */
	finish(): void {
		let h = this.h2;
		h ^= h >>> 16;
		h = Math.imul(h, 0x85ebca6b);
		h ^= h >>> 13;
		h = Math.imul(h, 0xc2b2ae35);
		h ^= h >>> 16;
		this.h2 = h;
		this.h1 ^= this.h1 >>> 15;
		this.h1 = Math.imul(this.h1, 0x2c1b3c6d);
		this.h1 ^= this.h1 >>> 12;
	}
}

/**
 * 64-bit keys in order, as Int32 pairs: a page's hashes for its rows. A number[] held most of them
 * as heap numbers (an Int32 outside the small-integer range is one), 100,000 allocations a page.
 */
export class KeyList {
	private values: Int32Array;
	length = 0;

	constructor(keys: number) {
		this.values = new Int32Array(2 * Math.max(keys, 1));
	}

	push(h1: number, h2: number): void {
		if (this.length + 2 > this.values.length) {
			const values = new Int32Array(2 * this.values.length);
			values.set(this.values);
			this.values = values;
		}
		this.values[this.length++] = h1;
		this.values[this.length++] = h2;
	}

	/** The first `keys` keys (h1, h2 of key i at 2i, 2i + 1), copied. */
	first(keys: number): Int32Array {
		return this.values.slice(0, Math.min(2 * keys, this.length));
	}
}

/** A set of 64-bit keys given as two Int32 halves. */
export class KeySet {
	private table = new Int32Array(2 * 1024);
	private mask = 1023;
	size = 0;

	/** Adds the key; false when it was there already. */
	add(h1: number, h2: number): boolean {
		if (h1 === 0 && h2 === 0) h2 = 1; // (0, 0) marks an empty slot
		let slot = h1 & this.mask;
		for (;;) {
			const a = this.table[2 * slot];
			const b = this.table[2 * slot + 1];
			if (a === 0 && b === 0) break;
			if (a === h1 && b === h2) return false;
			slot = (slot + 1) & this.mask;
		}
		this.table[2 * slot] = h1;
		this.table[2 * slot + 1] = h2;
		this.size++;
		if (this.size * 2 > this.mask + 1) this.grow();
		return true;
	}

	has(h1: number, h2: number): boolean {
		if (h1 === 0 && h2 === 0) h2 = 1;
		let slot = h1 & this.mask;
		for (;;) {
			const a = this.table[2 * slot];
			const b = this.table[2 * slot + 1];
			if (a === 0 && b === 0) return false;
			if (a === h1 && b === h2) return true;
			slot = (slot + 1) & this.mask;
		}
	}

	/** Room for `keys` keys in all: a 50,000-row page is one rehash, not one per doubling on the way. */
	reserve(keys: number): void {
		let slots = this.mask + 1;
		while (keys * 2 > slots) slots *= 2;
		if (slots > this.mask + 1) this.resize(slots);
	}

	private grow(): void {
		this.resize(2 * (this.mask + 1));
	}

	private resize(slots: number): void {
		const old = this.table;
		this.table = new Int32Array(2 * slots);
		this.mask = slots - 1;
		this.size = 0;
		for (let index = 0; index < old.length; index += 2) {
			if (old[index] !== 0 || old[index + 1] !== 0) this.add(old[index], old[index + 1]);
		}
	}
}

/**
 * 64-bit keys (two Int32 halves) numbered 0, 1, 2… in the order first seen: a session's row
 * keys without a string per row. The halves are kept by number, so a key's id can be rebuilt.
 */
export class KeyIndex {
	/** Per slot: the key's number + 1 (0: empty). */
	private slots = new Int32Array(1024);
	private mask = 1023;
	/** Per number: its two halves, as given. */
	private halves = new Int32Array(2 * 512);
	size = 0;

	/** The key's slot: the one holding it, or the empty one where it would go. */
	private slotOf(h1: number, h2: number): number {
		let slot = h1 & this.mask;
		for (;;) {
			const held = this.slots[slot];
			if (held === 0) return slot;
			if (this.halves[2 * (held - 1)] === h1 && this.halves[2 * (held - 1) + 1] === h2) return slot;
			slot = (slot + 1) & this.mask;
		}
	}

	/** The key's number, or -1 when it has none. */
	find(h1: number, h2: number): number {
		return this.slots[this.slotOf(h1, h2)] - 1;
	}

	/** The key's number, numbering it when new. */
	numberOf(h1: number, h2: number): number {
		const slot = this.slotOf(h1, h2);
		if (this.slots[slot] !== 0) return this.slots[slot] - 1;
		const number = this.size++;
		if (2 * this.size > this.halves.length) {
			const halves = new Int32Array(2 * this.halves.length);
			halves.set(this.halves);
			this.halves = halves;
		}
		this.halves[2 * number] = h1;
		this.halves[2 * number + 1] = h2;
		this.slots[slot] = number + 1;
		// Up to three quarters full: a session's keys live as long as it does, so room costs more than probes.
		if (this.size * 4 > 3 * (this.mask + 1)) this.grow();
		return number;
	}

	/** The halves of key `number`: [h1, h2]. */
	h1(number: number): number {
		return this.halves[2 * number];
	}

	h2(number: number): number {
		return this.halves[2 * number + 1];
	}

	private grow(): void {
		const size = 2 * (this.mask + 1);
		this.slots = new Int32Array(size);
		this.mask = size - 1;
		for (let number = 0; number < this.size; number++) {
			let slot = this.halves[2 * number] & this.mask;
			while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
			this.slots[slot] = number + 1;
		}
	}
}
