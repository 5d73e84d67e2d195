import {CassiClient} from '../cassi/client.js';
import type {CassiRecord, Query, SearchCut, SearchPage} from '../cassi/types.js';
import {waitText, type WaitEvent} from '../cassi/waiting.js';
import {resultWriter, type HeadlessAction, type OutputFormat} from './result-writer.js';

export type {HeadlessAction, OutputFormat} from './result-writer.js';

export interface SearchRun {
	apiUrl: string;
	token?: string;
	query: Query;
	signal?: AbortSignal;
	/** Live "N of T" on stderr while pages arrive, only when stderr is a terminal. */
	progress?: NodeJS.WriteStream | undefined;
	/** Each page as it arrives (the last one tells whether the result was cut); the next waits for a returned promise. */
	onPage?: (page: SearchPage) => unknown;
	/** Keep the records in the outcome (default true); false when onPage has written them out. */
	keep?: boolean;
	/** Records only counted (--count, --list-filetypes): they may hold only their file type. */
	countOnly?: boolean;
	/** One wait for the service (`--timeout`), in ms. */
	timeoutMs?: number;
	/** Where "no answer for 5 s" and each retry are told, a line each (stderr unless -q). */
	notices?: NodeJS.WritableStream;
}

export interface SearchOutcome {
	/** Every file, when kept (else empty). */
	records: CassiRecord[];
	/** Distinct files received. */
	count: number;
	/** The file types among them. */
	fileTypes: Set<string>;
	/** `totalResults` as the service last sent it, if it did. */
	total?: number;
	/** Set when more files match than were fetched (the limit, or a service that sent fewer). */
	cut?: SearchCut;
}

export async function runSearch(run: SearchRun): Promise<SearchOutcome> {
	const client = new CassiClient({apiUrl: run.apiUrl, token: run.token, timeoutMs: run.timeoutMs});
	const records: CassiRecord[] = [];
	const fileTypes = new Set<string>();
	const keep = run.keep ?? true;
	let count = 0;
	let total: number | undefined;
	let cut: SearchCut | undefined;
	const progress = run.progress?.isTTY ? run.progress : undefined;
	const notices = run.notices;
	// Clears a live progress line first, so the notice stands on its own line.
	const onWait = notices && ((event: WaitEvent) => notices.write(`${progress ? '\r\u001B[K' : ''}${waitText(event)}\n`));
	try {
		for await (const page of client.searchPages(run.query, {signal: run.signal, onWait, countOnly: run.countOnly})) {
			// A loop, not push(...rows): a page of 100,000+ rows would overflow the call stack.
			for (const record of page.records) {
				if (keep) records.push(record);
				fileTypes.add(record.fileType);
			}
			count += page.records.length;
			total = page.total;
			cut = page.cut;
			await run.onPage?.(page);
			progress?.write(`\r\u001B[Ksearching… ${page.received}${page.total === undefined ? '' : ` of ${page.total}`} rows`);
		}
	} finally {
		progress?.write('\r\u001B[K');
	}
	return {records, count, fileTypes, ...(total === undefined ? {} : {total}), ...(cut ? {cut} : {})};
}

/**
 * What an empty answer means, for stderr: nothing matched (stdout stays empty for scripts),
 * or the service counted matches it did not send — never silence either way.
 */
export function emptyAnswer(outcome: SearchOutcome): {line: string; failed: boolean} | undefined {
	if (outcome.count > 0) return undefined;
	if (outcome.total !== undefined && outcome.total > 0) {
		return {line: `the service reported ${outcome.total} matching files but sent none: try again later, or check --api-url`, failed: true};
	}
	return {line: 'no files match', failed: false};
}

/** The whole output for records already in hand (tests, small answers): the streaming writer's text at once. */
export function renderResult(
	records: readonly CassiRecord[],
	action: HeadlessAction,
	format: OutputFormat,
	showExpTimes: boolean,
	cut?: SearchCut,
): string {
	const writer = resultWriter(action, format, showExpTimes);
	return writer.page(records) + writer.end(cut);
}
