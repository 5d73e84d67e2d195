/** Search lifecycle: a run request, pages arriving (rows and counts grow incrementally), the end. */
import type {Query, SearchPage} from '../cassi/types.js';
import {cutWords} from '../cassi/cut.js';
import {checkForm, formFromInitial, mergeTypes} from './form.js';
import {keepCursorRow} from './navigation.js';
import {pageRows} from './rows.js';
import type {AppState} from './types.js';

/** The same query whatever order its fields were set in. */
export function queryKey(query: Query): string {
	return JSON.stringify(Object.keys(query).sort().map(name => [name, query[name as keyof Query]]));
}

/** Validate the form and ask the effects to search; results, counts and cursor start afresh, marks stay. */
export function runQuery(state: AppState): AppState {
	const {errors, query} = checkForm(state.form.values, new Date(state.now));
	if (!query) {
		const first = Object.values(errors)[0] ?? 'the form is not valid';
		return {...state, screen: 'form', message: {text: `Fix the form first: ${first}`, tone: 'error'}};
	}
	const seq = state.seq + 1;
	return {
		...state,
		seq,
		screen: state.hasToken ? 'browse' : state.screen,
		rows: [],
		counts: {},
		cursor: 0,
		scroll: 0,
		rangeAnchor: undefined,
		typeFilter: undefined,
		baseline: undefined,
		search: {id: seq, running: true, received: 0, duplicates: 0, query},
		requests: {...state.requests, search: {seq, query}},
	};
}

/**
 * `F` on a result the limit cut: the same query (its window as it was run, not as relative
 * dates would read now) with a limit that holds the service's total, or double the old one.
 */
export function fetchRest(state: AppState): AppState {
	const {cut, query, running} = state.search;
	if (running || !query || cut?.by !== 'limit') {
		const text = cut?.by === 'service' ? 'The service sent fewer files than it reported: r runs the query again' : 'Nothing more to fetch: the result is complete';
		return {...state, message: {text, tone: 'info'}};
	}
	const limit = cutWords(state.rows.length, cut, query.limit).raiseTo ?? 2 * query.limit;
	return runQuery({...state, form: {...state.form, values: formFromInitial({...query, limit})}});
}

export function addPage(state: AppState, id: number, page: SearchPage): AppState {
	if (id !== state.search.id) return state;
	const search = {
		...state.search,
		received: page.received,
		total: page.total,
		duplicates: page.duplicates,
		cut: page.cut,
		// An answer came: whatever kept us waiting is over.
		waiting: undefined,
	};
	if (page.records.length === 0) return {...state, search};
	const fresh = pageRows(page);
	const counts = {...state.counts};
	for (const row of fresh) counts[row.type] = (counts[row.type] ?? 0) + 1;
	const next: AppState = {
		...state,
		search,
		rows: state.rows.concat(fresh),
		counts,
		knownTypes: mergeTypes(state.knownTypes, Object.keys(counts)),
	};
	return keepCursorRow(state, next);
}

/** `lastCheck` is the watermark the effects computed (see cassi/watermark.ts), not the clock. */
export function finishSearch(state: AppState, id: number, at: string, lastCheck: string | undefined = state.lastCheck): AppState {
	if (id !== state.search.id) return state;
	const query = state.search.query;
	const key = query && queryKey(query);
	const history = query ? [query, ...state.history.filter(entry => queryKey(entry) !== key)].slice(0, 50) : state.history;
	return {...state, lastCheck, history, form: {...state.form, historyIndex: undefined}, search: {...state.search, running: false, finishedAt: at, waiting: undefined}};
}

export function failSearch(state: AppState, id: number, message: string): AppState {
	if (id !== state.search.id) return state;
	return {...state, search: {...state.search, running: false, error: message, waiting: undefined}, message: {text: message, tone: 'error'}};
}
