import type {Query} from '../cassi/types.js';

/** `2025-10-04T00:00:00` → `2025-10-04 00:00:00`: the service's UTC times, read by a person. */
function shown(value: string): string {
	return value.replace('T', ' ');
}

/**
 * The UTC window a headless run asks for, as one stderr line: which day "yesterday" or
 * `-12h` meant is otherwise invisible, and a script's log should say what it counted.
 */
export function describeWindow(query: Query): string {
	const parts: string[] = [];
	if (query.ingestStart === undefined && query.ingestEnd === undefined) parts.push('ingest any time');
	else parts.push(`ingest ${query.ingestStart === undefined ? 'the beginning' : shown(query.ingestStart)} → ${query.ingestEnd === undefined ? 'now' : shown(query.ingestEnd)}`);
	if (query.expStart !== undefined || query.expEnd !== undefined) {
		parts.push(`exposure ${query.expStart === undefined ? 'the beginning' : shown(query.expStart)} → ${query.expEnd === undefined ? 'now' : shown(query.expEnd)}`);
	}
	return `${parts.join(', ')} UTC`;
}
