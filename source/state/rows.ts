/** Records → rows, once, as pages arrive: every later sort, filter and frame reads these fields. */
import {compactRecordId, exposure, recordSize} from '../cassi/records.js';
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

/**
 * A row holds what sorting, filtering and marking read on every key; the times shown only for
 * the ~40 rows on screen (and in the detail view and export) are read from the record when drawn,
 * so 300k rows do not each keep three more strings.
 */
class RecordRow implements Row {
	readonly id: string;
	readonly key: number;
	readonly name: string;
	readonly type: string;
	readonly haystack: string;
	readonly ingestKey: string;
	readonly ingestMs: number;
	readonly size?: number;

	constructor(readonly record: CassiRecord) {
		// The client sanitised these; the fast path makes doing it again nearly free, and the
		// list must never draw an escape sequence whatever fed it.
		const name = sanitizeText(String(record.archiveFileName));
		const type = sanitizeText(String(record.fileType));
		// Compact: the marks table keeps every id of the session, so a row's id is a short hash.
		this.id = compactRecordId(record);
		this.key = keyOf(this.id);
		this.name = name;
		this.type = type;
		// The name, the full type and the label the list shows, so `/hk` finds every HK Telem row.
		this.haystack = `${name}\u0000${type}\u0000${shortType(type)}`.toLowerCase();
		this.ingestKey = ingestSortKey(String(record.ingestCompletionDate));
		this.ingestMs = utcMs(String(record.ingestCompletionDate));
		const size = recordSize(record);
		if (size !== undefined) this.size = size;
	}

	get ingest(): string {
		return trimSeconds(String(this.record.ingestCompletionDate));
	}

	get expStart(): string | undefined {
		const start = exposure(this.record).startTime;
		return start ? trimSeconds(start) : undefined;
	}

	get expEnd(): string | undefined {
		const end = exposure(this.record).endTime;
		return end ? trimSeconds(end) : undefined;
	}
}

export function toRow(record: CassiRecord): Row {
	return new RecordRow(record);
}
