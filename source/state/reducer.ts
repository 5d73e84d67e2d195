/**
 * The one reducer. Commands (from keys) are interpreted by the screen and mode they arrive
 * in; Esc closes only the innermost thing open (confirm, help, filter line, then a screen).
 */
import prettyBytes from 'pretty-bytes';
import type {Action, Command} from './actions.js';
import {applyPreset, clearFormField, formBackspace, moveFormFocus, submitForm, toggleFormType, typeIntoForm} from './form-reducer.js';
import {listHeight, detailHeight} from './layout.js';
import {CLEAR_CONFIRM_THRESHOLD, invertMarks, markAll, markAndMove, markRange, markType} from './marks.js';
import {clampCursor, keepCursorRow, moveCursor, movePage} from './navigation.js';
import {
	changeExportOption,
	downloadsRunning,
	exportBackspace,
	leaveToken,
	moveExportFocus,
	moveQueueCursor,
	openExport,
	openToken,
	queueOp,
	requestDemo,
	requestDownload,
	submitToken,
	typeExport,
	typeToken,
	writeExport,
} from './screens-reducer.js';
import {addPage, failSearch, finishSearch, runQuery} from './search-reducer.js';
import {selectCursorRow, selectMarked, selectTypeCounts, selectView} from './selectors.js';
import {toRow} from './rows.js';
import type {AppState, SortKey} from './types.js';

const SORT_CYCLE: Array<{key: SortKey; descending: boolean}> = [
	{key: 'ingest', descending: false},
	{key: 'ingest', descending: true},
	{key: 'name', descending: false},
	{key: 'name', descending: true},
	{key: 'type', descending: false},
	{key: 'type', descending: true},
	{key: 'size', descending: true},
	{key: 'size', descending: false},
];

function requestQuit(state: AppState, confirmed = false): AppState {
	if (!confirmed && downloadsRunning(state) && state.confirm?.kind !== 'quit') {
		return {...state, confirm: {kind: 'quit', message: 'Downloads are running. Quit anyway? They stay resumable (y/n)'}};
	}
	const seq = state.seq + 1;
	return {...state, seq, confirm: undefined, quitting: true, requests: {...state.requests, quit: {seq}}};
}

function onConfirm(state: AppState, command: Command): AppState {
	const confirm = state.confirm!;
	if (command === 'force-quit') return requestQuit(state);
	if (command === 'confirm-no' || command === 'back') return {...state, confirm: undefined};
	if (command !== 'confirm-yes') return state;
	const closed = {...state, confirm: undefined};
	switch (confirm.kind) {
		case 'clear-marks':
			return {...closed, marks: new Set(), message: {text: 'Marks cleared', tone: 'info'}};
		case 'download':
			return requestDownload(closed);
		default:
			return requestQuit(closed, true);
	}
}

function cycleType(state: AppState, delta: number): AppState {
	const types = selectTypeCounts(state).map(entry => entry.type);
	if (types.length === 0) return state;
	const options: Array<string | undefined> = [undefined, ...types];
	const index = options.indexOf(state.typeFilter);
	const typeFilter = options[(index + delta + options.length) % options.length];
	return keepCursorRow(state, {...state, typeFilter});
}

function cycleSort(state: AppState): AppState {
	const index = SORT_CYCLE.findIndex(item => item.key === state.sort.key && item.descending === state.sort.descending);
	return keepCursorRow(state, {...state, sort: SORT_CYCLE[(index + 1) % SORT_CYCLE.length]});
}

function askDownload(state: AppState): AppState {
	const marked = selectMarked(state);
	if (marked.count === 0) return requestDownload(state);
	const size = marked.unknownSize === marked.count ? 'size unknown' : prettyBytes(marked.bytes);
	const seq = state.seq + 1;
	return {
		...state,
		seq,
		confirm: {kind: 'download', message: `Download ${marked.count} marked files (${size})? (y/n)`},
		requests: {...state.requests, freeSpace: {seq}},
	};
}

function onBrowse(state: AppState, command: Command): AppState {
	const page = listHeight(state.height);
	switch (command) {
		case 'cursor-down':
			return moveCursor(state, 1);
		case 'cursor-up':
			return moveCursor(state, -1);
		case 'top':
			return clampCursor({...state, cursor: 0});
		case 'bottom':
			return clampCursor({...state, cursor: selectView(state).length - 1});
		case 'page-down':
			return movePage(state, page);
		case 'page-up':
			return movePage(state, -page);
		case 'half-down':
			return movePage(state, Math.max(1, Math.floor(page / 2)));
		case 'half-up':
			return movePage(state, -Math.max(1, Math.floor(page / 2)));
		case 'mark':
		case 'mark-down':
			return markAndMove(state, 1);
		case 'mark-up':
			return markAndMove(state, -1);
		case 'range':
			return markRange(state);
		case 'mark-all':
			return markAll(state);
		case 'invert-marks':
			return invertMarks(state);
		case 'clear-marks': {
			const count = selectMarked(state).count;
			if (count > CLEAR_CONFIRM_THRESHOLD) return {...state, confirm: {kind: 'clear-marks', message: `Clear all ${count} marks? (y/n)`}};
			return {...state, marks: new Set()};
		}
		case 'mark-type':
			return markType(state);
		case 'filter':
			return {...state, filtering: true, filterBefore: state.filter};
		case 'next-type':
			return cycleType(state, 1);
		case 'prev-type':
			return cycleType(state, -1);
		case 'sort':
			return cycleSort(state);
		case 'detail': {
			const row = selectCursorRow(state);
			return row ? {...state, screen: 'detail', detailId: row.id, detailScroll: 0} : state;
		}
		case 'refresh':
			return runQuery(state);
		case 'preset-today':
		case 'preset-yesterday':
		case 'preset-week':
		case 'preset-last-check':
			return onForm(state, command);
		case 'download':
			return askDownload(state);
		case 'open-export':
			return openExport(state);
		case 'back':
			if (state.rangeAnchor !== undefined) return {...state, rangeAnchor: undefined};
			if (state.typeFilter !== undefined || state.filter) return keepCursorRow(state, {...state, typeFilter: undefined, filter: ''});
			return state;
		default:
			return state;
	}
}

function onFilter(state: AppState, command: Command): AppState {
	switch (command) {
		case 'backspace':
			return keepCursorRow(state, {...state, filter: state.filter.slice(0, -1)});
		case 'text-done':
			return {...state, filtering: false};
		case 'back':
			return keepCursorRow(state, {...state, filtering: false, filter: state.filterBefore});
		default:
			return state;
	}
}

function onForm(state: AppState, command: Command): AppState {
	switch (command) {
		case 'form-next':
			return moveFormFocus(state, 1);
		case 'form-prev':
			return moveFormFocus(state, -1);
		case 'form-run':
			return submitForm(state);
		case 'form-toggle':
			return toggleFormType(state);
		case 'form-clear-field':
			return clearFormField(state);
		case 'backspace':
			return formBackspace(state);
		case 'preset-today':
			return applyPreset(state, 'today');
		case 'preset-yesterday':
			return applyPreset(state, 'yesterday');
		case 'preset-week':
			return applyPreset(state, 'week');
		case 'preset-last-check':
			return applyPreset(state, 'last-check');
		case 'back':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

function onDetail(state: AppState, command: Command): AppState {
	const page = detailHeight(state.height);
	switch (command) {
		case 'cursor-down':
			return {...state, detailScroll: state.detailScroll + 1};
		case 'cursor-up':
			return {...state, detailScroll: Math.max(0, state.detailScroll - 1)};
		case 'page-down':
			return {...state, detailScroll: state.detailScroll + page};
		case 'page-up':
			return {...state, detailScroll: Math.max(0, state.detailScroll - page)};
		case 'top':
			return {...state, detailScroll: 0};
		case 'back':
		case 'detail':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

function onQueue(state: AppState, command: Command): AppState {
	switch (command) {
		case 'cursor-down':
			return moveQueueCursor(state, 1);
		case 'cursor-up':
			return moveQueueCursor(state, -1);
		case 'top':
			return moveQueueCursor(state, -Infinity);
		case 'bottom':
			return moveQueueCursor(state, Infinity);
		case 'queue-pause':
			return queueOp(state, state.queue?.totals.paused ? 'resume' : 'pause');
		case 'queue-cancel':
			return queueOp(state, 'cancel');
		case 'queue-retry':
			return queueOp(state, 'retry');
		case 'queue-remove':
			return queueOp(state, 'remove');
		case 'back':
		case 'open-queue':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

function onExport(state: AppState, command: Command): AppState {
	switch (command) {
		case 'export-next':
			return moveExportFocus(state, 1);
		case 'export-prev':
			return moveExportFocus(state, -1);
		case 'export-option-next':
			return changeExportOption(state, 1);
		case 'export-option-prev':
			return changeExportOption(state, -1);
		case 'backspace':
			return exportBackspace(state);
		case 'export-write':
			return writeExport(state);
		case 'back':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

function onToken(state: AppState, command: Command): AppState {
	switch (command) {
		case 'backspace':
			return {...state, token: {...state.token, value: state.token.value.slice(0, -1)}};
		case 'token-submit':
			return submitToken(state);
		case 'token-toggle-save':
			return {...state, token: {...state.token, save: !state.token.save}};
		case 'open-demo':
			return requestDemo(state);
		case 'back':
			return leaveToken(state);
		default:
			return state;
	}
}

function onWelcome(state: AppState, command: Command): AppState {
	if (command === 'open-demo') return requestDemo(state);
	if (command === 'open-token') return openToken(state, 'missing');
	return state;
}

function onHelp(state: AppState, command: Command): AppState {
	const page = Math.max(1, state.height - 5);
	switch (command) {
		case 'back':
			return {...state, helpOpen: false};
		case 'cursor-down':
			return {...state, helpScroll: state.helpScroll + 1};
		case 'cursor-up':
			return {...state, helpScroll: Math.max(0, state.helpScroll - 1)};
		case 'page-down':
			return {...state, helpScroll: state.helpScroll + page};
		case 'page-up':
			return {...state, helpScroll: Math.max(0, state.helpScroll - page)};
		default:
			return state;
	}
}

function onCommand(state: AppState, command: Command): AppState {
	if (state.confirm) return onConfirm(state, command);
	if (command === 'force-quit' || command === 'quit') return requestQuit(state);
	if (command === 'help') return {...state, helpOpen: !state.helpOpen, helpScroll: 0};
	if (state.helpOpen) return onHelp(state, command);
	// Screens reachable from anywhere in browse-like screens.
	if (command === 'open-form' && state.hasToken) return {...state, screen: 'form', filtering: false};
	if (command === 'open-queue' && state.screen !== 'queue') return {...state, screen: 'queue', filtering: false};
	switch (state.screen) {
		case 'browse':
			return state.filtering ? onFilter(state, command) : onBrowse(state, command);
		case 'form':
			return onForm(state, command);
		case 'detail':
			return onDetail(state, command);
		case 'queue':
			return onQueue(state, command);
		case 'export':
			return onExport(state, command);
		case 'token':
			return onToken(state, command);
		case 'welcome':
			return onWelcome(state, command);
		default:
			return state;
	}
}

function onText(state: AppState, text: string): AppState {
	if (state.confirm || state.helpOpen) return state;
	switch (state.screen) {
		case 'browse':
			return state.filtering ? keepCursorRow(state, {...state, filter: state.filter + text}) : state;
		case 'form':
			return typeIntoForm(state, text);
		case 'token':
			return typeToken(state, text);
		case 'export':
			return typeExport(state, text);
		default:
			return state;
	}
}

export function reducer(state: AppState, action: Action): AppState {
	switch (action.type) {
		case 'command': {
			const base = state.message ? {...state, message: undefined, now: action.now} : {...state, now: action.now};
			return onCommand(base, action.command);
		}
		case 'text':
			return onText({...state, now: action.now}, action.text);
		case 'resize':
			if (action.width === state.width && action.height === state.height) return state;
			return clampCursor({...state, width: action.width, height: action.height});
		case 'tick':
			return state.search.running || state.token.checking ? {...state, spinner: state.spinner + 1} : state;
		case 'run-query':
			return runQuery({...state, now: action.now});
		case 'search-page':
			return addPage(state, action.id, action.page);
		case 'search-done':
			return finishSearch(state, action.id, action.at);
		case 'search-failed':
			return failSearch(state, action.id, action.message);
		case 'auth-required': {
			const opened = openToken({...state, hasToken: false, search: {...state.search, running: false}}, 'rejected');
			return {...opened, token: {...opened.token, error: action.message}};
		}
		case 'token-checking':
			return {...state, token: {...state.token, checking: true}};
		case 'token-accepted': {
			const accepted: AppState = {
				...state,
				hasToken: true,
				firstRun: false,
				token: {...state.token, value: '', checking: false, error: undefined},
				screen: state.previousScreen === 'token' || state.previousScreen === 'welcome' ? 'form' : state.previousScreen,
				message: {text: action.saved ? 'Token accepted and saved' : 'Token accepted (not saved)', tone: 'success'},
			};
			// A search cut short by the rejected token picks up again with the new one.
			if (accepted.search.query && !accepted.search.finishedAt && accepted.rows.length === 0) return runQuery(accepted);
			return accepted;
		}
		case 'token-rejected':
			return {...state, token: {...state.token, checking: false, error: action.message}};
		case 'demo-opened':
			return {
				...state,
				hasToken: true,
				demo: true,
				firstRun: false,
				screen: 'form',
				form: {...state.form, focus: 'presets'},
				message: {text: 'Demo archive open: press Y for yesterday, T today, 7 the last week', tone: 'success'},
			};
		case 'queue-snapshot': {
			const files = action.snapshot.files.length;
			return {...state, queue: action.snapshot, queueCursor: Math.min(state.queueCursor, Math.max(0, files - 1))};
		}
		case 'message':
			return {...state, message: {text: action.text, tone: action.tone}};
		case 'free-space': {
			if (state.confirm?.kind !== 'download') return state;
			const needed = selectMarked(state).bytes;
			const room = `${prettyBytes(action.free)} free in ${action.folder}`;
			const warning = needed > action.free ? ` — NOT ENOUGH SPACE (${room})` : ` · ${room}`;
			return {...state, confirm: {...state.confirm, message: state.confirm.message.replace('? (y/n)', `${warning}? (y/n)`)}};
		}
		case 'set-records': {
			const rows = action.records.map(toRow);
			const counts: Record<string, number> = {};
			for (const row of rows) counts[row.type] = (counts[row.type] ?? 0) + 1;
			return clampCursor({...state, rows, counts, screen: 'browse'});
		}
		default:
			return state;
	}
}
