import {CassiClient} from '../cassi/client.js';
import {csvCell} from '../cassi/sanitize.js';
import type {CassiRecord, Query, SearchCut, SearchPage} from '../cassi/types.js';
import {waitText, type WaitEvent} from '../cassi/waiting.js';
import {
	countByType,
	countJson,
	distinctTypes,
	formatCountCsv,
	formatCountText,
	formatCsv,
	formatTable,
	listColumns,
} from './format.js';

export type HeadlessAction = 'list' | 'count' | 'types';
export type OutputFormat = 'text' | 'json' | 'csv';

export interface SearchRun {
	apiUrl: string;
	token?: string;
	query: Query;
	signal?: AbortSignal;
	/** Live "N of T" on stderr while pages arrive, only when stderr is a terminal. */
	progress?: NodeJS.WriteStream | undefined;
	/** Each page as it arrives (the last one tells whether the result was cut). */
	onPage?: (page: SearchPage) => void;
	/** One wait for the service (`--timeout`), in ms. */
	timeoutMs?: number;
	/** Where "no answer for 5 s" and each retry are told, a line each (stderr unless -q). */
	notices?: NodeJS.WritableStream;
}

export interface SearchOutcome {
	records: CassiRecord[];
	/** `totalResults` as the service last sent it, if it did. */
	total?: number;
	/** Set when more files match than were fetched (the limit, or a service that sent fewer). */
	cut?: SearchCut;
}

export async function runSearch(run: SearchRun): Promise<SearchOutcome> {
	const client = new CassiClient({apiUrl: run.apiUrl, token: run.token, timeoutMs: run.timeoutMs});
	const records: CassiRecord[] = [];
	let total: number | undefined;
	let cut: SearchCut | undefined;
	const progress = run.progress?.isTTY ? run.progress : undefined;
	const notices = run.notices;
	// Clears a live progress line first, so the notice stands on its own line.
	const onWait = notices && ((event: WaitEvent) => notices.write(`${progress ? '\r\u001B[K' : ''}${waitText(event)}\n`));
	try {
		for await (const page of client.searchPages(run.query, {signal: run.signal, onWait})) {
			// A loop, not push(...rows): a page of 100,000+ rows would overflow the call stack.
			for (const record of page.records) records.push(record);
			total = page.total;
			cut = page.cut;
			run.onPage?.(page);
			progress?.write(`\r\u001B[Ksearching… ${page.received}${page.total === undefined ? '' : ` of ${page.total}`} rows`);
		}
	} finally {
		progress?.write('\r\u001B[K');
	}
	return {records, ...(total === undefined ? {} : {total}), ...(cut ? {cut} : {})};
}

/**
 * What an empty answer means, for stderr: nothing matched (stdout stays empty for scripts),
 * or the service counted matches it did not send — never silence either way.
 */
export function emptyAnswer(outcome: SearchOutcome): {line: string; failed: boolean} | undefined {
	if (outcome.records.length > 0) return undefined;
	if (outcome.total !== undefined && outcome.total > 0) {
		return {line: `the service reported ${outcome.total} matching files but sent none: try again later, or check --api-url`, failed: true};
	}
	return {line: 'no files match', failed: false};
}

export function renderResult(
	records: readonly CassiRecord[],
	action: HeadlessAction,
	format: OutputFormat,
	showExpTimes: boolean,
	cut?: SearchCut,
): string {
	if (action === 'count') {
		const counts = countByType(records);
		if (format === 'json') return JSON.stringify(countJson(counts, cut), null, 2) + '\n';
		if (format === 'csv') return formatCountCsv(counts);
		return formatCountText(counts);
	}
	if (action === 'types') {
		const types = distinctTypes(records);
		if (format === 'json') return JSON.stringify(types, null, 2) + '\n';
		if (format === 'csv') return ['fileType', ...types.map(type => csvCell(type))].join('\n') + '\n';
		return types.length === 0 ? '' : types.join('\n') + '\n';
	}
	if (format === 'json') return JSON.stringify(records, null, 2) + '\n';
	const columns = listColumns(showExpTimes);
	if (format === 'csv') return formatCsv(records, columns);
	return records.length === 0 ? '' : formatTable(records, columns);
}
