/** Commands on the token, welcome, export and queue screens. */
import {selectMarkedRows, selectView} from './selectors.js';
import type {AppState, ExportFormat, ExportForm, QueueOp, Screen} from './types.js';

// Token -----------------------------------------------------------------------------------

export function openToken(state: AppState, reason: AppState['token']['reason'] = 'missing'): AppState {
	const previousScreen: Screen = state.screen === 'token' || state.screen === 'welcome' ? state.previousScreen : state.screen;
	return {...state, screen: 'token', previousScreen, helpOpen: false, token: {...state.token, value: '', checking: false, error: undefined, reason}};
}

export function submitToken(state: AppState): AppState {
	if (state.token.checking) return state;
	const value = state.token.value.trim();
	if (!value) return {...state, token: {...state.token, error: 'Paste your token first (create one at the address above)'}};
	const seq = state.seq + 1;
	return {
		...state,
		seq,
		token: {...state.token, checking: true, error: undefined},
		requests: {...state.requests, token: {seq, token: value, save: state.token.save}},
	};
}

export function leaveToken(state: AppState): AppState {
	if (state.hasToken) return {...state, screen: state.previousScreen};
	if (state.firstRun) return {...state, screen: 'welcome'};
	return state;
}

export function requestDemo(state: AppState): AppState {
	const seq = state.seq + 1;
	return {...state, seq, requests: {...state.requests, demo: {seq}}, message: {text: 'Opening the demo archive…', tone: 'info'}};
}

// Export ----------------------------------------------------------------------------------

const EXPORT_FOCUS: ExportForm['focus'][] = ['scope', 'format', 'file'];
const FORMATS: ExportFormat[] = ['csv', 'json', 'names'];
const EXTENSION: Record<ExportFormat, string> = {csv: '.csv', json: '.json', names: '.txt'};

export function openExport(state: AppState): AppState {
	const scope = selectMarkedRows(state).length > 0 ? 'marked' : 'view';
	return {...state, screen: 'export', exportForm: {...state.exportForm, scope, focus: 'file'}};
}

export function moveExportFocus(state: AppState, delta: number): AppState {
	const index = EXPORT_FOCUS.indexOf(state.exportForm.focus);
	const focus = EXPORT_FOCUS[(index + delta + EXPORT_FOCUS.length) % EXPORT_FOCUS.length];
	return {...state, exportForm: {...state.exportForm, focus}};
}

/** ←→ change the option under focus; the file's extension follows the format. */
export function changeExportOption(state: AppState, delta: number): AppState {
	const form = state.exportForm;
	if (form.focus === 'scope') return {...state, exportForm: {...form, scope: form.scope === 'marked' ? 'view' : 'marked'}};
	if (form.focus !== 'format') return state;
	const format = FORMATS[(FORMATS.indexOf(form.format) + delta + FORMATS.length) % FORMATS.length];
	const oldExtension = EXTENSION[form.format];
	const file = form.file.endsWith(oldExtension) ? form.file.slice(0, -oldExtension.length) + EXTENSION[format] : form.file;
	return {...state, exportForm: {...form, format, file}};
}

export function writeExport(state: AppState): AppState {
	const form = state.exportForm;
	const file = form.file.trim();
	if (!file) return {...state, message: {text: 'Name the file to write first', tone: 'error'}};
	const rows = form.scope === 'marked' ? selectMarkedRows(state) : selectView(state);
	if (rows.length === 0) {
		return {...state, message: {text: form.scope === 'marked' ? 'Nothing is marked: mark files or export the view' : 'The view is empty', tone: 'error'}};
	}
	const seq = state.seq + 1;
	return {...state, seq, screen: 'browse', requests: {...state.requests, export: {seq, format: form.format, file, rows}}};
}

// Queue -----------------------------------------------------------------------------------

export function moveQueueCursor(state: AppState, delta: number): AppState {
	const count = state.queue?.files.length ?? 0;
	const queueCursor = Math.min(Math.max(0, count - 1), Math.max(0, state.queueCursor + delta));
	return {...state, queueCursor};
}

const PER_FILE: ReadonlySet<QueueOp> = new Set(['cancel', 'remove', 'resume-file']);

export function queueOp(state: AppState, op: QueueOp): AppState {
	if (!state.queue) return {...state, message: {text: 'The queue is empty: mark files and press d', tone: 'info'}};
	const name = PER_FILE.has(op) ? state.queue.files[state.queueCursor]?.name : undefined;
	if (PER_FILE.has(op) && name === undefined) return state;
	const seq = state.seq + 1;
	return {...state, seq, requests: {...state.requests, queue: {seq, op, name}}};
}

const ACTIVE_STATES = new Set(['queued', 'downloading', 'retrying', 'verifying']);

export function downloadsRunning(state: AppState): boolean {
	const queue = state.queue;
	if (!queue || queue.totals.paused) return false;
	return queue.files.some(file => ACTIVE_STATES.has(file.state));
}
