/**
 * The status line: search progress ("N of T" while loading, "N files" when done, "N of T
 * files: the limit cut the newest (F fetches the rest)" for as long as a cut result shows), marked
 * count and size, filters, download progress; a question or the filter line take it over.
 */
import {Box, Text} from 'ink';
import React from 'react';
import {cutWords} from '../../../cassi/cut.js';
import type {MarkedStats} from '../../../state/selectors.js';
import type {AppState} from '../../../state/types.js';
import {bytes, shortType, SPINNER} from '../../format.js';
import {fit, widthOf, wrapWords} from '../../text.js';
import {keyFor} from '../../keys.js';
import {useTheme} from '../../theme.js';
import {TextField} from '../text-field/text-field.js';

export interface StatusLineProps {
	search: AppState['search'];
	rowCount: number;
	viewCount: number;
	marked: MarkedStats;
	filter: string;
	filtering: boolean;
	typeFilter?: string;
	message?: AppState['message'];
	confirm?: AppState['confirm'];
	queue?: AppState['queue'];
	spinner: number;
	width: number;
}

export function searchText(search: AppState['search'], rowCount: number, spinner: number): string {
	if (search.running) {
		const frame = SPINNER[spinner % SPINNER.length];
		if (search.waiting) return `${frame} ${rowCount > 0 ? `${rowCount} files so far · ` : ''}${search.waiting}`;
		return search.total === undefined ? `${frame} ${rowCount} files so far` : `${frame} ${rowCount} of ${search.total}`;
	}
	if (search.error) return `search failed after ${rowCount} files`;
	if (!search.query) return 'no query yet';
	if (search.cut) {
		// Stays while the result is on screen: a cut result is never mistaken for the whole answer.
		const words = cutWords(rowCount, search.cut, search.query.limit);
		return `${words.shown.replace(/^showing /, '')}: ${words.why}${words.raiseTo === undefined ? '' : ' (F fetches the rest)'}`;
	}
	return `${rowCount} files`;
}

export function queueText(queue: AppState['queue']): string {
	if (!queue || queue.files.length === 0) return '';
	const {totals} = queue;
	const finished = totals.byState.done + totals.byState.skipped;
	const rate = totals.rate ? ` ${bytes(totals.rate)}/s` : '';
	const failed = totals.byState.failed ? ` ${totals.byState.failed} failed` : '';
	return `↓ ${finished}/${totals.files}${failed}${totals.paused ? ' paused' : rate}`;
}

/** Whole parts, left to right, as many as fit: a part is dropped, never cut mid-word. */
export function fitParts(parts: string[], width: number, keepFirst = false): string {
	let line = '';
	for (const part of parts) {
		const next = line ? `${line} · ${part}` : part;
		if (widthOf(next) > width) break;
		line = next;
	}
	// The first part (the result's size, or why it was cut) always shows: cut between words if it must.
	if (keepFirst && !line && parts.length > 0 && width > 1) {
		const words = wrapWords(parts[0], width - 1, Number.POSITIVE_INFINITY);
		line = words.length > 1 ? `${words[0]}…` : (words[0] ?? '');
	}
	return line;
}

const FILTER_PLACEHOLDER = 'name or type';

export function StatusLine(props: StatusLineProps) {
	const theme = useTheme();
	const {width} = props;
	if (props.confirm) {
		// A question takes the line, and a second one when it needs it: its end is "(y/n)".
		return (
			<Box flexDirection="column" width={width}>
				{wrapWords(`? ${props.confirm.message}`, width).map((line, index) => (
					<Text key={index} inverse bold>
						{fit(line, width)}
					</Text>
				))}
			</Box>
		);
	}
	if (props.filtering) {
		// The match count sits beside the typed text so it stays visible; key hints go first.
		const count = `${props.viewCount} ${props.viewCount === 1 ? 'match' : 'matches'}`;
		const typed = Math.min(widthOf(props.filter || FILTER_PLACEHOLDER) + 2, Math.max(4, width - widthOf(count) - 2));
		return (
			<Box width={width} height={1} overflow="hidden">
				<Box width={typed} flexShrink={0} overflow="hidden">
					<Text>/</Text>
					<TextField field="filter" value={props.filter} focus placeholder={FILTER_PLACEHOLDER} />
				</Box>
				<Text>{fit(`  ${fitParts([count, `${keyFor('text-done', 'filter')} keeps`, `${keyFor('back', 'filter')} cancels`], width - typed - 2)}`, width - typed)}</Text>
			</Box>
		);
	}
	if (props.search.running && props.search.waiting && props.message?.tone !== 'error') {
		// The service keeps us waiting: that takes the line (cut at its end, never dropped) until an answer comes.
		return <Text>{fit(searchText(props.search, props.rowCount, props.spinner), width)}</Text>;
	}
	// Most important first: when the line is short, parts drop from the right, whole.
	const parts = [searchText(props.search, props.rowCount, props.spinner)];
	parts.push(`${props.marked.count} marked (${bytes(props.marked.bytes)}${props.marked.unknownSize ? '+?' : ''})`);
	const queue = queueText(props.queue);
	if (queue) parts.push(queue);
	if (props.typeFilter !== undefined || props.filter) {
		const shown = [props.typeFilter !== undefined ? shortType(props.typeFilter) : '', props.filter ? `/${props.filter}` : ''].filter(Boolean).join(' ');
		parts.push(`showing ${props.viewCount}: ${shown}`);
	}
	const duplicates = props.search.duplicates;
	if (duplicates > 0) parts.push(`${duplicates} ${duplicates === 1 ? 'duplicate' : 'duplicates'} dropped`);
	if (!props.message) return <Text>{fit(fitParts(parts, width, true), width)}</Text>;
	const color = props.message.tone === 'error' ? theme.error : props.message.tone === 'success' ? theme.success : undefined;
	const messageLines = wrapWords(props.message.text, width);
	const message = (line: string, key: number, room: number) => (
		<Text key={key} color={color} bold={props.message?.tone === 'error'}>
			{fit(line, room)}
		</Text>
	);
	if (messageLines.length > 1) {
		// Too long for one line: it takes two for as long as it is shown (the counts come back after).
		return (
			<Box flexDirection="column" width={width}>
				{messageLines.map((line, index) => message(line, index, width))}
			</Box>
		);
	}
	// The message whole, and before it as many of the counts as fit (none if need be).
	const left = fitParts(parts, width - widthOf(messageLines[0] ?? '') - 3);
	const prefix = left ? `${left} · ` : '';
	return (
		<Text>
			<Text>{prefix}</Text>
			{message(messageLines[0] ?? '', 0, width - widthOf(prefix))}
		</Text>
	);
}
