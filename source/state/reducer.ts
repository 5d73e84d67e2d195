/**
 * The one reducer. Commands (from keys) are interpreted by the screen and mode they arrive
 * in; Esc closes only the innermost thing open (confirm, help, filter line, then a screen).
 */
import {exhaustive} from './exhaustive.js';
import {MarkSet} from './mark-set.js';
import type {Action, Command} from './actions.js';
import {onBrowse, onFilter} from './browse-reducer.js';
import {onForm} from './form-reducer.js';
import {clampCursor} from './navigation.js';
import {onDetail, onExport, onHelp, onQueue, onToken, onWelcome} from './screen-commands.js';
import {downloadsRunning, openToken} from './screens-reducer.js';
import {cancelFolder, clearFolder, confirmDownload, editFolder, freeSpaceKnown, keepFolder} from './download-ask.js';
import {deleteBack, editField, typeText} from './text-field.js';
import {addPage, failSearch, finishSearch, runQuery} from './search-reducer.js';
import {baselineFailed, baselineReady, onCheck, openCheck, requestBaseline} from './baseline.js';
import type {AppState} from './types.js';

function requestQuit(state: AppState, confirmed = false): AppState {
	if (!confirmed && downloadsRunning(state) && state.confirm?.kind !== 'quit') {
		return {...state, confirm: {kind: 'quit', message: 'Downloads are running. Quit anyway? They stay resumable (y/n)'}};
	}
	const seq = state.seq + 1;
	return {...state, seq, confirm: undefined, requests: {...state.requests, quit: {seq}}};
}

function onFolderLine(state: AppState, command: Command): AppState {
	switch (command) {
		case 'text-done':
			return keepFolder(state);
		case 'back':
			return cancelFolder(state);
		case 'backspace':
			return deleteBack(state);
		case 'form-clear-field':
			return clearFolder(state);
		case 'force-quit':
			return requestQuit(state);
		default:
			return state;
	}
}

function onConfirm(state: AppState, command: Command): AppState {
	const confirm = state.confirm!;
	if (confirm.download?.editing) return onFolderLine(state, command);
	if (command === 'force-quit') return requestQuit(state);
	if (command === 'confirm-folder') return editFolder(state);
	if (command === 'confirm-no' || command === 'back') {
		const kept = confirm.kind === 'overwrite-export' ? {message: {text: `Not written: ${confirm.exportRequest?.file ?? 'the file'} is left as it was`, tone: 'info' as const}} : {};
		return {...state, confirm: undefined, ...kept};
	}
	if (command !== 'confirm-yes') return state;
	const closed = {...state, confirm: undefined};
	switch (confirm.kind) {
		case 'clear-marks':
			return {...closed, marks: MarkSet.empty, message: {text: 'Marks cleared', tone: 'info'}};
		case 'download':
			return confirmDownload(state);
		case 'overwrite-export': {
			const seq = state.seq + 1;
			return confirm.exportRequest ? {...closed, seq, requests: {...state.requests, export: {...confirm.exportRequest, overwrite: true, seq}}} : closed;
		}
		default:
			return requestQuit(closed, true);
	}
}


function onCommand(state: AppState, command: Command): AppState {
	if (state.confirm) return onConfirm(state, command);
	if (command === 'force-quit' || command === 'quit') return requestQuit(state);
	if (command === 'help') return {...state, helpOpen: !state.helpOpen, helpScroll: 0};
	if (state.helpOpen) return onHelp(state, command);
	if (command === 'backspace') return deleteBack(state);
	// Screens reachable from anywhere in browse-like screens.
	// The form opens on its first date, whatever was focused when it was left: ^U there clears a date.
	if (command === 'open-form' && state.hasToken) return {...state, screen: 'form', filtering: false, form: {...state.form, focus: 'ingestStart'}};
	if (command === 'open-queue' && state.screen !== 'queue') return {...state, screen: 'queue', filtering: false, queueDetail: false};
	if (command === 'open-check' && state.screen === 'browse' && !state.filtering) return openCheck(state);
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
		case 'check':
			return onCheck(state, command);
		default:
			return exhaustive(state.screen, state);
	}
}

export function reducer(state: AppState, action: Action): AppState {
	switch (action.type) {
		case 'command': {
			const base = state.message ? {...state, message: undefined, now: action.now} : {...state, now: action.now};
			return onCommand(base, action.command);
		}
		case 'text':
			return typeText({...state, now: action.now}, action.text);
		case 'field-edit':
			return editField({...state, now: action.now}, action.field, action.before, action.after);
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
			// The results are all in: only now is the baseline of a one-day query asked for.
			return requestBaseline(finishSearch(state, action.id, action.at, action.lastCheck));
		case 'baseline-ready':
			return baselineReady(state, action.searchId, action.report);
		case 'baseline-failed':
			return baselineFailed(state, action.searchId, action.message);
		case 'search-waiting':
			return action.id === state.search.id && state.search.running ? {...state, search: {...state.search, waiting: action.text}} : state;
		case 'search-failed':
			return failSearch(state, action.id, action.message);
		case 'auth-required': {
			const opened = openToken({...state, hasToken: false, search: {...state.search, running: false}}, 'rejected');
			return {...opened, token: {...opened.token, error: action.message}};
		}
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
				// The real archive's watermark says nothing about the demo's files.
				lastCheck: undefined,
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
		case 'export-exists':
			return {...state, confirm: {kind: 'overwrite-export', message: `${action.request.file} exists: replace it? (y/n)`, exportRequest: action.request}};
		case 'free-space':
			return freeSpaceKnown(state, action.folder, action.free);
		default:
			return exhaustive(action, state);
	}
}
