/** The windowed results list: only the rows on screen are ever rendered. */
import {Box, Text} from 'ink';
import React from 'react';
import type {MarkSet} from '../../../state/mark-set.js';
import type {Row, Sort} from '../../../state/types.js';
import {fit} from '../../text.js';
import {GLYPH, useTheme} from '../../theme.js';
import {headerLine, rowLine, type Columns} from './columns.js';

export interface ResultsListProps {
	rows: Row[];
	/** Index in the view of rows[0]. */
	offset: number;
	cursor: number;
	marks: MarkSet;
	rangeAnchor?: number;
	sort: Sort;
	/** The column layout, fitted to the list's width by the caller (it knows the panel beside it). */
	columns: Columns;
	height: number;
	/** Shown when there are no rows. */
	emptyText: string;
}

export function ResultsList(props: ResultsListProps) {
	const theme = useTheme();
	const {columns} = props;
	const lines: React.ReactNode[] = [];
	const inRange = (index: number) =>
		props.rangeAnchor !== undefined && index >= Math.min(props.rangeAnchor, props.cursor) && index <= Math.max(props.rangeAnchor, props.cursor);
	props.rows.forEach((row, position) => {
		const index = props.offset + position;
		const isCursor = index === props.cursor;
		const marked = props.marks.hasKey(row.key);
		const mark = marked ? GLYPH.marked : inRange(index) ? '+' : GLYPH.unmarked;
		lines.push(
			<Text key={row.key} inverse={isCursor} color={marked ? theme.marked : undefined} bold={marked}>
				{rowLine(row, columns, isCursor, mark)}
			</Text>,
		);
	});
	if (props.rows.length === 0) {
		lines.push(
			<Text key="empty" color={theme.muted}>
				{fit(`  ${props.emptyText}`, columns.width)}
			</Text>,
		);
	}
	return (
		<Box flexDirection="column" width={columns.width} height={props.height + 1} overflow="hidden">
			<Text bold color={theme.accent}>
				{headerLine(columns, props.sort)}
			</Text>
			{lines}
		</Box>
	);
}
