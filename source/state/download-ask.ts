/**
 * The `d` question: which marked files are new (not already complete or in the queue), where they
 * go (the folder is shown, prefilled, and `f` edits it), and whether they fit in its free space.
 * Only the new files are queued; the folder is created when the download starts.
 */
import prettyBytes from 'pretty-bytes';
import {selectMarkedRows} from './selectors.js';
import type {FileState} from '../cassi/download/types.js';
import type {AppState, DownloadAsk, Row} from './types.js';

/** States in which a file needs nothing more from a new `d`. */
const HANDLED: ReadonlySet<FileState> = new Set(['done', 'skipped', 'queued', 'downloading', 'retrying', 'verifying', 'paused']);

export function downloadMessage(ask: DownloadAsk): string {
	if (ask.editing) return `Download into: ${ask.folder}█ (Enter keeps, Esc restores)`;
	const total = ask.rows.length + ask.already;
	const size = ask.unknownSize === ask.rows.length ? 'size unknown' : prettyBytes(ask.bytes);
	const what =
		ask.already > 0 ? `${ask.rows.length} new of ${total} marked files (${ask.already} already complete or queued; ${size})` : `${ask.rows.length} marked files (${size})`;
	let room = '';
	if (ask.free !== undefined) room = ask.bytes > ask.free ? ` — NOT ENOUGH SPACE (${prettyBytes(ask.free)} free)` : ` · ${prettyBytes(ask.free)} free`;
	// `f folder` is in the key hints under it: the question itself fits 80 columns.
	return `Download ${what} into ${ask.folder}${room}? (y/n)`;
}

function withAsk(state: AppState, ask: DownloadAsk): AppState {
	return {...state, confirm: {kind: 'download', message: downloadMessage(ask), download: ask}};
}

function requestFree(state: AppState, folder: string): AppState {
	const seq = state.seq + 1;
	return {...state, seq, requests: {...state.requests, freeSpace: {seq, folder}}};
}

export function askDownload(state: AppState): AppState {
	const marked = selectMarkedRows(state);
	if (marked.length === 0) return {...state, message: {text: 'Nothing is marked: press space to mark files, then d', tone: 'info'}};
	const inQueue = new Map((state.queue?.files ?? []).map(file => [file.name, file.state]));
	const fresh: Row[] = [];
	for (const row of marked) {
		const queued = inQueue.get(row.name);
		if (queued === undefined || !HANDLED.has(queued)) fresh.push(row);
	}
	const already = marked.length - fresh.length;
	if (fresh.length === 0) {
		return {...state, message: {text: `All ${marked.length} marked files are already complete or in the queue (w shows it)`, tone: 'info'}};
	}
	const ask: DownloadAsk = {
		folder: state.downloadFolder,
		editing: false,
		folderBefore: state.downloadFolder,
		rows: fresh,
		already,
		bytes: fresh.reduce((sum, row) => sum + (row.size ?? 0), 0),
		unknownSize: fresh.filter(row => row.size === undefined).length,
	};
	return requestFree(withAsk(state, ask), ask.folder);
}

export function editFolder(state: AppState): AppState {
	const ask = state.confirm?.download;
	return ask ? withAsk(state, {...ask, editing: true, folderBefore: ask.folder}) : state;
}

export function setFolder(state: AppState, folder: string): AppState {
	const ask = state.confirm?.download;
	if (!ask?.editing) return state;
	// A pasted path may end in a newline: the field is one line.
	return withAsk(state, {...ask, folder: folder.replace(/[\r\n]+/g, '')});
}

export function clearFolder(state: AppState): AppState {
	const ask = state.confirm?.download;
	return ask?.editing ? withAsk(state, {...ask, folder: ''}) : state;
}

/** Enter: keep the typed folder (an empty one goes back to what it was) and look up its free space. */
export function keepFolder(state: AppState): AppState {
	const ask = state.confirm?.download;
	if (!ask?.editing) return state;
	const folder = ask.folder.trim() || ask.folderBefore;
	return requestFree(withAsk(state, {...ask, editing: false, folder, free: folder === ask.folderBefore ? ask.free : undefined}), folder);
}

export function cancelFolder(state: AppState): AppState {
	const ask = state.confirm?.download;
	return ask?.editing ? withAsk(state, {...ask, editing: false, folder: ask.folderBefore}) : state;
}

export function freeSpaceKnown(state: AppState, folder: string, free: number): AppState {
	const ask = state.confirm?.download;
	if (!ask || ask.editing || ask.folder !== folder) return state;
	return withAsk(state, {...ask, free});
}

/** y: queue the new files into the chosen folder, and show the queue. */
export function confirmDownload(state: AppState): AppState {
	const ask = state.confirm?.download;
	if (!ask) return {...state, confirm: undefined};
	const seq = state.seq + 1;
	return {
		...state,
		confirm: undefined,
		seq,
		screen: 'queue',
		queueCursor: 0,
		queueDetail: false,
		downloadFolder: ask.folder,
		requests: {...state.requests, download: {seq, rows: ask.rows, folder: ask.folder, already: ask.already}},
	};
}
