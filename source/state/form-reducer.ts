/** Form commands: focus moves, typing, type checkboxes, presets and running the query. */
import {checkForm, focusedType, focusRows, formFromInitial, isTextFocus, presetRange, type Preset} from './form.js';
import type {Command} from './actions.js';
import type {AppState, FormValues} from './types.js';
import {queryKey, runQuery} from './search-reducer.js';

function setValues(state: AppState, values: FormValues): AppState {
	return {...state, form: {...state.form, values}};
}

export function moveFormFocus(state: AppState, delta: number): AppState {
	const rows = focusRows(state.knownTypes);
	const index = Math.max(0, rows.indexOf(state.form.focus));
	const next = rows[(index + delta + rows.length) % rows.length];
	return {...state, form: {...state.form, focus: next}};
}

/** ^U: the focused field only — a text field is emptied, a type row's checkbox is cleared. */
export function clearFormField(state: AppState): AppState {
	const focus = state.form.focus;
	if (isTextFocus(focus)) return setValues(state, {...state.form.values, [focus]: ''});
	const type = focusedType(focus);
	if (type !== undefined) return setValues(state, {...state.form.values, fileTypes: state.form.values.fileTypes.filter(item => item !== type)});
	return state;
}

export function toggleFormType(state: AppState): AppState {
	const type = focusedType(state.form.focus);
	if (type === undefined) return state;
	const selected = state.form.values.fileTypes;
	const fileTypes = selected.includes(type) ? selected.filter(item => item !== type) : [...selected, type];
	return setValues(state, {...state.form.values, fileTypes});
}

/** Where the form stands in the history: the recalled entry, else the entry equal to what the form holds. */
function historyPosition(state: AppState): number {
	if (state.form.historyIndex !== undefined) return state.form.historyIndex;
	const {query} = checkForm(state.form.values, new Date(state.now));
	if (!query) return -1;
	const key = queryKey(query);
	return state.history.findIndex(entry => queryKey(entry) === key);
}

/** ^P / ^N: step through earlier queries (newest first), filling the form; ^P never "recalls" what is already there. */
export function recallHistory(state: AppState, delta: number): AppState {
	const count = state.history.length;
	if (count === 0) return {...state, message: {text: 'No earlier queries yet', tone: 'info'}};
	const current = historyPosition(state);
	const index = current + delta;
	if (index >= count) return {...state, message: {text: `No query before this one (${count} in the history)`, tone: 'info'}};
	if (index < 0) return {...state, message: {text: 'This is the newest query (^P steps back)', tone: 'info'}};
	const values = formFromInitial(state.history[index]);
	return {
		...state,
		form: {...state.form, values, historyIndex: index},
		message: {text: `Earlier query ${index + 1} of ${count}, newest first (Enter runs it)`, tone: 'info'},
	};
}

/** Presets set the ingest range and run at once: the daily check is one key. */
export function applyPreset(state: AppState, preset: Preset): AppState {
	const range = presetRange(preset, new Date(state.now), state.lastCheck);
	if ('error' in range) return {...state, message: {text: range.error, tone: 'error'}};
	const next = setValues(state, {...state.form.values, ingestStart: range.start, ingestEnd: range.end});
	return runQuery(next);
}

/** Enter in the form: run when every field is valid, else stay and say why. */
export function submitForm(state: AppState): AppState {
	const {errors} = checkForm(state.form.values, new Date(state.now));
	const first = Object.values(errors)[0];
	if (first) return {...state, screen: 'form', message: {text: `Fix the form first: ${first}`, tone: 'error'}};
	return runQuery(state);
}

export function onForm(state: AppState, command: Command): AppState {
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
		case 'form-history-prev':
			return recallHistory(state, 1);
		case 'form-history-next':
			return recallHistory(state, -1);
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
