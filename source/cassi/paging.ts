/**
 * Paging that neither loses nor doubles a file, whichever way the service counts.
 *
 * Unknown (../shared/cassi-api.md): whether `offset`, `limit` and `totalResults` count raw rows
 * (the repeated ones included) or distinct files, and whether a response may hold fewer rows
 * than asked while more exist (a page cap). So:
 * - The next page is asked at offset = distinct files so far. Distinct files never outnumber raw
 *   rows, so under either counting that offset is at or before the first unseen file: at worst
 *   the page re-sends rows already held, never skips one.
 * - When rows were repeated so far (distinct < raw), that page tells how the service counts: if
 *   it begins with the row we hold at that raw position, offsets count rows, and later pages
 *   start at the raw row count; if it begins with an unseen file, offsets count files.
 * - Every row the service sends is de-duplicated before anything is cut; the user's limit cuts
 *   files after that, so `--limit N` means N distinct files.
 * - It stops when the files in hand reach the total (or, counting rows, the rows do), on an
 *   empty page, or on a page that adds no new file; a page of only repeats is skipped past a
 *   few times when offsets count rows. A short page alone never ends it (it may be a cap).
 */
import {KeyList} from './dedupe-keys.js';
import {Deduper, recordKeyHash} from './records.js';
import type {CassiRecord, SearchCut, SearchPage} from './types.js';

export type Counting = 'unknown' | 'files' | 'rows';

/** Pages in a row that add no file before a row-counting service is taken to be done. */
const MAX_STALE_PAGES = 3;

export interface PageRequest {
	offset: number;
	limit: number;
}

export interface ServicePage {
	records: CassiRecord[];
	total?: number;
	/** The records' de-duplication hashes, when the reader made them (ParsedSearch.keyHashes). */
	keyHashes?: Int32Array;
}

/** The paging state between requests; `fetch` posts one request. */
export async function* pageThrough(
	limit: number,
	fetch: (request: PageRequest) => Promise<ServicePage>,
	pageSize?: number,
): AsyncGenerator<SearchPage> {
	const deduper = new Deduper();
	// The rows' de-duplication hashes by raw position, a page's worth at a time, only while the counting
	// is unknown: the test for row counting (two rows are the same file when their hashes are, as for the
	// de-duplication). Only positions at or after the file count are ever looked up, so pages wholly
	// before it are dropped (a service that never repeats a row would otherwise have them all held here).
	let rawKeys: Array<{start: number; keys: Int32Array}> | undefined = [];
	let rawEnd = 0;
	/** The hash of the row at raw position `at`, while held: [h1, h2]. */
	const rawKeyAt = (at: number): [number, number] | undefined => {
		for (const {start, keys} of rawKeys ?? []) {
			if (at >= start && 2 * (at - start) < keys.length) return [keys[2 * (at - start)], keys[2 * (at - start) + 1]];
		}
		return undefined;
	};
	let counting: Counting = 'unknown';
	let rows = 0; // rows received, re-sent ones not counted; the raw offset when counting rows
	let files = 0; // files yielded: never more than the limit
	let total: number | undefined;
	let cutByLimit = false;
	let stale = 0;
	let pages = 0;
	let longest = 0;
	let probing = false;
	let probed = false;
	// A belt over the stops below: each page adds a file or is one of a short run of stale ones.
	const maxPages = 2 * limit + 2 * MAX_STALE_PAGES;
	/** The next request, from what is known so far. */
	const nextRequest = (): PageRequest & {overlap: number} => {
		// A probe for one file more than the limit, when only that tells whether more exist (below).
		if (probing) probed = true;
		const wanted: number = probing ? 1 : limit - files;
		const offset = counting === 'rows' ? rows : deduper.size;
		// While unknown, a page at the file count may re-send the rows after it: ask for those too.
		const overlap = counting === 'unknown' ? rows - deduper.size : 0;
		// Rows may repeat: ask for twice the repeats seen so far on top, so the last page rarely falls a
		// file or two short of the limit (files past it are cut after de-duplication, never before).
		const repeats = counting === 'files' || deduper.size === 0 ? 0 : Math.ceil((2 * wanted * (rows - deduper.size)) / deduper.size);
		return {offset, limit: Math.min(wanted + repeats, pageSize ?? wanted + repeats) + overlap, overlap};
	};
	const send = (request: PageRequest & {overlap: number}) => {
		const answer = fetch({offset: request.offset, limit: request.limit});
		// Sent ahead: if the caller stops before taking it, its failure must not go unhandled.
		answer.catch(() => undefined);
		return {request, answer};
	};
	let pending = send(nextRequest());
	for (;;) {
		const {offset, limit: asked, overlap} = pending.request;
		const page = await pending.answer;
		pages++;
		if (page.total !== undefined) total = page.total;
		const got = page.records;
		// Each row's hash, made once: by the reader as the body arrived, or here.
		const known = page.keyHashes ?? keyHashesOf(got);
		let resent = 0;
		if (counting === 'unknown' && got.length > 0) {
			if (overlap > 0) {
				const atOffset = rawKeyAt(offset);
				if (atOffset !== undefined && known[0] === atOffset[0] && known[1] === atOffset[1]) {
					counting = 'rows';
					resent = Math.min(overlap, got.length);
				} else {
					counting = 'files';
				}
			} else if (deduper.hasKey(known[0], known[1])) {
				// Asked at the raw position with no repeats so far: a file count would give a new file here.
				counting = 'rows';
			}
			if (counting === 'unknown') {
				rawKeys!.push({start: rawEnd, keys: known});
				rawEnd += got.length;
			} else {
				rawKeys = undefined;
			}
		}
		// Re-sent rows are ours again, not the service's repeats: they are not counted as duplicates.
		const hashes = new KeyList(got.length);
		const added =
			resent > 0
				? [...deduper.add(got.slice(0, resent), false, hashes, known.subarray(0, 2 * resent)), ...deduper.add(got.slice(resent), true, hashes, known.subarray(2 * resent))]
				: deduper.add(got, true, hashes, known);
		rows += got.length - resent;
		if (rawKeys) rawKeys = rawKeys.filter(({start, keys}) => start + keys.length / 2 > deduper.size);
		const room = limit - files;
		const records = added.length > room ? added.slice(0, room) : added;
		if (added.length > room) cutByLimit = true;
		files += records.length;

		stale = added.length === 0 ? stale + 1 : 0;
		// Shorter than asked and than an earlier page: not a cap (a cap is the same every time), so the end.
		const endOfRows: boolean = got.length < asked && got.length < longest;
		longest = Math.max(longest, got.length);
		// Counting rows, the rows reaching the total end it if the total counts rows too: only a total
		// of files could leave files unseen there, and the rows ending short of a cap rule that out.
		const seenAll: boolean = total !== undefined && (deduper.size >= total || (counting === 'rows' && rows === total && endOfRows));
		// Counting rows, a page of only repeats still moves the offset on: keep going (a few times).
		const staleEnds = stale > 0 && (counting !== 'rows' || stale > MAX_STALE_PAGES);
		// The limit reached exactly, with fewer files than the total but as many rows: the total may count
		// rows (nothing more) or files (more). One more page, for one file, tells which; only once.
		const unsure: boolean = files >= limit && !cutByLimit && !seenAll && total !== undefined && deduper.size < total && rows >= total;
		probing = unsure && !probed;
		const done = (files >= limit && !probing) || seenAll || got.length === 0 || staleEnds || pages >= maxPages;
		const cut = done ? cutOf({cutByLimit, full: files >= limit, seenAll, probed, total, counting, files: deduper.size, rows}) : undefined;
		// The next request goes out now, while the caller handles this page (one in flight ahead).
		if (!done) pending = send(nextRequest());
		const pageHashes = hashes.first(records.length);
		yield {records, hashes: pageHashes, received: rows, total, duplicates: deduper.duplicates, done, ...(cut ? {cut} : {})};
		if (done) return;
	}
}

/** Each record's de-duplication hash: records[i]'s h1, h2 at 2i, 2i + 1. */
function keyHashesOf(records: readonly CassiRecord[]): Int32Array {
	const keys = new Int32Array(2 * records.length);
	for (let index = 0; index < records.length; index++) {
		const hash = recordKeyHash(records[index]);
		keys[2 * index] = hash.h1;
		keys[2 * index + 1] = hash.h2;
	}
	return keys;
}

interface End {
	cutByLimit: boolean;
	full: boolean;
	seenAll: boolean;
	/** A page past the limit was asked for and held no new file. */
	probed: boolean;
	total?: number;
	counting: Counting;
	files: number;
	rows: number;
}

/** Why the answer is incomplete, or undefined when it is all there is. */
function cutOf(end: End): SearchCut | undefined {
	// Repeats were seen and offsets may count rows: the service's total may count them too.
	const approximate = end.files < end.rows && end.counting !== 'files' ? {approximate: true} : {};
	const total = end.total === undefined ? {} : {total: end.total, ...approximate};
	if (end.cutByLimit) return {by: 'limit', known: true, ...total};
	if (end.seenAll) return undefined;
	if (end.full) {
		// Not past the total here (that probes first), so a total says more exist; no total, maybe.
		if (end.probed) return undefined;
		return end.total === undefined ? {by: 'limit', known: false} : {by: 'limit', known: true, ...total};
	}
	// The service stopped sending although its total says more: short of it in files, and the rows
	// received are not exactly it either (as they are when the total counts repeated rows).
	if (end.total !== undefined && end.files < end.total && end.rows !== end.total) return {by: 'service', known: true, total: end.total};
	return undefined;
}
