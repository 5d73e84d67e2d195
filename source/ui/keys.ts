/**
 * THE key table: command → keys → help text → where it applies. It drives key handling
 * (resolveKey), the `?` overlay, the footer hint line and the README's keys table
 * (keysMarkdown), so none of them can drift from what the keys really do.
 */
import type {Action, Command} from '../state/actions.js';
import {isTextFocus} from '../state/form.js';
import {focusedField} from '../state/text-field.js';
import type {AppState} from '../state/types.js';
import type {Keypress} from './keypress.js';

export type KeyContext =
	| 'global'
	| 'list'
	| 'filter'
	| 'form'
	| 'form-choice'
	| 'detail'
	| 'queue'
	| 'help'
	| 'confirm'
	| 'confirm-download'
	| 'download-folder'
	| 'queue-detail'
	| 'token'
	| 'token-empty'
	| 'welcome'
	| 'export'
	| 'check';

export interface KeyBinding {
	command: Command;
	keys: string[];
	help: string;
	contexts: KeyContext[];
	/** Short label for the footer hint line; absent = only in the help overlay. */
	hint?: string;
}

const MOVE: KeyContext[] = ['list', 'queue'];

export const KEY_BINDINGS: KeyBinding[] = [
	// Results list
	{command: 'cursor-down', keys: ['down', 'j'], help: 'move down', contexts: MOVE, hint: 'move'},
	{command: 'cursor-up', keys: ['up', 'k'], help: 'move up', contexts: MOVE},
	{command: 'top', keys: ['g', 'home'], help: 'go to the first row', contexts: MOVE},
	{command: 'bottom', keys: ['G', 'end'], help: 'go to the last row', contexts: MOVE},
	{command: 'page-down', keys: ['pagedown', 'ctrl+f'], help: 'page down', contexts: ['list']},
	{command: 'page-up', keys: ['pageup', 'ctrl+b'], help: 'page up', contexts: ['list']},
	{command: 'half-down', keys: ['ctrl+d'], help: 'half a page down', contexts: ['list']},
	{command: 'half-up', keys: ['ctrl+u'], help: 'half a page up', contexts: ['list']},
	{command: 'mark', keys: ['space'], help: 'mark or unmark, move down', contexts: ['list'], hint: 'mark'},
	{command: 'mark-down', keys: ['shift+down'], help: 'mark and move down', contexts: ['list']},
	{command: 'mark-up', keys: ['shift+up'], help: 'mark and move up', contexts: ['list']},
	{command: 'range', keys: ['v'], help: 'range: v, move, v marks all', contexts: ['list']},
	{command: 'mark-all', keys: ['a'], help: 'mark every row in view', contexts: ['list']},
	{command: 'invert-marks', keys: ['A'], help: 'invert the marks in view', contexts: ['list']},
	{command: 'clear-marks', keys: ['U'], help: 'clear marks (asks if many)', contexts: ['list']},
	{command: 'mark-type', keys: ['t'], help: "mark all of the cursor's type", contexts: ['list']},
	{command: 'filter', keys: ['/'], help: 'filter as you type', contexts: ['list'], hint: 'filter'},
	{command: 'next-type', keys: [']'], help: 'show the next type only', contexts: ['list'], hint: 'type'},
	{command: 'prev-type', keys: ['['], help: 'show the previous type only', contexts: ['list']},
	{command: 'sort', keys: ['s'], help: 'cycle sort column, order', contexts: ['list'], hint: 'sort'},
	{command: 'detail', keys: ['return'], help: 'detail of the row', contexts: ['list'], hint: 'detail'},
	{command: 'open-form', keys: ['e', 'tab'], help: 'edit the query', contexts: ['list', 'detail', 'queue'], hint: 'query'},
	{command: 'refresh', keys: ['r'], help: 'run the query again', contexts: ['list']},
	{command: 'fetch-rest', keys: ['F'], help: 'fetch the rest of a result the limit cut', contexts: ['list']},
	{command: 'preset-yesterday', keys: ['Y'], help: "run: yesterday's ingest", contexts: ['list', 'form-choice'], hint: 'yesterday'},
	{command: 'preset-today', keys: ['T'], help: "run: today's ingest", contexts: ['list', 'form-choice']},
	{command: 'preset-week', keys: ['7'], help: 'run: the last 7 days', contexts: ['list', 'form-choice']},
	{command: 'preset-last-check', keys: ['L'], help: 'run: since the last check', contexts: ['list', 'form-choice']},
	{command: 'download', keys: ['d'], help: 'download the marked files', contexts: ['list'], hint: 'download'},
	{command: 'open-queue', keys: ['w'], help: 'show the download queue', contexts: ['list', 'detail']},
	{command: 'open-export', keys: ['o'], help: 'export rows to a file', contexts: ['list']},
	{command: 'open-check', keys: ['c'], help: "the day's check against the 7 days before (one-day query)", contexts: ['list']},
	{command: 'back', keys: ['escape'], help: 'cancel range, clear filters', contexts: ['list']},
	// Filter line
	{command: 'text-done', keys: ['return'], help: 'keep the filter', contexts: ['filter'], hint: 'keep'},
	{command: 'back', keys: ['escape'], help: 'cancel the filter', contexts: ['filter'], hint: 'cancel'},
	{command: 'backspace', keys: ['backspace'], help: 'delete a character', contexts: ['filter', 'form', 'token', 'export', 'download-folder']},
	// Query form
	{command: 'form-next', keys: ['down', 'tab'], help: 'next field', contexts: ['form'], hint: 'next'},
	{command: 'form-prev', keys: ['up', 'shift+tab'], help: 'previous field', contexts: ['form']},
	{command: 'form-toggle', keys: ['space'], help: 'choose or drop the type', contexts: ['form-choice'], hint: 'type'},
	{command: 'form-run', keys: ['return'], help: 'run the query', contexts: ['form'], hint: 'run'},
	{command: 'form-clear-field', keys: ['ctrl+u'], help: 'clear the focused field', contexts: ['form']},
	{command: 'form-history-prev', keys: ['ctrl+p'], help: 'recall an earlier query', contexts: ['form']},
	{command: 'form-history-next', keys: ['ctrl+n'], help: 'a more recent query', contexts: ['form']},
	{command: 'back', keys: ['escape'], help: 'back to the results', contexts: ['form'], hint: 'results'},
	// Detail
	{command: 'cursor-down', keys: ['down', 'j'], help: 'scroll down', contexts: ['detail']},
	{command: 'cursor-up', keys: ['up', 'k'], help: 'scroll up', contexts: ['detail']},
	{command: 'page-down', keys: ['pagedown', 'ctrl+f', 'space'], help: 'scroll a page down', contexts: ['detail']},
	{command: 'page-up', keys: ['pageup', 'ctrl+b'], help: 'scroll a page up', contexts: ['detail']},
	{command: 'back', keys: ['escape', 'return'], help: 'back to the results', contexts: ['detail'], hint: 'back'},
	// Check report
	{command: 'cursor-down', keys: ['down', 'j'], help: 'scroll down', contexts: ['check']},
	{command: 'cursor-up', keys: ['up', 'k'], help: 'scroll up', contexts: ['check']},
	{command: 'page-down', keys: ['pagedown', 'space'], help: 'scroll a page down', contexts: ['check']},
	{command: 'page-up', keys: ['pageup'], help: 'scroll a page up', contexts: ['check']},
	{command: 'back', keys: ['escape', 'c', 'return'], help: 'back to the results', contexts: ['check'], hint: 'back'},
	// Queue
	{command: 'queue-pause', keys: ['p'], help: 'pause or resume all downloads', contexts: ['queue'], hint: 'pause/resume'},
	{command: 'queue-cancel', keys: ['x'], help: 'cancel file (resumable)', contexts: ['queue'], hint: 'cancel'},
	{command: 'queue-retry', keys: ['R'], help: 'retry the failed files', contexts: ['queue'], hint: 'retry'},
	{command: 'queue-resume-file', keys: ['r'], help: 'resume the file (cancelled, paused or failed)', contexts: ['queue'], hint: 'resume'},
	{command: 'queue-resume-all', keys: ['a'], help: 'resume every paused and cancelled file', contexts: ['queue']},
	{command: 'queue-detail', keys: ['return'], help: "the file's detail: reason, attempts, path, checksum", contexts: ['queue'], hint: 'detail'},
	{command: 'queue-remove', keys: ['delete'], help: 'remove file from the queue', contexts: ['queue']},
	{command: 'back', keys: ['escape', 'w'], help: 'back (downloads go on)', contexts: ['queue'], hint: 'results'},
	{command: 'back', keys: ['escape', 'return'], help: 'back to the queue', contexts: ['queue-detail'], hint: 'back'},
	// Export
	{command: 'export-next', keys: ['tab', 'down'], help: 'next field', contexts: ['export']},
	{command: 'export-prev', keys: ['shift+tab', 'up'], help: 'previous field', contexts: ['export']},
	{command: 'export-option-next', keys: ['right'], help: 'next choice', contexts: ['export'], hint: 'change'},
	{command: 'export-option-prev', keys: ['left'], help: 'previous choice', contexts: ['export']},
	{command: 'export-write', keys: ['return'], help: 'write the file', contexts: ['export'], hint: 'write'},
	{command: 'back', keys: ['escape'], help: 'cancel', contexts: ['export'], hint: 'cancel'},
	// Token and welcome
	{command: 'token-submit', keys: ['return'], help: 'check the token', contexts: ['token'], hint: 'check'},
	{command: 'token-toggle-save', keys: ['tab'], help: 'save it for next time: on/off', contexts: ['token'], hint: 'save on/off'},
	{command: 'open-demo', keys: ['D'], help: 'open the demo archive', contexts: ['token-empty', 'welcome'], hint: 'demo'},
	{command: 'open-token', keys: ['t', 'return'], help: 'enter a MAST token', contexts: ['welcome'], hint: 'token'},
	{command: 'back', keys: ['escape'], help: 'go back', contexts: ['token']},
	// Questions
	{command: 'confirm-yes', keys: ['y', 'Y'], help: 'yes', contexts: ['confirm'], hint: 'yes'},
	{command: 'confirm-no', keys: ['n', 'N', 'escape'], help: 'no', contexts: ['confirm'], hint: 'no'},
	{command: 'confirm-folder', keys: ['f'], help: 'choose the download folder', contexts: ['confirm-download'], hint: 'folder'},
	{command: 'text-done', keys: ['return'], help: 'keep the folder', contexts: ['download-folder'], hint: 'keep'},
	{command: 'back', keys: ['escape'], help: 'restore the folder', contexts: ['download-folder'], hint: 'restore'},
	{command: 'form-clear-field', keys: ['ctrl+u'], help: 'clear the folder', contexts: ['download-folder']},
	// Help overlay
	{command: 'back', keys: ['escape', 'q', '?'], help: 'close the help', contexts: ['help'], hint: 'close'},
	{command: 'cursor-down', keys: ['down', 'j'], help: 'scroll down (small screens)', contexts: ['help']},
	{command: 'cursor-up', keys: ['up', 'k'], help: 'scroll up', contexts: ['help']},
	{command: 'page-down', keys: ['pagedown', 'space'], help: 'scroll a page down', contexts: ['help']},
	{command: 'page-up', keys: ['pageup'], help: 'scroll a page up', contexts: ['help']},
	// Everywhere
	{command: 'help', keys: ['?'], help: 'keys for this screen', contexts: ['list', 'form-choice', 'detail', 'queue', 'queue-detail', 'welcome', 'check'], hint: 'help'},
	{command: 'help', keys: ['f1'], help: 'keys for this screen', contexts: ['global'], hint: 'help'},
	{command: 'quit', keys: ['q'], help: 'quit (asks if downloading)', contexts: ['list', 'form-choice', 'detail', 'queue', 'queue-detail', 'welcome', 'check'], hint: 'quit'},
	{command: 'force-quit', keys: ['ctrl+c'], help: 'quit (asks if downloading)', contexts: ['global']},
];

export const CONTEXT_TITLES: Record<KeyContext, string> = {
	list: 'Results',
	filter: 'Filter line',
	form: 'Query form',
	'form-choice': 'Query form (presets row, type list)',
	detail: 'Detail',
	queue: 'Download queue',
	export: 'Export',
	check: 'Check report',
	token: 'Token screen',
	'token-empty': 'Token screen (empty field)',
	welcome: 'Welcome',
	confirm: 'Questions',
	'confirm-download': 'Download question',
	'download-folder': 'Download folder line',
	'queue-detail': 'File detail (queue)',
	help: 'Help',
	global: 'Everywhere',
};

/** The contexts in force, innermost first. */
export function activeContexts(state: AppState): KeyContext[] {
	if (state.confirm?.download?.editing) return ['download-folder', 'global'];
	if (state.confirm?.download) return ['confirm-download', 'confirm', 'global'];
	if (state.confirm) return ['confirm', 'global'];
	if (state.helpOpen) return ['help', 'global'];
	switch (state.screen) {
		case 'browse':
			return state.filtering ? ['filter', 'global'] : ['list', 'global'];
		case 'form':
			return isTextFocus(state.form.focus) ? ['form', 'global'] : ['form-choice', 'form', 'global'];
		case 'token':
			return state.token.value ? ['token', 'global'] : ['token-empty', 'token', 'global'];
		case 'queue':
			return state.queueDetail ? ['queue-detail', 'global'] : ['queue', 'global'];
		default:
			return [state.screen, 'global'];
	}
}


/** Text contexts whose printable bindings win over typing. */
const PRINTABLE_BINDINGS = new Set<KeyContext>(['token-empty']);

const INDEX = new Map<string, Command>();
for (const binding of KEY_BINDINGS) {
	for (const context of binding.contexts) {
		for (const key of binding.keys) {
			const id = `${context}\u0000${key}`;
			// The first binding for a key in a context wins; a duplicate would be a table bug.
			if (!INDEX.has(id)) INDEX.set(id, binding.command);
		}
	}
}

export function commandFor(contexts: KeyContext[], key: string): Command | undefined {
	for (const context of contexts) {
		const command = INDEX.get(`${context}\u0000${key}`);
		if (command) return command;
	}
	return undefined;
}

const FIELD_KEYS = new Set(['backspace', 'delete', 'left', 'right']);

/** Keys a focused text field edits with: text (a paste only without control characters), Backspace, Delete, ←→. */
export function isFieldKey(key: Keypress): boolean {
	if (key.text !== undefined) return key.raw === undefined || key.raw === key.text;
	return FIELD_KEYS.has(key.name);
}

/** One key press in the current state → the action to dispatch (or nothing). */
export function resolveKey(state: AppState, key: Keypress, now: Date = new Date()): Action | undefined {
	const contexts = activeContexts(state);
	// In a text field, printable keys type; only the field's own keys (Enter, Esc, ...) act.
	const typing = focusedField(state) !== undefined && key.text !== undefined;
	if (typing) {
		// An empty token field still takes D for the demo archive (a token never starts with it).
		const command = commandFor(contexts.filter(context => PRINTABLE_BINDINGS.has(context)), key.name);
		if (command) return {type: 'command', command, now: now.toISOString()};
	} else {
		const command = commandFor(contexts, key.name);
		if (command) return {type: 'command', command, now: now.toISOString()};
		return undefined;
	}
	return {type: 'text', text: key.text!, now: now.toISOString()};
}

const KEY_LABELS: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	return: 'Enter',
	escape: 'Esc',
	space: 'Space',
	tab: 'Tab',
	'shift+tab': 'Shift+Tab',
	'shift+up': 'Shift+↑',
	'shift+down': 'Shift+↓',
	pagedown: 'PgDn',
	pageup: 'PgUp',
	home: 'Home',
	end: 'End',
	delete: 'Del',
	backspace: 'Backspace',
	f1: 'F1',
};

export function keyLabel(key: string): string {
	if (KEY_LABELS[key]) return KEY_LABELS[key];
	if (key.startsWith('ctrl+')) return `^${key.slice(5).toUpperCase()}`;
	return key;
}

export function keysLabel(keys: string[]): string {
	return keys.map(keyLabel).join(' ');
}

/**
 * The label of the first key bound to `command` in `context` (`Enter`, `Esc`, `Y`), for prose
 * hints: rebinding a key in the table changes every hint that names it.
 */
export function keyFor(command: Command, context: KeyContext): string {
	const binding = KEY_BINDINGS.find(candidate => candidate.command === command && candidate.contexts.includes(context));
	if (!binding) throw new Error(`no key for ${command} in ${context}`);
	return keyLabel(binding.keys[0]);
}

/** Bindings that apply in these contexts, in table order, for the help overlay. */
export function bindingsFor(contexts: KeyContext[]): Array<{context: KeyContext; bindings: KeyBinding[]}> {
	return contexts
		.map(context => ({context, bindings: KEY_BINDINGS.filter(binding => binding.contexts.includes(context))}))
		.filter(group => group.bindings.length > 0);
}

/** Footer hints for the contexts in force: `["↓ j", "move"]` pairs in table order. */
const hintCache = new Map<string, Array<{keys: string; label: string}>>();

export function hintsFor(contexts: KeyContext[]): Array<{keys: string; label: string}> {
	const cacheKey = contexts.join(' ');
	const cached = hintCache.get(cacheKey);
	if (cached) return cached;
	const seen = new Set<string>();
	const hints: Array<{keys: string; label: string}> = [];
	for (const context of contexts) {
		for (const binding of KEY_BINDINGS) {
			if (!binding.hint || !binding.contexts.includes(context) || seen.has(binding.command)) continue;
			// On the help screen "F1 help" would only point at itself.
			if (binding.command === 'help' && contexts.includes('help')) continue;
			seen.add(binding.command);
			hints.push({keys: keyLabel(binding.keys[0]), label: binding.hint});
		}
	}
	hintCache.set(cacheKey, hints);
	return hints;
}

/** The README's keys table, generated from the same bindings. */
export function keysMarkdown(): string {
	const lines = ['| Where | Keys | Action |', '|---|---|---|'];
	for (const binding of KEY_BINDINGS) {
		const where = binding.contexts.map(context => CONTEXT_TITLES[context]).join(', ');
		const keys = binding.keys.map(key => `\`${keyLabel(key).replace('|', '\\|')}\``).join(' ');
		lines.push(`| ${where} | ${keys} | ${binding.help} |`);
	}
	return `${lines.join('\n')}\n`;
}
