/**
 * The query form: its focus rows, validation as the user types (one line per bad field,
 * which blocks the run), presets for the daily check, and the Query it builds.
 */
import {checkRange, parseDateInput} from '../cassi/dates.js';
import {DEFAULT_LIMIT, KNOWN_FILE_TYPES, type Query} from '../cassi/types.js';
import type {FormFieldKey, FormState, FormValues, InitialQuery} from './types.js';

export const TEXT_FIELDS: FormFieldKey[] = ['ingestStart', 'ingestEnd', 'expStart', 'expEnd', 'fileNames', 'limit'];

export const FIELD_LABELS: Record<FormFieldKey, string> = {
	ingestStart: 'Ingest from',
	ingestEnd: 'Ingest to',
	expStart: 'Exposure from',
	expEnd: 'Exposure to',
	fileNames: 'File names',
	limit: 'Limit',
};

export function emptyForm(): FormValues {
	return {ingestStart: '', ingestEnd: '', expStart: '', expEnd: '', fileTypes: [], fileNames: '', limit: String(DEFAULT_LIMIT)};
}

/** Prefill from CLI flags (normalised dates are valid form text too). */
export function formFromInitial(initial: InitialQuery | undefined): FormValues {
	const values = emptyForm();
	if (!initial) return values;
	for (const key of ['ingestStart', 'ingestEnd', 'expStart', 'expEnd', 'fileNames'] as const) {
		const value = initial[key];
		if (typeof value === 'string') values[key] = value;
	}
	if (Array.isArray(initial.fileTypes)) values.fileTypes = [...initial.fileTypes];
	if (initial.limit !== undefined) values.limit = String(initial.limit);
	return values;
}

export function typeFocus(type: string): string {
	return `type:${type}`;
}

/** Focus rows top to bottom: presets, the text fields, then one row per file type. */
export function focusRows(knownTypes: string[]): string[] {
	return ['presets', ...TEXT_FIELDS, ...knownTypes.map(typeFocus)];
}

export function isTextFocus(focus: string): focus is FormFieldKey {
	return (TEXT_FIELDS as string[]).includes(focus);
}

export function focusedType(focus: string): string | undefined {
	return focus.startsWith('type:') ? focus.slice(5) : undefined;
}

export type FormErrors = Partial<Record<FormFieldKey, string>>;

const DATE_HINT = 'use YYYY-MM-DD[THH:MM:SS], today, yesterday or -3d';

/** The service module's message, shortened to one form line. */
function dateError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const reason = message.split(': use ')[0].replace(/^date /, '');
	return `${reason} — ${DATE_HINT}`;
}

export interface FormResult {
	errors: FormErrors;
	query?: Query;
}

/** Validate every field; a Query only when all are valid. */
export function checkForm(values: FormValues, now: Date): FormResult {
	const errors: FormErrors = {};
	const normalised: Partial<Record<FormFieldKey, string>> = {};
	const dates: Array<[FormFieldKey, 'start' | 'end']> = [
		['ingestStart', 'start'],
		['ingestEnd', 'end'],
		['expStart', 'start'],
		['expEnd', 'end'],
	];
	for (const [key, edge] of dates) {
		const text = values[key].trim();
		if (!text) continue;
		try {
			normalised[key] = parseDateInput(text, edge, now);
		} catch (error) {
			errors[key] = dateError(error);
		}
	}
	for (const [start, end, label] of [
		['ingestStart', 'ingestEnd', 'ingestion'],
		['expStart', 'expEnd', 'exposure'],
	] as const) {
		if (errors[start] || errors[end]) continue;
		try {
			checkRange(normalised[start], normalised[end], label);
		} catch {
			errors[end] = `end ${normalised[end]} is before start ${normalised[start]} — swap them or fix one`;
		}
	}
	const limitText = values.limit.trim();
	const limit = limitText === '' ? DEFAULT_LIMIT : /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
	if (!Number.isSafeInteger(limit) || limit < 1) errors.limit = `"${limitText}" is not a positive whole number`;
	if (Object.keys(errors).length > 0) return {errors};
	const query: Query = {limit};
	if (normalised.ingestStart) query.ingestStart = normalised.ingestStart;
	if (normalised.ingestEnd) query.ingestEnd = normalised.ingestEnd;
	if (normalised.expStart) query.expStart = normalised.expStart;
	if (normalised.expEnd) query.expEnd = normalised.expEnd;
	if (values.fileTypes.length > 0) query.fileTypes = [...values.fileTypes];
	const names = values.fileNames.trim();
	if (names) query.fileNames = names;
	return {errors, query};
}

function day(date: Date, offsetDays = 0): string {
	return new Date(date.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export type Preset = 'today' | 'yesterday' | 'week' | 'last-check';

/** The ingest range a preset sets, or an error when "since last check" has nothing to go on. */
export function presetRange(preset: Preset, now: Date, lastCheck: string | undefined): {start: string; end: string} | {error: string} {
	switch (preset) {
		case 'today':
			return {start: day(now), end: day(now)};
		case 'yesterday':
			return {start: day(now, -1), end: day(now, -1)};
		case 'week':
			return {start: day(now, -6), end: day(now)};
		default:
			if (!lastCheck) return {error: 'No earlier check recorded yet: run a complete query with no type or name filter (Y, say), then L starts where it ended'};
			return {start: lastCheck, end: ''};
	}
}

export function initialFormState(values: FormValues): FormState {
	return {values, focus: 'presets'};
}

export function mergeTypes(known: string[], extra: Iterable<string>): string[] {
	const set = new Set(known);
	let changed = false;
	for (const type of extra) {
		if (!set.has(type)) {
			set.add(type);
			changed = true;
		}
	}
	return changed ? [...set] : known;
}

export const DEFAULT_TYPES: string[] = [...KNOWN_FILE_TYPES];
