/**
 * Before `cassi resume` continues, each unfinished file's record is asked for again by name: the
 * archive may have replaced a file since the journal was written. A changed size or checksum means
 * the part on disk belongs to the old copy, so that file starts afresh (said in one line) instead of
 * ending "corrupted" after a wasted resume. Names that are patterns to the service are left as they are.
 */
import type {CassiRecord} from '../types.js';
import {downloadName} from '../records.js';
import {itemFromRecord} from './items.js';
import type {DownloadItem} from './types.js';

/** Looks records up by exact names (one search per batch); the real one is CassiClient.search. */
export type RecordLookup = (names: string[]) => Promise<CassiRecord[]>;

const BATCH = 100;
// `*`, `%`, `[` and `!` are pattern syntax in archiveFileName conditions; `,` separates names.
const PATTERN = /[*%[\]!,]/;

export interface Refreshed {
	/** The current record of each name the service still lists (the newest ingest when several). */
	items: Map<string, DownloadItem>;
	/** Set when the lookup failed: resume goes on with the journal's records. */
	error?: string;
}

function newer(a: CassiRecord, b: CassiRecord): boolean {
	return String(a.ingestCompletionDate) > String(b.ingestCompletionDate);
}

export async function refreshItems(names: string[], lookup: RecordLookup): Promise<Refreshed> {
	const wanted = names.filter(name => !PATTERN.test(name));
	const newest = new Map<string, CassiRecord>();
	try {
		for (let start = 0; start < wanted.length; start += BATCH) {
			const batch = wanted.slice(start, start + BATCH);
			const asked = new Set(batch);
			for (const record of await lookup(batch)) {
				const name = downloadName(record);
				if (!asked.has(name)) continue;
				const seen = newest.get(name);
				if (!seen || newer(record, seen)) newest.set(name, record);
			}
		}
	} catch (error) {
		return {items: new Map(), error: error instanceof Error ? error.message : String(error)};
	}
	return {items: new Map([...newest].map(([name, record]) => [name, itemFromRecord(record)]))};
}

/** Why the archive's copy differs from the one the part was fetched from, or undefined when it does not. */
export function changedBecause(before: DownloadItem, now: DownloadItem): string | undefined {
	if (before.size !== undefined && now.size !== undefined && before.size !== now.size) return `its size changed from ${before.size} to ${now.size} bytes`;
	const a = before.checksum?.trim().toLowerCase();
	const b = now.checksum?.trim().toLowerCase();
	if (a && b && a !== b) return 'its checksum changed';
	return undefined;
}
