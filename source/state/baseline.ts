/**
 * The browser's morning check: when a query covers one UTC day, the 7 days before it are
 * fetched after its results (a request the effects run in the background), and the counts
 * panel shows each type's typical count beside the day's; `c` opens the whole report.
 */
import {addDays, checkQuery, DEFAULT_BASELINE_DAYS, type CheckReport, type CheckStatus} from '../cassi/check.js';
import {DEFAULT_LIMIT, type Query} from '../cassi/types.js';
import type {Command} from './actions.js';
import type {AppState} from './types.js';

/** The day a query covers, when it is exactly one whole UTC day of ingest and nothing narrower than file types. */
export function oneDay(query: Query | undefined): string | undefined {
	if (!query || query.fileNames || query.expStart || query.expEnd) return undefined;
	const day = /^(\d{4}-\d{2}-\d{2})T00:00:00$/.exec(query.ingestStart ?? '')?.[1];
	return day !== undefined && query.ingestEnd === `${day}T23:59:59` ? day : undefined;
}

/**
 * The baseline days only: the day itself is already in the results. Seven days hold about seven
 * times the day's files, so a limit chosen for the day's list (-l 5) must not cut them: the
 * baseline asks for at least the default limit.
 */
export function baselineQuery(day: string, query: Query): Query {
	const base = {...query, limit: Math.max(query.limit, DEFAULT_LIMIT)};
	return {...checkQuery(day, DEFAULT_BASELINE_DAYS, base), ingestEnd: `${addDays(day, -1)}T23:59:59`};
}

/** Called when a search finishes: a one-day query asks for its baseline. */
export function requestBaseline(state: AppState): AppState {
	const day = oneDay(state.search.query);
	if (day === undefined || state.search.error) return state;
	const seq = state.seq + 1;
	const searchId = state.search.id;
	return {
		...state,
		seq,
		baseline: {searchId, day, status: 'loading'},
		requests: {...state.requests, baseline: {seq, searchId, day, query: baselineQuery(day, state.search.query!)}},
	};
}

export function baselineReady(state: AppState, searchId: number, report: CheckReport): AppState {
	if (state.baseline?.searchId !== searchId) return state;
	return {...state, baseline: {...state.baseline, status: 'ready', report}};
}

export function baselineFailed(state: AppState, searchId: number, message: string): AppState {
	if (state.baseline?.searchId !== searchId) return state;
	return {...state, baseline: {...state.baseline, status: 'failed', error: message}};
}

export function openCheck(state: AppState): AppState {
	if (!state.baseline) {
		const text = state.search.running ? 'The check report comes once the results are in' : 'The check report needs a one-day query: press Y for yesterday or T for today';
		return {...state, message: {text, tone: 'info'}};
	}
	return {...state, screen: 'check', checkScroll: 0};
}

export function onCheck(state: AppState, command: Command): AppState {
	const page = Math.max(1, state.height - 5);
	switch (command) {
		case 'cursor-down':
			return {...state, checkScroll: state.checkScroll + 1};
		case 'cursor-up':
			return {...state, checkScroll: Math.max(0, state.checkScroll - 1)};
		case 'page-down':
			return {...state, checkScroll: state.checkScroll + page};
		case 'page-up':
			return {...state, checkScroll: Math.max(0, state.checkScroll - page)};
		case 'back':
		case 'open-check':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

export interface Typical {
	median: number;
	status: CheckStatus;
	/** The day's result or its baseline was cut: the comparison is not to be trusted (shown as ?). */
	unsure?: boolean;
}

/** Per type and for all files, what the counts panel shows beside the day's count (ready baselines only). */
export function selectTypical(state: Pick<AppState, 'baseline' | 'search'>): {types: Record<string, Typical>; total: Typical} | undefined {
	const report = state.baseline?.status === 'ready' && state.baseline.searchId === state.search.id ? state.baseline.report : undefined;
	if (!report) return undefined;
	// A cut day or baseline (cassi check says "incomplete"): no ▼/▲ that the cut alone may cause.
	const unsure = report.truncated ? {unsure: true} : {};
	const types: Record<string, Typical> = {};
	for (const entry of report.types) types[entry.type] = {median: entry.median, status: entry.status, ...unsure};
	return {types, total: {median: report.total.median, status: report.total.status, ...unsure}};
}
