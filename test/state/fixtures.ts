/** Synthetic records and a state to press keys against, for the reducer and component tests. */
import type {CassiRecord, SearchPage} from '../../source/cassi/types.js';
import type {Action} from '../../source/state/actions.js';
import {initialState} from '../../source/state/initial.js';
import type {AppState} from '../../source/state/types.js';
import {parseKeypress} from '../../source/ui/keypress.js';
import {rootReducer} from '../../source/ui/root.js';

export const TYPES = ['Science CGI Level 0', 'Science WFI Level 0', 'Housekeeping Ancillary Telemetry Data', 'Guide Window Level 0'];

/** n records, ingested one a minute from 2025-10-04 00:00 UTC, types cycling, sizes 1..n MB. */
export function makeRecords(n: number, start = Date.UTC(2025, 9, 4)): CassiRecord[] {
	const records: CassiRecord[] = [];
	for (let index = 0; index < n; index++) {
		const at = new Date(start + index * 60_000).toISOString().slice(0, 19);
		const name = `FILE_${String(index).padStart(8, '0')}`;
		records.push({
			archiveFileName: name,
			fileType: TYPES[index % TYPES.length],
			ingestCompletionDate: `${at}.1230000`,
			checksum: index.toString(16).padStart(32, '0'),
			search_key: `key-${index}`,
			distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: (index + 1) * 1_000_000},
			times: index % 2 === 0 ? {startTime: `${at}.0000000`, endTime: `${at}.5000000`} : null,
		});
	}
	return records;
}

export const NOW = new Date('2025-10-05T12:00:00Z');

export function page(records: CassiRecord[], received: number, total?: number, done = false): SearchPage {
	return {records, received, total, duplicates: 0, done};
}

/** A browsing state with `n` rows loaded by one finished search. */
export function loadedState(n: number, options: {width?: number; height?: number} = {}): AppState {
	let state = initialState({hasToken: true, width: options.width ?? 80, height: options.height ?? 24, now: NOW});
	state = apply(state, {type: 'run-query', now: NOW.toISOString()});
	const id = state.search.id;
	state = apply(state, {type: 'search-page', id, page: page(makeRecords(n), n, n, true)});
	return apply(state, {type: 'search-done', id, at: NOW.toISOString()});
}

export function apply(state: AppState, ...actions: Action[]): AppState {
	return actions.reduce((current, action) => rootReducer(current, action), state);
}

const NAMED: Record<string, string> = {
	Up: '\u001b[A',
	Down: '\u001b[B',
	Left: '\u001b[D',
	Right: '\u001b[C',
	Home: '\u001b[H',
	End: '\u001b[F',
	PageUp: '\u001b[5~',
	PageDown: '\u001b[6~',
	Enter: '\r',
	Space: ' ',
	Tab: '\t',
	Escape: '\u001b',
	Backspace: '\u007f',
	F1: '\u001bOP',
	'Shift+Up': '\u001b[1;2A',
	'Shift+Down': '\u001b[1;2B',
	'Ctrl+C': '\u0003',
	'Ctrl+D': '\u0004',
	'Ctrl+U': '\u0015',
	'Ctrl+F': '\u0006',
	'Ctrl+B': '\u0002',
	'Ctrl+P': '\u0010',
	'Ctrl+N': '\u000e',
	Delete: '\u001b[3~',
};

/** Press keys by name ('Down', 'Space') or as literal text ('j', '/cgi'): each character is one key. */
export function press(state: AppState, ...keys: string[]): AppState {
	let current = state;
	for (const key of keys) {
		const sequences = NAMED[key] !== undefined ? [NAMED[key]] : [...key];
		for (const data of sequences) current = rootReducer(current, {type: 'key', key: parseKeypress(data), now: NOW.toISOString()});
	}
	return current;
}

export {NAMED as KEY_BYTES};
