/** Records → rows, once, as pages arrive: every later sort, filter and frame reads these fields. */
import {exposure, recordId, recordSize} from '../cassi/records.js';
import {sanitizeText} from '../cassi/sanitize.js';
import type {CassiRecord} from '../cassi/types.js';
import {keyOf} from './mark-set.js';
import {shortType} from './type-labels.js';
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

export function toRow(record: CassiRecord): Row {
	const times = exposure(record);
	// The client sanitised these; the fast path makes doing it again nearly free, and the
	// list must never draw an escape sequence whatever fed it.
	const name = sanitizeText(String(record.archiveFileName));
	const type = sanitizeText(String(record.fileType));
	const id = recordId(record);
	const row: Row = {
		id,
		key: keyOf(id),
		record,
		name,
		type,
		// The name, the full type and the label the list shows, so `/hk` finds every HK Telem row.
		haystack: `${name}\u0000${type}\u0000${shortType(type)}`.toLowerCase(),
		ingest: trimSeconds(String(record.ingestCompletionDate)),
		ingestKey: ingestSortKey(String(record.ingestCompletionDate)),
		ingestMs: utcMs(String(record.ingestCompletionDate)),
	};
	if (times.startTime) row.expStart = trimSeconds(times.startTime);
	if (times.endTime) row.expEnd = trimSeconds(times.endTime);
	const size = recordSize(record);
	if (size !== undefined) row.size = size;
	return row;
}
