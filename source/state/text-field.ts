/**
 * The one text field in focus — the `/` filter line, a query form field, the token, the
 * export file name, the download question's folder — read, set and edited in one place. On screen each is an ink-text-input
 * (cursor movement, paste, placeholder); its edits arrive as `field-edit` actions. Keys that
 * arrive before the field is drawn (`/abc` in one read) type here, at the end.
 */
import {setFilter} from './browse-reducer.js';
import {setFolder} from './download-ask.js';
import {isTextFocus} from './form.js';
import type {AppState, FormFieldKey} from './types.js';

export type FieldId = 'filter' | 'token' | 'export-file' | 'download-folder' | FormFieldKey;

/** The field that takes typing now, if any (a question or the help overlay takes none). */
export function focusedField(state: AppState): FieldId | undefined {
	if (state.confirm?.download?.editing) return 'download-folder';
	if (state.confirm || state.helpOpen) return undefined;
	switch (state.screen) {
		case 'browse':
			return state.filtering ? 'filter' : undefined;
		case 'form':
			return isTextFocus(state.form.focus) ? state.form.focus : undefined;
		case 'token':
			return 'token';
		case 'export':
			return state.exportForm.focus === 'file' ? 'export-file' : undefined;
		default:
			return undefined;
	}
}

export function fieldValue(state: AppState, field: FieldId): string {
	switch (field) {
		case 'filter':
			return state.filter;
		case 'token':
			return state.token.value;
		case 'export-file':
			return state.exportForm.file;
		case 'download-folder':
			return state.confirm?.download?.folder ?? '';
		default:
			return state.form.values[field];
	}
}

export function setField(state: AppState, field: FieldId, value: string): AppState {
	switch (field) {
		case 'filter':
			return setFilter(state, value);
		case 'token':
			// Pasted tokens often carry a newline or spaces; a token never contains them.
			return {...state, token: {...state.token, value: value.replace(/\s+/g, ''), error: undefined}};
		case 'export-file':
			return {...state, exportForm: {...state.exportForm, file: value}};
		case 'download-folder':
			return setFolder(state, value);
		default:
			return {...state, form: {...state.form, values: {...state.form.values, [field]: value}}};
	}
}

/**
 * The field's edit (`before` → `after`, as the field saw it) applied to the value now. They
 * differ when two keys arrived before a frame was drawn: an edit at the end of what the field
 * saw lands at the end of the value now, so a fast typist loses no character.
 */
export function applyEdit(current: string, before: string, after: string): string {
	if (current === before) return after;
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let end = 0;
	while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
	const removed = before.length - start - end;
	const inserted = after.slice(start, after.length - end);
	const at = start + removed === before.length ? current.length - removed : Math.min(start, current.length);
	return current.slice(0, Math.max(0, at)) + inserted + current.slice(Math.max(0, at) + removed);
}

/** Text typed before the field was drawn (or by a test driving the reducer): at the end. */
export function typeText(state: AppState, text: string): AppState {
	const field = focusedField(state);
	return field ? setField(state, field, fieldValue(state, field) + text) : state;
}

/** Backspace before the field was drawn: the last character. */
export function deleteBack(state: AppState): AppState {
	const field = focusedField(state);
	return field ? setField(state, field, [...fieldValue(state, field)].slice(0, -1).join('')) : state;
}

export function editField(state: AppState, field: FieldId, before: string, after: string): AppState {
	if (focusedField(state) !== field) return state;
	return setField(state, field, applyEdit(fieldValue(state, field), before, after));
}
