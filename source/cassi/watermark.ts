/**
 * "Since last check" as a watermark of what was seen: the end of the last complete,
 * unfiltered search's range, never later than the moment it ran, and never moving back.
 * (It used to be the clock time a query finished: `Y` at 13:50 then `L` skipped everything
 * ingested between midnight and 13:50, and a query of an old date moved it too.)
 * Kept per API URL in the settings store; only the browser moves it, never the demo.
 */
import {toServiceDate} from './dates.js';
import {endpoints} from './endpoints.js';
// Types only: the store module loads conf, which must not load with the browser's modules.
import type {CassiStore} from './store.js';
import type {Query, SearchPage} from './types.js';

/**
 * Did the search bring every file that matched? Only then does its range count as seen. The
 * client marks the last page `cut` when more match (or, with no total, may match) than came.
 */
export function searchComplete(last: SearchPage | undefined): boolean {
	return last?.done === true && last.cut === undefined;
}

/**
 * The watermark after a search that started at `ranAt`: moved to the end of its ingest range
 * (capped at `ranAt`) only when the search was complete and had no type, name or exposure
 * filter (those see only some of the files); otherwise, or when that is not later, `previous`.
 * Dates are the service's `YYYY-MM-DDTHH:MM:SS[.fff]`, which compare as text.
 */
export function nextWatermark(query: Query, ranAt: Date, complete: boolean, previous: string | undefined): string | undefined {
	if (!complete) return previous;
	if ((query.fileTypes?.length ?? 0) > 0 || query.fileNames !== undefined || query.expStart !== undefined || query.expEnd !== undefined) {
		return previous;
	}
	const now = toServiceDate(ranAt);
	const end = query.ingestEnd !== undefined && query.ingestEnd < now ? query.ingestEnd : now;
	return previous !== undefined && previous >= end ? previous : end;
}

/** One key per service: the same base URL however it was typed. */
export function lastCheckKey(apiUrl: string): string {
	try {
		return endpoints(apiUrl).base.href;
	} catch {
		return apiUrl;
	}
}

const SERVICE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;

/** The watermark for this API URL (an ingestion start for `L` or `-s last-check`), if any. */
export function readLastCheck(store: Pick<CassiStore, 'get'>, apiUrl: string): string | undefined {
	const value = store.get('lastChecks')?.[lastCheckKey(apiUrl)];
	return typeof value === 'string' && SERVICE_DATE.test(value) ? value : undefined;
}

/** Store a watermark for this API URL; it only ever moves forward. */
export function saveLastCheck(store: Pick<CassiStore, 'get' | 'set'>, apiUrl: string, value: string): void {
	const current = readLastCheck(store, apiUrl);
	if (current !== undefined && current >= value) return;
	store.set('lastChecks', {...store.get('lastChecks'), [lastCheckKey(apiUrl)]: value});
}
