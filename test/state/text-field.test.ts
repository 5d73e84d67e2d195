import {describe, expect, it} from 'vitest';
import {applyEdit, focusedField} from '../../source/state/text-field.js';
import {initialState} from '../../source/state/initial.js';
import {parseKeypress} from '../../source/ui/keypress.js';
import {rootReducer} from '../../source/ui/root.js';
import {loadedState, NOW, press} from './fixtures.js';

const at = NOW.toISOString();

describe('applyEdit (what the field did, applied to the value now)', () => {
	it('is the field’s answer when the field saw the value as it is', () => {
		expect(applyEdit('cgi', 'cgi', 'cgXi')).toBe('cgXi');
		expect(applyEdit('cgi', 'cgi', 'ci')).toBe('ci');
	});

	it('puts an edit the field made at the end of an older value at the end of the newer one', () => {
		// Two keys in before a frame: the field saw "ca", the state already holds "cas".
		expect(applyEdit('cas', 'ca', 'cao')).toBe('caso');
		expect(applyEdit('cas', 'ca', 'c')).toBe('ca');
	});
});

describe('keys while a text field listens', () => {
	const filtering = () => press(loadedState(5), '/');

	it('take the field’s edit for text and Backspace, not a second copy from the key', () => {
		const state = rootReducer(filtering(), {type: 'key', key: parseKeypress('F'), now: at, live: 'filter', edit: {field: 'filter', before: '', after: 'F'}});
		expect(state.filter).toBe('F');
		const back = rootReducer(state, {type: 'key', key: parseKeypress('\u007f'), now: at, live: 'filter', edit: {field: 'filter', before: 'F', after: ''}});
		expect(back.filter).toBe('');
	});

	it('a key the field did nothing with (Backspace in an empty field) changes nothing', () => {
		const state = rootReducer(filtering(), {type: 'key', key: parseKeypress('\u007f'), now: at, live: 'filter'});
		expect(state.filter).toBe('');
		expect(state.filtering).toBe(true);
	});

	it('leave Enter and Esc to the key table', () => {
		const typed = rootReducer(filtering(), {type: 'key', key: parseKeypress('F'), now: at, live: 'filter', edit: {field: 'filter', before: '', after: 'F'}});
		expect(rootReducer(typed, {type: 'key', key: parseKeypress('\r'), now: at, live: 'filter'}).filtering).toBe(false);
	});

	it('D in an empty token field opens the demo, not a "D" in the field', () => {
		const token = initialState({hasToken: false, now: NOW});
		expect(focusedField(token)).toBe('token');
		const state = rootReducer(token, {type: 'key', key: parseKeypress('D'), now: at, live: 'token', edit: {field: 'token', before: '', after: 'D'}});
		expect(state.token.value).toBe('');
		expect(state.requests.demo).toBeDefined();
	});

	it('a pasted token ending in Enter is typed, then checked', () => {
		const token = initialState({hasToken: false, now: NOW});
		// The field would take "token\r" as text; the key listener replays it as keys instead.
		const state = rootReducer(token, {type: 'key', key: parseKeypress('abc123\r'), now: at, live: 'token', edit: {field: 'token', before: '', after: 'abc123\r'}});
		expect(state.requests.token).toMatchObject({token: 'abc123'});
	});
});
