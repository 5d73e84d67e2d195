/**
 * `--count` and `--list-filetypes` need of each row its file type and its identity (the
 * de-duplication hash of its key fields), never the row. JSON.parse of a whole 50,000-row body
 * makes ~50 MB of objects that all stay alive until the page is handled, so the garbage collector
 * copies every one of them twice (about as long as the parse itself). Read piece by piece instead,
 * as the body arrives, each row kept as its file type and hash: the rest of a piece dies young and
 * costs the collector nothing, and the work is done while the rest of the body is on its way.
 *
 * Only a plain body is read this way: ASCII without a backslash (so no escape: every string is its
 * own text, and clean), starting `{"results":[`. It is cut between rows where `},{` stands; a cut
 * anywhere else (inside a string, or deeper than a row) leaves a piece that does not parse, since
 * every piece but the last must parse as a whole array. Each row must pass the record checks
 * (plainlyValid). Anything unusual gives undefined, and the caller parses the body in full, which
 * decides and words any error: this path never changes an answer or an error, it only skips work.
 */
import {KeyList} from './dedupe-keys.js';
import {plainlyValid, recordKeyHash, type ParsedSearch} from './records.js';
import {jsonBytesAreClean} from './sanitize.js';
import type {CassiRecord} from './types.js';

/** What a counted row keeps: its file type (its identity is its de-duplication hash, kept beside it). */
export type KeyRecord = Pick<CassiRecord, 'fileType'>;

/** About this much text per piece: its objects fit well inside the young generation. */
const PIECE_BYTES = 256 * 1024;

const HEAD = /^[ \t\r\n]*\{[ \t\r\n]*"results"[ \t\r\n]*:[ \t\r\n]*\[/;

/**
 * The key the rest of the body is parsed under: a control character, which no key of a body
 * without backslashes can be (JSON.parse refuses one written as itself).
 */
const REST = '\u0001';

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The `}` of the first `},{` (white space allowed after the comma) at or after `from` and wholly
 * before `end`; -1 when none is there yet.
 */
function nextCut(bytes: Buffer, from: number, end: number): number {
	const arrived = bytes.subarray(0, end);
	for (let at = arrived.indexOf('},', from, 'latin1'); at !== -1; at = arrived.indexOf('},', at + 2, 'latin1')) {
		let next = at + 2;
		while (next < end && SPACE.has(arrived[next]!)) next++;
		if (next >= end) return -1;
		if (arrived[next] === 0x7b) return at;
	}
	return -1;
}

/**
 * Adds each row's file type and its de-duplication hash (made here, while the rest of the body is
 * still arriving, not after it); false when a row is not plainly valid (the full parse then words the error).
 * Nothing else of the row is kept, so nothing else survives the piece (the collector copies what survives).
 */
function keep(rows: unknown, into: KeyRecord[], hashes: KeyList, types: Map<string, string>): boolean {
	if (!Array.isArray(rows)) return false;
	for (const row of rows) {
		if (!plainlyValid(row)) return false;
		const hash = recordKeyHash(row as CassiRecord);
		hashes.push(hash.h1, hash.h2);
		// One string per file type (a few types, 50,000 rows): the counters then find it at once, and each row's copy dies young.
		const text = (row as CassiRecord).fileType;
		let fileType = types.get(text);
		if (fileType === undefined) types.set(text, (fileType = text));
		into.push({fileType});
	}
	return true;
}

/**
 * `[` + bytes[from, to) + `]` as text, decoded once: the byte before `from` and the one at `to` (the
 * comma and whatever stands before the piece) are the brackets while it is decoded, then themselves
 * again. Concatenated brackets would make JSON.parse copy each 256 kB piece a second time.
 */
function asArray(bytes: Buffer, from: number, to: number): string {
	const before = bytes[from - 1]!;
	const after = bytes[to]!;
	bytes[from - 1] = 0x5b;
	bytes[to] = 0x5d;
	try {
		return bytes.toString('latin1', from - 1, to + 1);
	} finally {
		bytes[from - 1] = before;
		bytes[to] = after;
	}
}

/** ASCII without a backslash or DEL: jsonBytesAreClean for the bytes from `from` to `end`. */
function clean(bytes: Buffer, from: number, end: number): boolean {
	return jsonBytesAreClean(bytes.subarray(from, end));
}

/**
 * Reads a body as it arrives: each piece is parsed as soon as it is whole, while the rest is
 * still on its way (a service sends a large answer over tens of milliseconds). `advance` after each
 * chunk, `finish` with the whole body: the rows, or undefined when the body is not plain.
 */
export class KeyRecordsReader {
	private readonly records: KeyRecord[] = [];
	private readonly hashes = new KeyList(1024);
	private readonly types = new Map<string, string>();
	/** Where the next piece starts; -1 until `{"results":[` is read. */
	private start = -1;
	/** Bytes looked at so far (all of them clean). */
	private seen = 0;
	private failed = false;

	constructor(private readonly pieceBytes = PIECE_BYTES) {}

	/** `bytes[0, end)` have arrived (later bytes of the buffer are not the body yet). */
	advance(bytes: Buffer, end: number): void {
		if (this.failed) return;
		try {
			if (!clean(bytes, this.seen, end)) {
				this.failed = true;
				return;
			}
			this.seen = end;
			if (this.start < 0) {
				const head = HEAD.exec(bytes.toString('latin1', 0, Math.min(end, 256)));
				if (!head) {
					// A head cut off by the end of a short first chunk may still match.
					if (end >= 256) this.failed = true;
					return;
				}
				this.start = head[0].length;
			}
			for (let cut = nextCut(bytes, this.start + this.pieceBytes, end); cut !== -1; cut = nextCut(bytes, this.start + this.pieceBytes, end)) {
				if (!keep(JSON.parse(asArray(bytes, this.start, cut + 1)), this.records, this.hashes, this.types)) {
					this.failed = true;
					return;
				}
				this.start = cut + 2;
			}
		} catch {
			// Not JSON as cut here: the full parse decides (and words the error).
			this.failed = true;
		}
	}

	/** The whole body (the same bytes `advance` saw, and any after them). */
	finish(bytes: Buffer): ParsedSearch | undefined {
		this.advance(bytes, bytes.length);
		if (this.failed || this.start < 0) return undefined;
		const records = this.records as CassiRecord[];
		try {
			// The last rows, the end of the array and whatever the body holds after it (totalResults).
			const rest = JSON.parse(`{"\\u0001":[${bytes.toString('latin1', this.start)}`) as Record<string, unknown>;
			// A second "results" would replace the first in a full parse.
			if (Object.hasOwn(rest, 'results') || !keep(rest[REST], this.records, this.hashes, this.types)) return undefined;
			const keyHashes = this.hashes.first(records.length);
			const total = rest.totalResults;
			if (total === undefined || total === null) return {records, keyHashes};
			return typeof total === 'number' && Number.isFinite(total) ? {records, total, keyHashes} : undefined;
		} catch {
			return undefined;
		}
	}
}

/** The rows of a whole body at once (KeyRecordsReader's answer). `pieceBytes`: tests cut small bodies into many pieces. */
export function keyRecordsOf(bytes: Buffer, pieceBytes = PIECE_BYTES): ParsedSearch | undefined {
	return new KeyRecordsReader(pieceBytes).finish(bytes);
}
