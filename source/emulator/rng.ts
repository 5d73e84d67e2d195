/**
 * Small deterministic helpers: every number in the synthetic archive comes from
 * a hash of (seed, what it is for), so a day can be generated alone, in any order.
 */

/** FNV-1a over the string's UTF-16 units, then a murmur-style finaliser for better low bits. */
export function hash32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for synthetic data (not for anything secret). */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function rngFor(...parts: Array<string | number>): () => number {
	return rng(hash32(parts.join('\u0000')));
}

/** A value spread evenly on a log scale between lo and hi (both > 0). */
export function logUniform(random: () => number, lo: number, hi: number): number {
	return Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)));
}
