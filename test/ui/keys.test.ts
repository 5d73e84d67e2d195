import {describe, expect, it} from 'vitest';
import {COMMANDS} from '../../source/state/actions.js';
import {activeContexts, commandFor, hintsFor, KEY_BINDINGS, keyLabel, keysMarkdown, resolveKey, keyFor} from '../../source/ui/keys.js';
import {parseKeypress} from '../../source/ui/keypress.js';
import {rootReducer} from '../../source/ui/root.js';
import {KEY_BYTES, loadedState, press} from '../state/fixtures.js';

describe('the key table', () => {
	it('never binds one key twice in one context', () => {
		const seen = new Map<string, string>();
		for (const binding of KEY_BINDINGS) {
			for (const context of binding.contexts) {
				for (const key of binding.keys) {
					const id = `${context} ${key}`;
					expect(seen.get(id), `${id} is bound to ${seen.get(id)} and ${binding.command}`).toBeUndefined();
					seen.set(id, binding.command);
				}
			}
		}
	});

	it('binds only known commands, and every binding resolves through the table', () => {
		for (const binding of KEY_BINDINGS) {
			expect(COMMANDS).toContain(binding.command);
			for (const context of binding.contexts) {
				for (const key of binding.keys) expect(commandFor([context], key)).toBe(binding.command);
			}
		}
	});

	it('has the keys the design asks for in the results list', () => {
		const list = (key: string) => commandFor(['list', 'global'], key);
		expect([list('down'), list('j'), list('up'), list('k')]).toEqual(['cursor-down', 'cursor-down', 'cursor-up', 'cursor-up']);
		expect([list('g'), list('G'), list('home'), list('end')]).toEqual(['top', 'bottom', 'top', 'bottom']);
		expect([list('pageup'), list('pagedown'), list('ctrl+b'), list('ctrl+f'), list('ctrl+u'), list('ctrl+d')]).toEqual([
			'page-up',
			'page-down',
			'page-up',
			'page-down',
			'half-up',
			'half-down',
		]);
		expect([list('space'), list('v'), list('a'), list('A'), list('U'), list('t')]).toEqual(['mark', 'range', 'mark-all', 'invert-marks', 'clear-marks', 'mark-type']);
		expect([list('/'), list('s'), list('return'), list('e'), list('tab'), list('r'), list('d'), list('w')]).toEqual([
			'filter',
			'sort',
			'detail',
			'open-form',
			'open-form',
			'refresh',
			'download',
			'open-queue',
		]);
		expect([list('?'), list('f1'), list('q'), list('ctrl+c')]).toEqual(['help', 'help', 'quit', 'force-quit']);
		expect(['p', 'x', 'R'].map(key => commandFor(['queue'], key))).toEqual(['queue-pause', 'queue-cancel', 'queue-retry']);
		expect(['T', 'Y', '7', 'L'].map(key => commandFor(['form-choice'], key))).toEqual(['preset-today', 'preset-yesterday', 'preset-week', 'preset-last-check']);
	});

	it('renders a Markdown table with every binding (for the README)', () => {
		const markdown = keysMarkdown();
		const rows = markdown.trim().split('\n');
		expect(rows[0]).toBe('| Where | Keys | Action |');
		expect(rows).toHaveLength(KEY_BINDINGS.length + 2);
		expect(markdown).toContain('| Results | `Space` | mark or unmark, move down |');
		expect(markdown).toContain('`PgDn` `^F`');
	});

	it('labels keys the way a user reads them', () => {
		expect(['down', 'ctrl+f', 'return', 'escape', 'shift+up', 'f1', 'j'].map(keyLabel)).toEqual(['↓', '^F', 'Enter', 'Esc', 'Shift+↑', 'F1', 'j']);
	});

	it('offers footer hints for the context in force, help included', () => {
		const hints = hintsFor(activeContexts(loadedState(3)));
		expect(hints.map(hint => hint.label)).toEqual(expect.arrayContaining(['move', 'mark', 'filter', 'help', 'quit']));
	});
});

describe('naming raw terminal input', () => {
	it('names arrows, pages, F1, Shift+arrows, control keys, Enter, Esc and text', () => {
		const names = Object.fromEntries(Object.entries(KEY_BYTES).map(([name, bytes]) => [name, parseKeypress(bytes).name]));
		expect(names).toMatchObject({
			Up: 'up',
			Down: 'down',
			Home: 'home',
			End: 'end',
			PageUp: 'pageup',
			PageDown: 'pagedown',
			Enter: 'return',
			Space: 'space',
			Tab: 'tab',
			Escape: 'escape',
			Backspace: 'backspace',
			F1: 'f1',
			'Shift+Up': 'shift+up',
			'Shift+Down': 'shift+down',
			'Ctrl+C': 'ctrl+c',
			'Ctrl+D': 'ctrl+d',
			Delete: 'delete',
		});
		for (const alternative of ['\u001b[11~', '\u001b[[A']) expect(parseKeypress(alternative).name).toBe('f1');
		expect(parseKeypress('\u001bOH').name).toBe('home');
		expect(parseKeypress('\u001b[4~').name).toBe('end');
		expect(parseKeypress('G')).toEqual({name: 'G', text: 'G'});
		expect(parseKeypress('pasted text')).toEqual({name: 'paste', text: 'pasted text', raw: 'pasted text'});
		expect(parseKeypress('a\u0007b')).toEqual({name: 'paste', text: 'ab', raw: 'a\u0007b'});
	});

	it('sends a pasted chunk into a text field whole', () => {
		const filtering = press(loadedState(5), '/');
		expect(resolveKey(filtering, parseKeypress('FILE_0'))).toMatchObject({type: 'text', text: 'FILE_0'});
	});

	it('keeps every key of a chunk that arrived in one read', () => {
		const at = new Date().toISOString();
		let state = rootReducer(loadedState(10), {type: 'key', key: parseKeypress('   '), now: at});
		state = rootReducer(state, {type: 'key', key: parseKeypress('\u001b[B'), now: at});
		expect(state.marks.size).toBe(3);
		expect(state.cursor).toBe(4);
		state = rootReducer(state, {type: 'key', key: parseKeypress('/0000000\r'), now: at});
		expect(state.filtering).toBe(false);
		expect(state.filter).toBe('0000000');
		// A typed filter puts the cursor on its first match.
		expect(state.cursor).toBe(0);
		state = rootReducer(state, {type: 'key', key: parseKeypress('jj'), now: at});
		expect(state.cursor).toBe(2);
	});
});

describe('Esc and a key read at once', () => {
	it('is Esc, then the key (over SSH the two often arrive in one read; cassi binds no Alt key)', () => {
		const at = new Date().toISOString();
		let state = press(loadedState(10), '/');
		expect(state.filtering).toBe(true);
		state = rootReducer(state, {type: 'key', key: parseKeypress('\u001bj'), now: at});
		expect(state.filtering).toBe(false);
		expect(state.cursor).toBe(1);
	});
});

describe('footer hints', () => {
	it('the help screen hints how to close it, not "F1 help"; other screens keep their help hint', () => {
		expect(hintsFor(['help', 'global']).map(hint => hint.label)).toEqual(['close']);
		expect(hintsFor(['list', 'global']).map(hint => hint.label)).toContain('help');
	});
});

describe('key names in prose', () => {
	it('come from the key table, so a rebound key cannot leave a hint wrong', () => {
		expect(keyFor('text-done', 'filter')).toBe('Enter');
		expect(keyFor('back', 'filter')).toBe('Esc');
		const binding = KEY_BINDINGS.find(candidate => candidate.command === 'preset-yesterday')!;
		const keys = binding.keys;
		binding.keys = ['y'];
		try {
			expect(keyFor('preset-yesterday', 'list')).toBe('y');
		} finally {
			binding.keys = keys;
		}
		expect(() => keyFor('queue-pause', 'filter')).toThrow(/no key for queue-pause in filter/);
	});
});
