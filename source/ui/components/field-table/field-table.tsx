/**
 * A small two-column table (a file's fields) drawn by @alcalzone/ink-table, configured to fit
 * a terminal: no horizontal rules (one line per field, not two), and a long value (a URL, a
 * reason) continues on the next lines instead of being cut. Taller than the screen, it scrolls.
 */
import {Table} from '@alcalzone/ink-table';
import {Text} from 'ink';
import React from 'react';
import {fit, widthOf, wrapWords} from '../../text.js';
import {useTheme} from '../../theme.js';

type FieldRow = {Field: string; Value: string};

/** Fields → table rows, each value cut into pieces that fit `width` (the table's own rule and padding included). */
export function fieldRows(fields: Array<[string, string]>, width: number): FieldRow[] {
	const labelWidth = Math.min(16, Math.max(5, ...fields.map(([label]) => widthOf(label))));
	// │ label │ value │ with one space of padding each side of each cell.
	const room = Math.max(8, width - labelWidth - 7);
	const rows: FieldRow[] = [];
	for (const [label, value] of fields) {
		// Between words where it can; a word longer than the room (a URL) is split.
		const pieces = wrapWords(value, room, Number.POSITIVE_INFINITY);
		for (const [index, piece] of (pieces.length > 0 ? pieces : ['']).entries()) rows.push({Field: fit(index === 0 ? label : '', labelWidth), Value: piece});
	}
	return rows;
}

export function FieldTable({fields, width, height, scroll = 0}: {fields: Array<[string, string]>; width: number; height: number; scroll?: number}) {
	const theme = useTheme();
	const rows = fieldRows(fields, width);
	// The heading takes a line.
	const room = Math.max(1, height - 1);
	const top = Math.min(scroll, Math.max(0, rows.length - room));
	const Rule = ({children}: {children?: React.ReactNode}) =>
		typeof children === 'string' && /^[─┌┐┬├┤┼└┘┴]+$/.test(children) ? null : <Text color={theme.muted}>{children}</Text>;
	const Heading = ({children}: {children?: React.ReactNode}) => (
		<Text bold color={theme.accent}>
			{children}
		</Text>
	);
	return <Table data={rows.slice(top, top + room)} columns={['Field', 'Value']} skeleton={Rule} header={Heading} />;
}

/** Lines a table of these fields takes at this width (for scrolling). */
export function fieldTableHeight(fields: Array<[string, string]>, width: number): number {
	return fieldRows(fields, width).length + 1;
}
