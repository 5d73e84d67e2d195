/** Files per type, largest first; the type the list is filtered to carries the › glyph. */
import {Box, Text} from 'ink';
import React from 'react';
import type {TypeCount} from '../../../state/selectors.js';
import {shortType} from '../../format.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

export interface CountsPanelProps {
	counts: TypeCount[];
	total: number;
	selected?: string;
	width: number;
	height: number;
}

export const CountsPanel = React.memo(function CountsPanel({counts, total, selected, width, height}: CountsPanelProps) {
	const theme = useTheme();
	const numberWidth = Math.max(5, String(total).length);
	const labelWidth = Math.max(1, width - 2 - numberWidth - 1);
	const full = labelWidth >= 37;
	const line = (key: string, label: string, value: number, isSelected: boolean) => (
		<Text key={key} inverse={isSelected} bold={isSelected}>
			{fit(`${isSelected ? '›' : ' '} ${fit(label, labelWidth)} ${fit(String(value), numberWidth, {align: 'right'})}`, width)}
		</Text>
	);
	const rows = [
		line('all', 'All types', total, selected === undefined),
		...counts.slice(0, Math.max(0, height - 2)).map(entry => line(entry.type, full ? entry.type : shortType(entry.type), entry.count, entry.type === selected)),
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={theme.accent}>
				{fit('By type  ] next [ prev', width)}
			</Text>
			{rows}
		</Box>
	);
});
