/**
 * The query form. Each date shows what it means (normalised UTC) or, when invalid, why —
 * as it is typed. File types are a checklist (known types plus any seen in results).
 */
import {Box, Text} from 'ink';
import React from 'react';
import {checkForm, FIELD_LABELS, focusRows, TEXT_FIELDS, typeFocus} from '../../../state/form.js';
import type {FormState} from '../../../state/types.js';
import {fit, widthOf} from '../../text.js';
import {keyFor} from '../../keys.js';
import {useTheme} from '../../theme.js';
import {TextField} from '../text-field/text-field.js';
import {parseDateInput} from '../../../cassi/dates.js';
import type {Query} from '../../../cassi/types.js';
import {queryKey} from '../../../state/search-reducer.js';

export interface QueryFormProps {
	form: FormState;
	knownTypes: string[];
	counts: Record<string, number>;
	/** The query the counts came from (the last run). */
	lastQuery?: Query;
	lastCheck?: string;
	now: string;
	width: number;
	height: number;
}

const LABEL = 16;

function labelCell(text: string, focused: boolean): string {
	return `${focused ? '›' : ' '} ${fit(text, LABEL - 3)} `;
}
const INPUT = 24;

function meaning(key: string, value: string, now: Date): string {
	const text = value.trim();
	if (!text) {
		if (key === 'ingestEnd' || key === 'expEnd') return 'open end';
		if (key === 'ingestStart' || key === 'expStart') return 'open start';
		if (key === 'fileNames') return 'any name (patterns: CGI_*,!CGI_0001*)';
		return '';
	}
	if (key === 'fileNames' || key === 'limit') return '';
	try {
		return `= ${parseDateInput(text, key.endsWith('Start') ? 'start' : 'end', now).replace('T', ' ')} UTC`;
	} catch {
		return '';
	}
}

/**
 * The type list's counts belong to the last query run, not to what the form holds now: say so,
 * and say when the form has moved on (Enter refreshes them). Longest wording that fits.
 */
export function countsNote(formQuery: Query | undefined, lastQuery: Query | undefined, room: number): string {
	if (!lastQuery) return '';
	const same = formQuery !== undefined && queryKey(formQuery) === queryKey(lastQuery);
	const options = same ? ['counts: files in the last query', 'counts: last query'] : ['counts are from the last query (Enter refreshes)', 'counts: last query, not this form', 'counts: last query'];
	return options.find(option => widthOf(option) <= room) ?? '';
}

export function QueryForm({form, knownTypes, counts, lastQuery, lastCheck, now, width, height}: QueryFormProps) {
	const theme = useTheme();
	const nowDate = new Date(now);
	const {errors, query: formQuery} = checkForm(form.values, nowDate);
	const lines: React.ReactNode[] = [];
	const focused = (focus: string) => form.focus === focus;
	const since = lastCheck ? `L since ${lastCheck.slice(5, 16).replace('T', ' ')}` : 'L since last check';
	lines.push(
		<Text key="presets" inverse={focused('presets')}>
			{fit(`${labelCell('Presets', focused('presets'))}T today  Y yesterday  7 last 7 days  ${since}`, width)}
		</Text>,
	);
	for (const key of TEXT_FIELDS) {
		const isFocused = focused(key);
		const value = form.values[key];
		const error = errors[key];
		const note = error ? `✗ ${error}` : meaning(key, value, nowDate);
		lines.push(
			<Box key={key} width={width} height={1} overflow="hidden">
				<Text inverse={isFocused}>{labelCell(FIELD_LABELS[key], isFocused)}</Text>
				<Box width={INPUT} height={1} overflow="hidden">
					{isFocused ? <TextField field={key} value={value} focus /> : <Text underline>{fit(value, INPUT, {cut: 'start'})}</Text>}
				</Box>
				<Text color={error ? theme.error : theme.muted}>{fit(` ${note}`, Math.max(0, width - LABEL - INPUT))}</Text>
			</Box>,
		);
	}
	const selected = form.values.fileTypes;
	const chosen = `${labelCell('File types', false)}${selected.length === 0 ? 'all (space chooses)' : `${selected.length} chosen (space drops)`}`;
	const note = countsNote(formQuery, lastQuery, width - widthOf(chosen) - 3);
	lines.push(
		<Text key="types-head">
			<Text bold color={theme.accent}>{chosen}</Text>
			<Text color={theme.muted}>{fit(note ? ` · ${note}` : '', Math.max(0, width - widthOf(chosen)))}</Text>
		</Text>,
	);
	const typeRows = focusRows(knownTypes).filter(focus => focus.startsWith('type:'));
	// At least the focused type row, so the focus is always in sight (the hint line gives way first).
	const room = Math.max(1, height - lines.length - 1);
	const focusIndex = Math.max(0, typeRows.indexOf(form.focus));
	const start = Math.max(0, Math.min(focusIndex - room + 1, typeRows.length - room));
	// Counts line up in one right-aligned column after the longest name.
	const countWidth = Math.max(0, ...knownTypes.map(type => String(counts[type] ?? '').length));
	const nameWidth = Math.min(Math.max(0, ...knownTypes.map(widthOf)), Math.max(10, width - LABEL - 6 - countWidth));
	for (const type of knownTypes.slice(start, start + room)) {
		const isFocused = focused(typeFocus(type));
		const count = counts[type] === undefined ? '' : fit(String(counts[type]), countWidth, {align: 'right'});
		const name = count ? fit(type, nameWidth) : type;
		lines.push(
			<Text key={type} inverse={isFocused}>
				{fit(`${labelCell('', isFocused)}[${selected.includes(type) ? 'x' : ' '}] ${name}  ${count}`.trimEnd(), width)}
			</Text>,
		);
	}
	const firstError = Object.values(errors)[0];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{lines}
			<Text color={firstError ? theme.error : theme.muted}>{fit(firstError ? `✗ ${firstError}` : `  ${keyFor('form-run', 'form')} runs the query · ${keyFor('back', 'form')} back to the results`, width)}</Text>
		</Box>
	);
}
