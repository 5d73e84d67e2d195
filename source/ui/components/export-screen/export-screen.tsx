/** Export: which rows (marked or the current view), which format, which file. */
import {Box, Text} from 'ink';
import React from 'react';
import type {ExportForm} from '../../../state/types.js';
import {fit} from '../../text.js';
import {keyFor, keyLabel} from '../../keys.js';
import {useTheme} from '../../theme.js';
import {TextField} from '../text-field/text-field.js';

const FORMAT_NAMES = {csv: 'CSV', json: 'JSON', names: 'names, one a line'} as const;

export function ExportScreen({form, marked, inView, width, height}: {form: ExportForm; marked: number; inView: number; width: number; height: number}) {
	const theme = useTheme();
	const row = (focus: ExportForm['focus'], label: string, value: string) => (
		<Text key={focus} inverse={form.focus === focus}>
			{fit(`${form.focus === focus ? '›' : ' '} ${fit(label, 8)} ${value}`, width)}
		</Text>
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={theme.accent}>
				{fit('Export to a file', width)}
			</Text>
			<Text> </Text>
			{row('scope', 'Rows', form.scope === 'marked' ? `‹ marked (${marked}) ›` : `‹ the current view (${inView}) ›`)}
			{row('format', 'Format', `‹ ${FORMAT_NAMES[form.format]} ›`)}
			{form.focus === 'file' ? (
				<Box width={width} height={1} overflow="hidden">
					<Text inverse>{`› ${fit('File', 8)} `}</Text>
					<TextField field="export-file" value={form.file} focus placeholder="a file name, e.g. results.csv" />
				</Box>
			) : (
				row('file', 'File', form.file)
			)}
			<Text> </Text>
			<Text color={theme.muted}>{fit(`${keyLabel('up')}${keyLabel('down')} field · ${keyLabel('left')}${keyLabel('right')} change · ${keyFor('export-write', 'export')} writes · ${keyFor('back', 'export')} cancels`, width)}</Text>
		</Box>
	);
}
