/** Records → rows, once, as pages arrive: every later sort, filter and frame reads these fields. */
import {exposure, RAW_NAME, recordKeyHash, recordSize} from '../cassi/records.js';
import {sanitizeText} from '../cassi/sanitize.js';
import type {CassiRecord, SearchPage} from '../cassi/types.js';
import {idOfKey, keyOfHash} from './mark-set.js';
import type {Row} from './types.js';

/** `2025-10-04T00:01:27.8970000` → `2025-10-04T00:01:27` (the service's times are UTC, no zone). */
export function trimSeconds(value: string): string {
	return value.replace(' ', 'T').slice(0, 19);
}

/**
 * `2025-10-04T00:33:00.1050000` as a key that compares like the instant it names: one `T`,
 * no zone letter (the service's times are all UTC), so `…:00` < `…:00.1` < `…:00.4`.
 */
export function ingestSortKey(value: string): string {
	return value.replace(' ', 'T').replace(/Z$/i, '');
}

export function utcMs(value: string): number {
	const trimmed = trimSeconds(value);
	return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(trimmed) ? Date.parse(`${trimmed}Z`) : Number.NaN;
}

/** The fields of a record in the service's usual shape, in its order: such records are kept compactly. */
const RECORD_KEYS = ['archiveFileName', 'fileType', 'ingestCompletionDate', 'checksum', 'search_key', 'distribution', 'times'];
const DISTRIBUTION_KEYS = ['url', 'size'];
const URL_KEYS = ['mast'];
const TIMES_KEYS = ['startTime', 'endTime'];

/** Exactly these own enumerable keys, in this order (for…in allocates nothing, unlike Object.keys). */
function hasKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	let index = 0;
	for (const key in value) if (key !== keys[index++]) return false;
	return index === keys.length;
}

const isPrimitiveId = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number';

/**
 * Product URLs are mostly a few prefixes + the file name: a row keeps the (shared) prefix only.
 * Bounded, so a server with a prefix per file does not grow this without end.
 */
const urlPrefixes = new Map<string, number>();
/** Prefix number n is urlPrefixList[n - 1] (flags bits 16–25 hold n; 0: none). */
const urlPrefixList: string[] = [];
const MAX_URL_PREFIXES = 1023;
let lastPrefix = 0;

/** The number of the shared prefix of `url` before `name`, or 0: the last one found is tried first, with no slicing. */
function urlPrefix(url: string, name: string): number {
	if (!url.endsWith(name)) return 0;
	const last = urlPrefixList[lastPrefix - 1];
	if (last !== undefined && url.length === last.length + name.length && url.startsWith(last)) return lastPrefix;
	const prefix = url.slice(0, url.length - name.length);
	let number = urlPrefixes.get(prefix);
	if (number === undefined) {
		if (urlPrefixList.length >= MAX_URL_PREFIXES) return 0;
		number = urlPrefixList.push(prefix);
		urlPrefixes.set(prefix, number);
	}
	lastPrefix = number;
	return number;
}

/** `flags` bits. */
const COMPACT = 1;
const NO_TIMES = 4;
/** searchKey is the head of the search key; the separator's code is in bits 8–15, the name follows. */
const KEY_HEAD = 8;

/**
 * Search keys often end with a separator and the name (`ENG-mwv426tl-CGI_00179406`). V8 copies a
 * slice shorter than 13 characters but keeps a longer one as a view of the whole string, so only
 * a head of up to 12 characters is kept apart: 32 bytes where the key took 48.
 */
function keyHead(key: unknown, name: string): string | undefined {
	if (typeof key !== 'string') return undefined;
	const head = key.length - name.length - 1;
	if (head < 0 || head > 12 || key.charCodeAt(head) > 0xff || !key.endsWith(name)) return undefined;
	return key.slice(0, head);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number `text[from..to)` spells, or -1 when that is not all digits. */
function digits(text: string, from: number, to: number): number {
	let value = 0;
	for (let index = from; index < to; index++) {
		const digit = text.charCodeAt(index) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = 10 * value + digit;
	}
	return value;
}

/** The fraction packTime read, beside the seconds it returns. */
let packedFraction = 0;

/**
 * `2026-11-24T14:29:54.9320000`, the service's form, as two small integers (no string): the
 * seconds since 1970, returned, and the seven fractional digits, in packedFraction. Only exactly
 * that form of a real date from 1970 to 2037 is packed, so that unpackTime gives back the same
 * text; anything else returns undefined and is kept as text.
 */
function packTime(text: string): number | undefined {
	if (text.length !== 27 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.') return undefined;
	const year = digits(text, 0, 4);
	const month = digits(text, 5, 7);
	const day = digits(text, 8, 10);
	const hour = digits(text, 11, 13);
	const minute = digits(text, 14, 16);
	const second = digits(text, 17, 19);
	const fraction = digits(text, 20, 27);
	if (year < 1970 || year > 2037 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) return undefined;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	if (day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return undefined;
	packedFraction = fraction;
	return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

function unpackTime(seconds: number, fraction: number): string {
	return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${String(fraction).padStart(7, '0')}`;
}

/** A time kept as text or packed (packTime). */
function timeText(value: string | number | undefined, fraction: number): string | undefined {
	return typeof value === 'number' ? unpackTime(value, fraction) : value;
}

const ASCII = /^[\u0000-\u007F]*$/;

interface Rare {
	/** The record as parsed, when it is not kept compactly. */
	raw?: CassiRecord;
	/** The lower-cased name, only when it is not plain ASCII (the filter folds ASCII itself). */
	lowerName?: string;
	/** The ingest time's text when it is not in the form packTime packs. */
	ingestText?: string;
	/** The product URL of a compact record when it is not a shared prefix + the name. */
	mast?: string;
}

/**
 * A row holds what sorting, filtering and marking read on every key, and the record itself in
 * compact form: a record of the service's usual shape (the common case) is not kept as its
 * four parsed objects but as the few values that are not already row fields, and is rebuilt,
 * field for field in the same order, when the detail view, export or a download asks for it.
 * Anything else (extra fields, other types, a sanitised name) keeps the record as parsed.
 * The times shown only for the ~40 rows on screen are read when drawn; the key is the
 * de-duplication hash's number in the session (mark-set.ts), its id string made on demand.
 */
class RecordRow implements Row {
	readonly key: number;
	readonly name: string;
	readonly type: string;
	/** ingestKey when it is not packed (packTime): the usual one is two small integers, no string. */
	/** Whole seconds (ingestMs / 1000): a small integer, where milliseconds would be a boxed number. */
	readonly ingestSeconds: number;
	readonly ingestFraction: number;
	readonly size: number | undefined;
	/** What few rows need (one field for all three, not three on every row). */
	private readonly rare: Rare | undefined;
	private readonly checksum: unknown;
	private readonly searchKey: unknown;
	/** Exposure times: packed seconds (packTime) with their fractions, or the text. */
	private readonly start: string | number | undefined;
	private readonly startFraction: number;
	private readonly end: string | number | undefined;
	private readonly endFraction: number;
	private readonly flags: number;

	constructor(record: CassiRecord, key: number) {
		// The client sanitised these; the fast path makes doing it again nearly free, and the
		// list must never draw an escape sequence whatever fed it.
		const name = sanitizeText(String(record.archiveFileName));
		const type = sanitizeText(String(record.fileType));
		this.key = key;
		this.name = name;
		this.type = type;
		const ingest = String(record.ingestCompletionDate);
		const ingestKey = ingestSortKey(ingest);
		const packed = packTime(ingestKey);
		let rare: Rare | undefined;
		if (packed === undefined) rare = {ingestText: ingestKey};
		this.ingestSeconds = packed ?? utcMs(ingest) / 1000;
		this.ingestFraction = packed === undefined ? -1 : packedFraction;
		this.size = recordSize(record);
		if (!ASCII.test(name)) (rare ??= {}).lowerName = name.toLowerCase();
		const distribution = record.distribution;
		const url = distribution?.url;
		const times = record.times;
		const compact =
			hasKeys(record, RECORD_KEYS) &&
			name === record.archiveFileName &&
			type === record.fileType &&
			typeof record.ingestCompletionDate === 'string' &&
			ingestKey === ingest &&
			isPrimitiveId(record.checksum) &&
			isPrimitiveId(record.search_key) &&
			hasKeys(distribution, DISTRIBUTION_KEYS) &&
			hasKeys(url, URL_KEYS) &&
			typeof url!.mast === 'string' &&
			this.size === distribution!.size &&
			(times === null || (hasKeys(times, TIMES_KEYS) && typeof times.startTime === 'string' && typeof times.endTime === 'string')) &&
			(record as unknown as Record<symbol, unknown>)[RAW_NAME] === undefined;
		if (!compact) (rare ??= {}).raw = record;
		this.rare = rare;
		if (!compact) {
			this.checksum = undefined;
			this.searchKey = undefined;
			this.start = undefined;
			this.startFraction = 0;
			this.end = undefined;
			this.endFraction = 0;
			this.flags = 0;
			return;
		}
		const mast = url!.mast!;
		const prefix = urlPrefix(mast, name);
		this.checksum = record.checksum;
		const head = keyHead(record.search_key, name);
		this.searchKey = head ?? record.search_key;
		if (prefix === 0) (rare ??= {}).mast = mast;
		this.rare = rare;
		const start = times ? packTime(times.startTime!) : undefined;
		this.start = start ?? times?.startTime ?? undefined;
		this.startFraction = start === undefined ? 0 : packedFraction;
		const end = times ? packTime(times.endTime!) : undefined;
		this.end = end ?? times?.endTime ?? undefined;
		this.endFraction = end === undefined ? 0 : packedFraction;
		this.flags = COMPACT | (prefix << 16) | (times === null ? NO_TIMES : 0) | (head === undefined ? 0 : KEY_HEAD | (record.search_key!.charCodeAt(head.length) << 8));
	}

	get ingestKey(): string {
		return this.rare?.ingestText ?? unpackTime(this.ingestSeconds, this.ingestFraction);
	}

	get lowerName(): string | undefined {
		return this.rare?.lowerName;
	}

	private get raw(): CassiRecord | undefined {
		return this.rare?.raw;
	}

	get ingestMs(): number {
		return this.ingestSeconds * 1000;
	}

	get id(): string {
		return idOfKey(this.key);
	}

	/** The record as the service sent it (sanitised): a fresh copy for a compact row. */
	get record(): CassiRecord {
		if (this.raw) return this.raw;
		return {
			archiveFileName: this.name,
			fileType: this.type,
			ingestCompletionDate: this.ingestKey,
			checksum: this.checksum as CassiRecord['checksum'],
			search_key: (this.flags & KEY_HEAD ? `${this.searchKey as string}${String.fromCharCode((this.flags >>> 8) & 0xff)}${this.name}` : this.searchKey) as CassiRecord['search_key'],
			distribution: {url: {mast: this.rare?.mast ?? urlPrefixList[((this.flags >>> 16) & 0x3ff) - 1] + this.name}, size: this.size},
			times: this.flags & NO_TIMES ? null : {startTime: timeText(this.start, this.startFraction), endTime: timeText(this.end, this.endFraction)},
		};
	}

	get ingest(): string {
		return trimSeconds(this.raw ? String(this.raw.ingestCompletionDate) : this.ingestKey);
	}

	get expStart(): string | undefined {
		const start = this.raw ? exposure(this.raw).startTime : timeText(this.start, this.startFraction);
		return start ? trimSeconds(start) : undefined;
	}

	get expEnd(): string | undefined {
		const end = this.raw ? exposure(this.raw).endTime : timeText(this.end, this.endFraction);
		return end ? trimSeconds(end) : undefined;
	}
}

/** `rows` is `prefix` with rows appended (pages only ever append): work done on the prefix can be kept. */
export function extendsRows(rows: readonly Row[], prefix: readonly Row[]): boolean {
	return prefix.length > 0 && prefix.length <= rows.length && rows[0] === prefix[0] && rows[prefix.length - 1] === prefix[prefix.length - 1];
}

/** `hash`: the record's de-duplication hash when the pager has it (see SearchPage.hashes). */
export function toRow(record: CassiRecord, hash?: {h1: number; h2: number}): Row {
	const {h1, h2} = hash ?? recordKeyHash(record);
	return new RecordRow(record, keyOfHash(h1, h2));
}

/** A page's records as rows, each keyed by the hash the pager computed for it. */
export function pageRows(page: Pick<SearchPage, 'records' | 'hashes'>): Row[] {
	const {records, hashes} = page;
	const rows = new Array<Row>(records.length);
	for (let index = 0; index < records.length; index++) {
		rows[index] = hashes ? new RecordRow(records[index], keyOfHash(hashes[2 * index], hashes[2 * index + 1])) : toRow(records[index]);
	}
	return rows;
}
