/**
 * What a search response must look like, de-duplication, and small record helpers.
 * Validation failures become one line naming the first bad field, never a zod dump.
 * Server strings are sanitised here, once, so nothing downstream sees an escape sequence.
 */
import {createRequire} from 'node:module';
import type {z as Zod} from 'zod';
import {KeyHasher, KeySet, type KeyList} from './dedupe-keys.js';
import {CassiError} from './errors.js';
import {sanitizeText} from './sanitize.js';
import type {CassiRecord} from './types.js';

function buildSchemas(z: typeof Zod) {
	const optionalText = z.union([z.string(), z.number()]).nullable().optional();
	const record = z.looseObject({
		archiveFileName: z.string(),
		fileType: z.string(),
		ingestCompletionDate: z.string(),
		// Format unknown for these two; a number would still identify a row.
		checksum: optionalText,
		search_key: optionalText,
		distribution: z
			.looseObject({
				url: z.looseObject({mast: z.string().nullable().optional()}).nullable().optional(),
				// Bytes; a numeric string is tolerated (see recordSize).
				size: z.union([z.number(), z.string()]).nullable().optional(),
			})
			.nullable()
			.optional(),
		times: z
			.looseObject({
				startTime: z.string().nullable().optional(),
				endTime: z.string().nullable().optional(),
			})
			.nullable()
			.optional(),
	});
	const response = z.looseObject({
		results: z.array(z.unknown()),
		totalResults: z.union([z.number(), z.string().regex(/^\d+$/)]).nullable().optional(),
	});
	return {record, response};
}

let schemas: ReturnType<typeof buildSchemas> | undefined;
const load = createRequire(import.meta.url);

/**
 * The response schema. zod takes ~0.15 s to load, and ordinary responses pass the
 * allocation-free checks below, so it is loaded (synchronously) only when one does not.
 */
export function responseSchemas(): ReturnType<typeof buildSchemas> {
	schemas ??= buildSchemas((load('zod') as {z: typeof Zod}).z);
	return schemas;
}

const PREFIX = 'the service sent a malformed response';

function describeValue(value: unknown): string {
	if (value === undefined) return 'is missing';
	if (value === null) return 'is null';
	return '';
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
	let text = '';
	for (const part of path) {
		if (typeof part === 'number') text += `[${part}]`;
		else text += text ? `.${String(part)}` : String(part);
	}
	return text || 'the body';
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let value = root;
	for (const part of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[part];
	}
	return value;
}

const ARTICLE: Record<string, string> = {string: 'a string', number: 'a number', object: 'an object', array: 'an array'};

/** One zod issue → "results[3].fileType is not a string" (sanitised: paths come from the server). */
function issueLine(issue: Zod.core.$ZodIssue, root: unknown, pathPrefix: ReadonlyArray<PropertyKey>): string {
	const path = [...pathPrefix, ...issue.path];
	const where = sanitizeText(pathText(path)).slice(0, 120);
	if (issue.code === 'invalid_type') {
		const missing = describeValue(valueAt(root, path));
		return `${where} ${missing || `is not ${ARTICLE[issue.expected] ?? issue.expected}`}`;
	}
	if (issue.code === 'invalid_union') {
		const missing = describeValue(valueAt(root, path));
		return `${where} ${missing || 'has the wrong type'}`;
	}
	return `${where} is not valid`;
}

function malformed(line: string): CassiError {
	return new CassiError('schema', `${PREFIX}: ${line} — try again later or report it to archive@stsci.edu`);
}

const isText = (value: unknown) => typeof value === 'string';
const isOptional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || value === null || check(value);
const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The common shape of a valid record, checked without allocating: a record passing this also
 * passes the record schema (test/cassi/records-fast-path.test.ts holds it to that). Anything else goes
 * to zod, which decides and words the error. On 50,000 rows this halves the parse time.
 */
function plainResponse(json: object): boolean {
	const {results, totalResults} = json as {results?: unknown; totalResults?: unknown};
	return Array.isArray(results) && (totalResults === undefined || totalResults === null || Number.isFinite(totalResults));
}

export function plainlyValid(record: unknown): boolean {
	if (!isObject(record)) return false;
	if (!isText(record.archiveFileName) || !isText(record.fileType) || !isText(record.ingestCompletionDate)) return false;
	// zod's number() refuses Infinity (JSON's 1e400) and NaN: so must this.
	const textOrNumber = (value: unknown) => typeof value === 'string' || Number.isFinite(value);
	if (!isOptional(record.checksum, textOrNumber) || !isOptional(record.search_key, textOrNumber)) return false;
	const {distribution, times} = record;
	if (distribution !== undefined && distribution !== null) {
		if (!isObject(distribution)) return false;
		const {url, size} = distribution;
		if (url !== undefined && url !== null && (!isObject(url) || !isOptional(url.mast, isText))) return false;
		if (!isOptional(size, textOrNumber)) return false;
	}
	if (times !== undefined && times !== null) {
		if (!isObject(times) || !isOptional(times.startTime, isText) || !isOptional(times.endTime, isText)) return false;
	}
	return true;
}

export interface ParsedSearch {
	records: CassiRecord[];
	total?: number;
	/** Each record's de-duplication hash (records[i]'s h1, h2 at 2i, 2i + 1), when the reader made them as the body arrived. */
	keyHashes?: Int32Array;
}

/**
 * Validate a parsed JSON body; return sanitised records as the service sent them (key order kept).
 * `clean`: the body's text was seen to hold nothing to sanitise (jsonTextIsClean), so no string is walked.
 */
export function parseSearchResponse(json: unknown, {clean = false}: {clean?: boolean} = {}): ParsedSearch {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		throw malformed('the body is not a JSON object');
	}
	if (!plainResponse(json)) {
		const outer = responseSchemas().response.safeParse(json);
		if (!outer.success) throw malformed(issueLine(outer.error.issues[0], json, []));
	}
	const results = (json as {results: unknown[]}).results;
	for (let index = 0; index < results.length; index++) {
		if (plainlyValid(results[index])) continue;
		const checked = responseSchemas().record.safeParse(results[index]);
		if (!checked.success) {
			const more = checked.error.issues.length > 1 ? ` (and ${checked.error.issues.length - 1} more)` : '';
			throw malformed(issueLine(checked.error.issues[0], json, ['results', index]) + more);
		}
	}
	const rawTotal = (json as {totalResults?: number | string | null}).totalResults;
	const total = rawTotal === null || rawTotal === undefined ? undefined : Number(rawTotal);
	// zod's output is a reordered copy; the original (sanitised) keeps the service's field order.
	let records: CassiRecord[];
	try {
		records = clean ? (results as CassiRecord[]) : (cleanDeep(results) as CassiRecord[]);
	} catch (error) {
		// A value nested deeper than recursion can walk (JSON.parse copes with it): say so, no stack overflow.
		if (error instanceof RangeError) throw malformed('a value is nested too deeply');
		throw error;
	}
	if (records !== results) keepRawNames(results, records);
	return total === undefined ? {records} : {records, total};
}

/**
 * sanitize.ts's sanitizeDeep rules, but copy-on-write: a clean value comes back as the same reference.
 * Almost every row is clean, so 50,000 rows cost no copies (and little garbage collection).
 */
export function cleanDeep(value: unknown): unknown {
	if (typeof value === 'string') return sanitizeText(value);
	if (Array.isArray(value)) {
		let out: unknown[] | undefined;
		for (let index = 0; index < value.length; index++) {
			const item = value[index];
			const clean = cleanDeep(item);
			if (clean !== item && !out) out = value.slice(0, index);
			out?.push(clean);
		}
		return out ?? value;
	}
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const keys = Object.keys(record);
		let out: Record<string, unknown> | undefined;
		for (let index = 0; index < keys.length; index++) {
			const key = keys[index];
			const item = record[key];
			const cleanKey = sanitizeText(key);
			const clean = cleanDeep(item);
			if (!out && (cleanKey !== key || clean !== item)) {
				out = {};
				for (const earlier of keys.slice(0, index)) setOwn(out, earlier, record[earlier]);
			}
			if (out) setOwn(out, cleanKey, clean);
		}
		return out ?? value;
	}
	return value;
}

/** A plain assignment of `__proto__` would set the prototype instead of keeping the field. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}

/** The archiveFileName as the service sent it, on records whose name sanitising changed. */
export const RAW_NAME = Symbol.for('cassi.rawArchiveFileName');

/**
 * Sanitising turns "CGI_\u001B]0;x\u0007" into "CGI_": fine to show, wrong to save under (another
 * record may clean to the same name). The download takes the original, which the name check
 * refuses. A symbol key: spreads keep it, JSON output never shows it.
 */
function keepRawNames(raw: unknown[], clean: CassiRecord[]): void {
	for (let index = 0; index < clean.length; index++) {
		const name = (raw[index] as {archiveFileName: string}).archiveFileName;
		if (clean[index].archiveFileName !== name) (clean[index] as unknown as Record<symbol, unknown>)[RAW_NAME] = name;
	}
}

/** The name a record's file is saved under: the service's own (validated by the download engine). */
export function downloadName(record: CassiRecord): string {
	const raw = (record as unknown as Record<symbol, unknown>)[RAW_NAME];
	return typeof raw === 'string' ? raw : record.archiveFileName;
}

/** The script's drop_duplicates subset; missing and null count as equal, as in pandas. */
export function recordId(record: CassiRecord): string {
	return JSON.stringify([
		record.checksum ?? null,
		record.fileType,
		record.ingestCompletionDate,
		record.archiveFileName,
		record.search_key ?? null,
	]);
}

/** The 64-bit hash of recordId's fields, left in the hasher's h1 and h2. */
function hashKeyFields(hasher: KeyHasher, record: CassiRecord): void {
	hasher.reset();
	hasher.field(record.checksum);
	hasher.field(record.fileType);
	hasher.field(record.ingestCompletionDate);
	hasher.field(record.archiveFileName);
	hasher.field(record.search_key);
	hasher.finish();
}

const idHasher = new KeyHasher();

/** The record's de-duplication hash, in the returned (shared) hasher's h1 and h2: read them at once. */
export function recordKeyHash(record: CassiRecord): {readonly h1: number; readonly h2: number} {
	hashKeyFields(idHasher, record);
	return idHasher;
}

/**
 * The id of a de-duplication hash: recordId in ~14 characters, for what a session holds per row
 * (300k JSON ids cost ~50 MB). Two rows share one only when the Deduper would already have
 * dropped one of them as a repeat.
 */
export function compactId(h1: number, h2: number): string {
	return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
}

/** The hash a compact id was made from, or undefined for any other string. */
export function compactIdHash(id: string): [number, number] | undefined {
	const dot = id.indexOf('.');
	if (dot < 1 || dot > 7 || id.length - dot - 1 < 1 || id.length - dot - 1 > 7) return undefined;
	const h1 = Number.parseInt(id.slice(0, dot), 36) | 0;
	const h2 = Number.parseInt(id.slice(dot + 1), 36) | 0;
	return compactId(h1, h2) === id ? [h1, h2] : undefined;
}

/**
 * Keeps the first of every duplicate, across all the pages it is fed. It holds only a compact
 * hash of each record's key fields (dedupe-keys.ts), the same fields as recordId, so a
 * million rows cost tens of megabytes, not hundreds.
 */
export class Deduper {
	private readonly seen = new KeySet();
	private readonly hasher = new KeyHasher();
	duplicates = 0;

	private hash(record: CassiRecord): void {
		hashKeyFields(this.hasher, record);
	}

	/**
	 * The records not seen before; `countRepeats` false for rows we asked for again. `hashes`
	 * receives each fresh record's hash (h1, h2), so a row key need not hash the fields again.
	 * `known`: the records' hashes already made (ParsedSearch.keyHashes), in the same order.
	 */
	add(records: readonly CassiRecord[], countRepeats = true, hashes?: KeyList, known?: Int32Array): CassiRecord[] {
		const fresh: CassiRecord[] = [];
		this.seen.reserve(this.seen.size + records.length);
		for (let index = 0; index < records.length; index++) {
			const record = records[index];
			let h1: number;
			let h2: number;
			if (known) {
				h1 = known[2 * index];
				h2 = known[2 * index + 1];
			} else {
				this.hash(record);
				h1 = this.hasher.h1;
				h2 = this.hasher.h2;
			}
			if (!this.seen.add(h1, h2)) {
				if (countRepeats) this.duplicates++;
				continue;
			}
			fresh.push(record);
			hashes?.push(h1, h2);
		}
		return fresh;
	}

	/** Whether a record of this hash (h1, h2) was seen. */
	hasKey(h1: number, h2: number): boolean {
		return this.seen.has(h1, h2);
	}

	get size(): number {
		return this.seen.size;
	}
}

/** The download's `product_url`, or undefined ("Missing URL" in the script). */
export function productUrl(record: CassiRecord): string | undefined {
	const url = record.distribution?.url?.mast;
	return typeof url === 'string' && url.length > 0 ? url : undefined;
}

/** Size in bytes when the service said so. */
export function recordSize(record: CassiRecord): number | undefined {
	const size: unknown = record.distribution?.size;
	const value = typeof size === 'string' && /^\d+$/.test(size) ? Number(size) : size;
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export interface Exposure {
	startTime?: string;
	endTime?: string;
}

/** Exposure times: the script reads the nested `times`; a top-level copy is accepted too. */
export function exposure(record: CassiRecord): Exposure {
	const pick = (nested: unknown, top: unknown) =>
		typeof nested === 'string' ? nested : typeof top === 'string' ? top : undefined;
	const out: Exposure = {};
	const start = pick(record.times?.startTime, record.startTime);
	const end = pick(record.times?.endTime, record.endTime);
	if (start !== undefined) out.startTime = start;
	if (end !== undefined) out.endTime = end;
	return out;
}
