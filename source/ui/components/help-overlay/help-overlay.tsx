/** `?` / F1: every key that works where the user is, generated from the key table. */
import {Box, Text} from 'ink';
import React from 'react';
import {bindingsFor, CONTEXT_TITLES, keysLabel, type KeyContext} from '../../keys.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

export interface HelpLine {
	heading?: string;
	keys?: string;
	help?: string;
}

export function helpLines(contexts: KeyContext[]): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const group of bindingsFor(contexts)) {
		lines.push({heading: CONTEXT_TITLES[group.context]});
		for (const binding of group.bindings) lines.push({keys: keysLabel(binding.keys), help: binding.help});
	}
	return lines;
}

export function HelpOverlay({contexts, scroll = 0, width, height}: {contexts: KeyContext[]; scroll?: number; width: number; height: number}) {
	const theme = useTheme();
	const all = helpLines(contexts);
	const rows = Math.max(1, height - 1);
	const columnsFit = Math.max(1, Math.floor(width / 36) || 1);
	// When even every column is not enough (a small terminal), the help scrolls.
	const overflow = all.length > rows * columnsFit;
	const top = overflow ? Math.min(scroll, all.length - rows * columnsFit) : 0;
	const lines = all.slice(top);
	const columnsNeeded = Math.ceil(lines.length / rows);
	const columnCount = Math.max(1, Math.min(columnsNeeded, Math.floor(width / 36) || 1));
	const columnWidth = Math.floor((width - (columnCount - 1)) / columnCount);
	const keyWidth = Math.min(14, Math.max(6, ...lines.map(line => (line.keys ?? '').length)));
	const columns: HelpLine[][] = [];
	for (let index = 0; index < columnCount; index++) columns.push(lines.slice(index * rows, (index + 1) * rows));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold inverse>
				{fit(overflow ? ` Keys — Esc closes · ↓↑ scroll ${top + 1}–${Math.min(all.length, top + rows * columnsFit)} of ${all.length}` : ' Keys — Esc, q or ? closes this help', width)}
			</Text>
			<Box flexDirection="row">
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={columnWidth} marginRight={index < columnCount - 1 ? 1 : 0}>
						{column.map((line, row) =>
							line.heading ? (
								<Text key={row} bold color={theme.accent}>
									{fit(line.heading, columnWidth)}
								</Text>
							) : (
								<Text key={row}>
									{fit(`${fit(line.keys ?? '', keyWidth)} ${line.help ?? ''}`, columnWidth)}
								</Text>
							),
						)}
					</Box>
				))}
			</Box>
		</Box>
	);
}
