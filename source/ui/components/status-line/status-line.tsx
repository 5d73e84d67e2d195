/**
 * The status line: search progress ("N of T" while loading, "N files" when done, "N of T
 * files: the limit cut the newest (F fetches the rest)" for as long as a cut result shows), marked
 * count and size, filters, download progress; a question or the filter line take it over.
 */
import {Text} from 'ink';
import React from 'react';
import {cutWords} from '../../../cassi/cut.js';
import type {MarkedStats} from '../../../state/selectors.js';
import type {AppState} from '../../../state/types.js';
import {bytes, shortType, SPINNER} from '../../format.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

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

export function StatusLine(props: StatusLineProps) {
	const theme = useTheme();
	if (props.confirm) {
		return (
			<Text inverse bold>
				{fit(`? ${props.confirm.message}`, props.width)}
			</Text>
		);
	}
	if (props.filtering) {
		return (
			<Text>
				{fit(`/${props.filter}▏  ${props.viewCount} ${props.viewCount === 1 ? 'match' : 'matches'} · Enter keeps · Esc cancels`, props.width)}
			</Text>
		);
	}
	// Most important first: the right end is what gets cut on a narrow screen.
	const parts = [searchText(props.search, props.rowCount, props.spinner)];
	parts.push(`${props.marked.count} marked (${bytes(props.marked.bytes)}${props.marked.unknownSize ? '+?' : ''})`);
	const queue = queueText(props.queue);
	if (queue) parts.push(queue);
	if (props.typeFilter !== undefined || props.filter) {
		const shown = [props.typeFilter !== undefined ? shortType(props.typeFilter) : '', props.filter ? `/${props.filter}` : ''].filter(Boolean).join(' ');
		parts.push(`showing ${props.viewCount}: ${shown}`);
	}
	if (props.search.duplicates > 0) parts.push(`${props.search.duplicates} duplicates dropped`);
	const left = parts.join(' · ');
	if (props.message) {
		const color = props.message.tone === 'error' ? theme.error : props.message.tone === 'success' ? theme.success : undefined;
		const room = Math.max(0, props.width - Math.min(left.length, Math.floor(props.width / 2)) - 3);
		const messageText = fit(props.message.text, room);
		return (
			<Text>
				<Text>{fit(left, props.width - room - 3)} · </Text>
				<Text color={color} bold={props.message.tone === 'error'}>
					{messageText}
				</Text>
			</Text>
		);
	}
	return <Text>{fit(left, props.width)}</Text>;
}
