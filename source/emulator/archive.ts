/**
 * The synthetic CaSSI archive: deterministic from the seed, generated lazily one day at
 * a time (a day can be made alone because its counts and first serials come from cheap
 * per-day hashes), so start-up is instant and memory stays small whatever the scale.
 *
 * Days held: the notebook's two months (2025-09-01..10-31, ~140 files a day, never scaled;
 * 2025-10-04 and 2025-10-05 pinned, see demo-day.ts) and the last 30 days up to `now`
 * (scaled by `scale`; nothing after `now`). The two months give `cassi check` a baseline
 * before any notebook day. Scale 100 gives >= 50,000 rows in any 7 days of the last 30
 * (at least 9,000 a day).
 */
import {formatCassiDate, parseCassiDate} from './grammar.js';
import {PREFIXES, parseName, productName, type PrefixSpec} from './catalog.js';
import {ALWAYS_CHECKSUMMED, DEMO_COUNTS, DEMO_DAY_MS, DEMO_SCIENCE, EXPOSURE_WINDOW, NO_EVENT_LOGS_DAY_MS, WINDOW_HOUSEKEEPING} from './demo-day.js';
import {hash32, rngFor} from './rng.js';
import type {ExtraRecord} from './types.js';

export const DAY_MS = 86_400_000;
export const NOTEBOOK_FIRST_MS = Date.UTC(2025, 8, 1);
export const NOTEBOOK_LAST_MS = Date.UTC(2025, 9, 31);
export const MAX_SCALE = 1000;
/** Unscaled files per day on the last 30 days: between these. */
const DAILY_MIN = 90;
const DAILY_SPREAD = 131;
/**
 * Files per day in the notebook's two months: 115-170, so a typical day is ~140 and the
 * notebook's 39-file day is plainly low; kept under a 2x spread so no other day looks odd.
 */
const NOTEBOOK_DAILY_MIN = 115;
const NOTEBOOK_DAILY_SPREAD = 56;

export interface Product {
	name: string;
	fileType: string;
	ingestMs: number;
	size: number;
	startMs: number | null;
	endMs: number | null;
	/** Sent twice in search results. */
	dup: boolean;
	collection: 'eng' | 'rita';
	header?: string;
	extra?: ExtraRecord;
	/** The serialised record, once made (records.ts). */
	json?: string;
}

export interface ArchiveOptions {
	seed: number;
	scale: number;
	now: Date;
	duplicateRate: number;
	extraRecords?: ExtraRecord[];
}

/**
 * Files of a scheduled prefix on a day: the daily ones (event logs) come every day, one more
 * now and then; the periodic ones (ephemerides) every `everyDays` days counted from the demo
 * day, so any 7 days hold two or three of them and a baseline never calls one missing or new.
 */
function scheduled(schedule: NonNullable<PrefixSpec['schedule']>, day: number, random: () => number): number {
	const extra = random() < schedule.extraChance ? 1 : 0;
	const offset = Math.round((day - DEMO_DAY_MS) / DAY_MS);
	return ((offset % schedule.everyDays) + schedule.everyDays) % schedule.everyDays === 0 ? 1 + extra : 0;
}

function toMs(value: string | Date): number {
	return value instanceof Date ? value.getTime() : parseCassiDate(value).ms;
}

export class Archive {
	readonly seed: number;
	readonly scale: number;
	readonly nowMs: number;
	/** Start (UTC midnight, ms) of every day held, ascending. */
	readonly days: number[];
	private readonly daySet: Set<number>;
	private readonly duplicateRate: number;
	private readonly firstSerial = new Map<number, number[]>();
	private readonly countCache = new Map<number, number[]>();
	private readonly dayCache = new Map<number, Product[]>();
	private readonly extras = new Map<string, Product>();
	private readonly dayCacheMax: number;

	constructor(options: ArchiveOptions) {
		if (!(options.scale > 0 && options.scale <= MAX_SCALE)) throw new RangeError(`scale must be above 0 and at most ${MAX_SCALE}`);
		this.seed = options.seed;
		this.scale = options.scale;
		this.nowMs = options.now.getTime();
		this.duplicateRate = options.duplicateRate;
		const today = Math.floor(this.nowMs / DAY_MS) * DAY_MS;
		const days = new Set<number>();
		for (let d = NOTEBOOK_FIRST_MS; d <= NOTEBOOK_LAST_MS && d <= today; d += DAY_MS) days.add(d);
		for (let i = 29; i >= 0; i--) days.add(today - i * DAY_MS);
		this.days = [...days].sort((a, b) => a - b);
		this.daySet = days;
		// Keep about 150,000 products in memory at most: 10 days at scale 100, 40 at scale 1.
		this.dayCacheMax = Math.max(4, Math.min(40, Math.floor(1000 / options.scale)));
		this.computeSerials();
		for (const extra of options.extraRecords ?? []) {
			this.extras.set(extra.name, {
				name: extra.name,
				fileType: extra.fileType,
				ingestMs: toMs(extra.ingest),
				size: extra.size,
				startMs: extra.startTime === undefined ? null : toMs(extra.startTime),
				endMs: extra.endTime === undefined ? null : toMs(extra.endTime),
				dup: extra.repeat ?? false,
				collection: 'eng',
				extra,
			});
		}
	}

	private isScaled(day: number): boolean {
		return day > NOTEBOOK_LAST_MS && this.daySet.has(day);
	}

	/** Files per prefix on a calendar day (also for days not held, so serials stay continuous). */
	counts(day: number): number[] {
		let counts = this.countCache.get(day);
		if (counts) return counts;
		if (day === DEMO_DAY_MS) {
			counts = PREFIXES.map(spec => DEMO_COUNTS[spec.prefix] ?? 0);
		} else {
			const random = rngFor(this.seed, 'counts', day);
			const notebook = day >= NOTEBOOK_FIRST_MS && day <= NOTEBOOK_LAST_MS;
			const base = notebook ? NOTEBOOK_DAILY_MIN + Math.floor(random() * NOTEBOOK_DAILY_SPREAD) : DAILY_MIN + Math.floor(random() * DAILY_SPREAD);
			const scale = this.isScaled(day) ? this.scale : 1;
			const volume = base * scale;
			counts = PREFIXES.map(spec => {
				if (spec.schedule) return scheduled(spec.schedule, day, random) * scale;
				const expected = volume * spec.share;
				return Math.floor(expected) + (random() < expected - Math.floor(expected) ? 1 : 0);
			});
			// The notebook's "missing logs" day, for every seed: no FSW Event Message Logs.
			if (day === NO_EVENT_LOGS_DAY_MS) counts = counts.map((n, i) => (PREFIXES[i].fileType === 'FSW Event Message Logs' ? 0 : n));
		}
		this.countCache.set(day, counts);
		return counts;
	}

	/** Serials run on from the demo day's anchors, forwards and backwards, over every calendar day. */
	private computeSerials(): void {
		const first = this.days[0];
		const last = this.days[this.days.length - 1];
		let running = PREFIXES.map(spec => spec.anchor);
		for (let d = DEMO_DAY_MS; d <= last; d += DAY_MS) {
			this.firstSerial.set(d, running);
			const counts = this.counts(d);
			running = running.map((s, i) => s + counts[i]);
		}
		running = PREFIXES.map(spec => spec.anchor);
		for (let d = DEMO_DAY_MS - DAY_MS; d >= first; d -= DAY_MS) {
			const counts = this.counts(d);
			running = running.map((s, i) => s - counts[i]);
			if (running.some(s => s < 1)) throw new RangeError('now is too early: the archive runs back from 2025-10-04 and needs now after about 2025-04-01');
			this.firstSerial.set(d, running);
		}
	}

	private isDup(name: string): boolean {
		return this.duplicateRate > 0 && hash32(`${this.seed}:dup:${name}`) / 4294967296 < this.duplicateRate;
	}

	/** The products ingested on a held day, by ingest time; none after `now`. */
	dayProducts(day: number): Product[] {
		const cached = this.dayCache.get(day);
		if (cached) {
			this.dayCache.delete(day);
			this.dayCache.set(day, cached);
			return cached;
		}
		const products = this.generateDay(day).filter(p => p.ingestMs <= this.nowMs);
		products.sort((a, b) => a.ingestMs - b.ingestMs || (a.name < b.name ? -1 : 1));
		if (this.dayCache.size >= this.dayCacheMax) this.dayCache.delete(this.dayCache.keys().next().value as number);
		this.dayCache.set(day, products);
		return products;
	}

	private generateDay(day: number): Product[] {
		const random = rngFor(this.seed, 'day', day);
		const counts = this.counts(day);
		const serials = this.firstSerial.get(day) ?? PREFIXES.map(() => 0);
		// Ground contacts: most files arrive in a few passes a day, the rest trickle in.
		const passes = Array.from({length: 4 + Math.floor(random() * 3)}, () => ({
			center: random() * DAY_MS,
			width: (20 + random() * 60) * 60_000,
		}));
		const timeOfDay = (): number => {
			if (random() < 0.75) {
				const pass = passes[Math.floor(random() * passes.length)];
				const t = pass.center + (random() - 0.5) * pass.width;
				return Math.floor(((t % DAY_MS) + DAY_MS) % DAY_MS);
			}
			return Math.floor(random() * DAY_MS);
		};
		const pinned = day === DEMO_DAY_MS ? new Map(DEMO_SCIENCE.map(s => [s.name, s])) : undefined;
		const products: Product[] = [];
		PREFIXES.forEach((spec, prefixIndex) => {
			const n = counts[prefixIndex];
			const times = Float64Array.from({length: n}, timeOfDay).sort();
			const inWindow = day === DEMO_DAY_MS ? (WINDOW_HOUSEKEEPING[spec.prefix] ?? 0) : 0;
			if (inWindow > 0) {
				// The exposure-window files come first, dumped 00:10-02:30 (6-9 h after the
				// exposure); later files of the prefix follow them, so serials keep rising with time.
				const early = Float64Array.from({length: inWindow}, () => Math.floor((10 + random() * 140) * 60_000)).sort();
				for (let j = 0; j < n; j++) times[j] = j < inWindow ? early[j] : Math.max(times[j], early[inWindow - 1] + (j + 1) * 60_000);
			}
			for (let j = 0; j < n; j++) {
				const name = productName(prefixIndex, serials[prefixIndex] + j);
				const pin = pinned?.get(name);
				let ingestMs = day + times[j];
				let size = spec.size(random);
				if (pin) {
					ingestMs = parseCassiDate(pin.ingest).ms;
					size = pin.size ?? size;
				}
				let startMs: number | null = null;
				let endMs: number | null = null;
				if (spec.exposure) {
					const [dLo, dHi] = spec.exposure.delayHours;
					const [mLo, mHi] = spec.exposure.minutes;
					if (j < inWindow) {
						// Telemetry of the notebook's exposure-window example, dumped 6-9 hours later.
						startMs = EXPOSURE_WINDOW.startMs + Math.floor(random() * 25 * 60_000);
						endMs = startMs + Math.floor((5 + random() * 25) * 60_000);
					} else {
						endMs = ingestMs - Math.floor((dLo + random() * (dHi - dLo)) * 3_600_000);
						startMs = endMs - Math.floor((mLo + random() * (mHi - mLo)) * 60_000);
						if (startMs >= EXPOSURE_WINDOW.startMs && endMs <= EXPOSURE_WINDOW.endMs) {
							// Only the four pinned files may fall inside the example window.
							endMs = EXPOSURE_WINDOW.endMs + 1000 + Math.floor(random() * 20 * 60_000);
						}
					}
				}
				products.push({name, fileType: spec.fileType, ingestMs, size, startMs, endMs, dup: this.isDup(name), collection: 'eng'});
			}
		});
		return products;
	}

	/** Every product whose ingest day overlaps [lo, hi], in ingest order, extras merged in. */
	*scan(lo = -Infinity, hi = Infinity): Generator<Product> {
		const extras = [...this.extras.values()].filter(p => p.ingestMs >= lo && p.ingestMs <= hi);
		extras.sort((a, b) => a.ingestMs - b.ingestMs);
		let e = 0;
		for (const day of this.days) {
			if (day + DAY_MS <= lo || day > hi) continue;
			for (const product of this.dayProducts(day)) {
				while (e < extras.length && extras[e].ingestMs < product.ingestMs) yield extras[e++];
				yield product;
			}
		}
		while (e < extras.length) yield extras[e++];
	}

	findProduct(name: string): Product | undefined {
		const extra = this.extras.get(name);
		if (extra) return extra;
		const parsed = parseName(name);
		if (!parsed) return undefined;
		for (const day of this.days) {
			const first = this.firstSerial.get(day)?.[parsed.prefixIndex];
			const n = this.counts(day)[parsed.prefixIndex];
			if (first !== undefined && parsed.serial >= first && parsed.serial < first + n) {
				return this.dayProducts(day).find(p => p.name === name);
			}
		}
		return undefined;
	}

	/**
	 * Whether this product's record carries an MD5 (the real checksum format is unknown).
	 * Files up to checksumMaxBytes do, except that on scaled days only about 1 in `scale`
	 * of them does: each checksum costs generating and hashing the whole file, and this keeps
	 * that work per search the same at any scale (clients must accept a null checksum anyway).
	 */
	carriesChecksum(product: Product, checksumMaxBytes: number): boolean {
		if (product.extra?.withChecksum !== undefined) return product.extra.withChecksum;
		if (ALWAYS_CHECKSUMMED.has(product.name)) return true;
		if (product.size > checksumMaxBytes) return false;
		if (this.scale <= 1 || product.extra || product.collection !== 'eng') return true;
		const day = Math.floor(product.ingestMs / DAY_MS) * DAY_MS;
		if (!this.isScaled(day)) return true;
		return hash32(`${this.seed}:checksum:${product.name}`) / 4294967296 < 1 / this.scale;
	}

	etag(product: Product): string {
		return `"${hash32(`${this.seed}:etag:${product.name}`).toString(16).padStart(8, '0')}-${product.size.toString(16)}"`;
	}

	/** Opaque to clients; unique per product. */
	searchKey(product: Product): string {
		return `${product.collection === 'eng' ? 'ENG' : 'RITA'}-${product.ingestMs.toString(36)}-${product.name}`;
	}
}

export function productUrl(product: Pick<Product, 'name' | 'collection'>): string {
	return `mast:ROMAN/cassi/${product.collection}/${encodeURIComponent(product.name)}`;
}

export function nameFromProductUrl(url: string, collection: 'eng' | 'rita'): string | undefined {
	const prefix = `mast:ROMAN/cassi/${collection}/`;
	if (!url.startsWith(prefix)) return undefined;
	try {
		return decodeURIComponent(url.slice(prefix.length));
	} catch {
		return undefined;
	}
}

export {formatCassiDate};
