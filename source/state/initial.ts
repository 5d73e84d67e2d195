/** The state a session starts in. */
import {DEFAULT_TYPES, formFromInitial, initialFormState, mergeTypes} from './form.js';
import {MarkSet} from './mark-set.js';
import type {Query} from '../cassi/types.js';
import type {AppState, InitialQuery} from './types.js';

export interface InitialOptions {
	width?: number;
	height?: number;
	initialQuery?: InitialQuery;
	hasToken: boolean;
	/** No token and nothing saved yet: greet a new user first. */
	firstRun?: boolean;
	demo?: boolean;
	/** The service's host when it is not MAST. */
	service?: string;
	lastCheck?: string;
	/** Earlier queries, newest first. */
	history?: Query[];
	now?: Date;
	/** Proposed download folder (default cassi-data). */
	downloadFolder?: string;
}

export function initialState(options: InitialOptions): AppState {
	const screen = options.hasToken ? 'form' : options.firstRun ? 'welcome' : 'token';
	const values = formFromInitial(options.initialQuery);
	return {
		width: options.width ?? 80,
		height: options.height ?? 24,
		now: (options.now ?? new Date()).toISOString(),
		screen,
		previousScreen: 'form',
		helpOpen: false,
		helpScroll: 0,
		form: initialFormState(values),
		// A type given on the command line is offered even when it is not one of the known seven.
		knownTypes: mergeTypes([...DEFAULT_TYPES], values.fileTypes),
		rows: [],
		counts: {},
		search: {id: 0, running: false, received: 0, duplicates: 0},
		filter: '',
		filtering: false,
		filterBefore: '',
		sort: {key: 'ingest', descending: false},
		cursor: 0,
		scroll: 0,
		marks: MarkSet.empty,
		detailScroll: 0,
		checkScroll: 0,
		exportForm: {format: 'csv', scope: 'marked', file: 'cassi-results.csv', focus: 'file'},
		token: {value: '', save: true, checking: false, reason: 'missing'},
		hasToken: options.hasToken,
		demo: options.demo ?? false,
		service: options.service,
		lastCheck: options.lastCheck,
		history: options.history ?? [],
		queueCursor: 0,
		queueDetail: false,
		downloadFolder: options.downloadFolder ?? 'cassi-data',
		spinner: 0,
		requests: {},
		seq: 0,
		firstRun: options.firstRun ?? false,
	};
}
