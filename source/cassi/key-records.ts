/**
 * `--count` and `--list-filetypes` need five fields of each row (the de-duplication key, of which
 * fileType is one), never the row. JSON.parse of a whole 50,000-row body makes ~50 MB of objects
 * that all stay alive until the page is handled, so the garbage collector copies every one of
 * them twice (about as long as the parse itself). Read piece by piece instead, each row kept as its
 * key fields only, the rest of a piece dies young and costs the collector nothing.
 *
 * Only a plain body is read this way: ASCII without a backslash (so no escape: every string is its
 * own text, and clean), starting `{"results":[`. It is cut between rows where `},{` stands; a cut
 * anywhere else (inside a string, or deeper than a row) leaves a piece that does not parse, since
 * every piece but the last must parse as a whole array. Each row must pass the record checks
 * (plainlyValid). Anything unusual gives undefined, and the caller parses the body in full, which
 * decides and words any error: this path never changes an answer or an error, it only skips work.
 */
import {plainlyValid, type ParsedSearch} from './records.js';
import type {CassiRecord} from './types.js';

/** The fields a counted row keeps (the de-duplication key). */
export type KeyRecord = Pick<CassiRecord, 'archiveFileName' | 'fileType' | 'ingestCompletionDate' | 'checksum' | 'search_key'>;

/** About this much text per piece: its objects fit well inside the young generation (cli.tsx sizes it). */
const PIECE_BYTES = 256 * 1024;

const HEAD = /^[ \t\r\n]*\{[ \t\r\n]*"results"[ \t\r\n]*:[ \t\r\n]*\[/;

/**
 * The key the rest of the body is parsed under: a control character, which no key of a body
 * without backslashes can be (JSON.parse refuses one written as itself).
 */
const REST = '\u0001';

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The `}` of the first `},{` (white space allowed after the comma) at or after `from`, or -1. */
function nextCut(bytes: Buffer, from: number): number {
	for (let at = bytes.indexOf('},', from, 'latin1'); at !== -1; at = bytes.indexOf('},', at + 2, 'latin1')) {
		let next = at + 2;
		while (SPACE.has(bytes[next]!)) next++;
		if (bytes[next] === 0x7b) return at;
	}
	return -1;
}

/** Adds each row's key fields; false when a row is not plainly valid (the full parse then words the error). */
function keep(rows: unknown, into: KeyRecord[]): boolean {
	if (!Array.isArray(rows)) return false;
	for (const row of rows) {
		if (!plainlyValid(row)) return false;
		const {archiveFileName, fileType, ingestCompletionDate, checksum, search_key} = row as CassiRecord;
		into.push({archiveFileName, fileType, ingestCompletionDate, checksum, search_key});
	}
	return true;
}

/**
 * The rows of a plain search body as KeyRecords (typed as records: they are only counted and
 * de-duplicated), with the total; undefined for any other body. `bytes` must be ASCII without a
 * backslash or DEL (jsonBytesAreClean). `pieceBytes`: tests cut small bodies into many pieces.
 */
export function keyRecordsOf(bytes: Buffer, pieceBytes = PIECE_BYTES): ParsedSearch | undefined {
	const head = HEAD.exec(bytes.toString('latin1', 0, Math.min(bytes.length, 256)));
	if (!head) return undefined;
	const records: KeyRecord[] = [];
	let start = head[0].length;
	try {
		for (let cut = nextCut(bytes, start + pieceBytes); cut !== -1; cut = nextCut(bytes, start + pieceBytes)) {
			if (!keep(JSON.parse(`[${bytes.toString('latin1', start, cut + 1)}]`), records)) return undefined;
			start = cut + 2;
		}
		// The last rows, the end of the array and whatever the body holds after it (totalResults).
		const rest = JSON.parse(`{"\\u0001":[${bytes.toString('latin1', start)}`) as Record<string, unknown>;
		// A second "results" would replace the first in a full parse.
		if (Object.hasOwn(rest, 'results') || !keep(rest[REST], records)) return undefined;
		const total = rest.totalResults;
		if (total === undefined || total === null) return {records: records as CassiRecord[]};
		return typeof total === 'number' && Number.isFinite(total) ? {records: records as CassiRecord[], total} : undefined;
	} catch {
		// Not JSON as cut here: the full parse decides (and words the error).
		return undefined;
	}
}
