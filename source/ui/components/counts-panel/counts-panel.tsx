/**
 * Files per type, largest first; the type the list is filtered to carries the › glyph. Beside
 * the list on wide screens (full type names where they fit), one summary line on narrow ones.
 * For a one-day query each line also shows the type's typical count (the median of the 7 days
 * before, fetched after the results) and ▼ / ▲ / + where `cassi check` would call it
 * missing or low / high / new, or ? when the day or its baseline was cut (the comparison is unsure).
 */
import {Box, Text} from 'ink';
import React from 'react';
import type {CheckStatus} from '../../../cassi/check.js';
import type {Typical} from '../../../state/baseline.js';
import type {TypeCount} from '../../../state/selectors.js';
import {shortType, tinyType} from '../../format.js';
import {fit, widthOf} from '../../text.js';
import {useTheme} from '../../theme.js';

export interface CountsPanelProps {
	counts: TypeCount[];
	total: number;
	selected?: string;
	width: number;
	height: number;
	/** The baseline of a one-day query: 'loading' until it arrives. */
	typical?: {types: Record<string, Typical>; total: Typical} | 'loading';
}

const MARK: Record<CheckStatus, string> = {ok: ' ', missing: '▼', low: '▼', high: '▲', new: '+'};

function typicalText(entry: Typical | undefined): string {
	if (!entry) return '';
	return `~${Number.isInteger(entry.median) ? entry.median : entry.median.toFixed(1)}`;
}

export const CountsPanel = React.memo(function CountsPanel({counts, total, selected, width, height, typical}: CountsPanelProps) {
	const theme = useTheme();
	const ready = typical !== undefined && typical !== 'loading' ? typical : undefined;
	const typicalWidth = typical === undefined ? 0 : Math.max(3, ...(ready ? [ready.total, ...Object.values(ready.types)].map(entry => typicalText(entry).length) : [2]));
	// With typical counts the count column shrinks to the numbers it holds, to leave the label room.
	const numberWidth = typical === undefined ? Math.max(5, String(total).length) : Math.max(3, String(total).length);
	const extra = typical === undefined ? 0 : typicalWidth + 2;
	const labelWidth = Math.max(1, width - 2 - numberWidth - 1 - extra);
	// Each type by its full name when that fits, else by the short label the list uses.
	const labelFor = (type: string) => (widthOf(type) <= labelWidth ? type : shortType(type));
	const line = (key: string, label: string, value: number, isSelected: boolean, entry: Typical | undefined) => {
		const main = `${isSelected ? '›' : ' '} ${fit(label, labelWidth)} ${fit(String(value), numberWidth, {align: 'right'})}`;
		if (typical === undefined) {
			return (
				<Text key={key} inverse={isSelected} bold={isSelected}>
					{fit(main, width)}
				</Text>
			);
		}
		const shown = typical === 'loading' ? '~…' : typicalText(entry);
		const mark = entry ? (entry.unsure ? '?' : MARK[entry.status]) : ' ';
		const tail = ` ${fit(shown, typicalWidth, {align: 'right'})}${mark}`;
		const odd = mark !== ' ' && mark !== '+';
		return (
			<Text key={key} inverse={isSelected} bold={isSelected}>
				{main}
				<Text color={odd ? theme.warning : theme.muted}>{fit(tail, Math.max(0, width - widthOf(main)))}</Text>
			</Text>
		);
	};
	const rows = [
		line('all', 'All types', total, selected === undefined, ready?.total),
		...counts.slice(0, Math.max(0, height - 2)).map(entry => line(entry.type, labelFor(entry.type), entry.count, entry.type === selected, ready?.types[entry.type])),
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={theme.accent}>
				{fit(typical === undefined ? 'By type  ] next [ prev' : 'By type  ~typical  c', width)}
			</Text>
			{rows}
		</Box>
	);
});

/** `Cal 13 · HK 8 · GW 5 · …`: whole entries only, `…` when some do not fit; the chosen type is marked. */
export function summaryParts(counts: TypeCount[], total: number, selected: string | undefined, width: number): Array<{text: string; selected: boolean}> {
	const entries = [{text: `All ${total}`, selected: selected === undefined}, ...counts.map(entry => ({text: `${tinyType(entry.type)} ${entry.count}`, selected: entry.type === selected}))].map(entry => ({
		...entry,
		text: entry.selected ? `›${entry.text}` : entry.text,
	}));
	const ellipsis = {text: '…', selected: false};
	const fits = (list: typeof entries) => list.reduce((sum, item, index) => sum + widthOf(item.text) + (index ? 3 : 0), 0) <= width;
	const shown: typeof entries = [];
	for (const [index, entry] of entries.entries()) {
		const last = index === entries.length - 1;
		if (!fits([...shown, entry, ...(last ? [] : [ellipsis])])) {
			// The chosen type stays visible even when it would fall off the end.
			const chosen = entries.slice(index).find(item => item.selected);
			if (chosen) {
				while (shown.length > 1 && !fits([...shown, chosen, ellipsis])) shown.pop();
				shown.push(chosen);
			}
			shown.push(ellipsis);
			return shown;
		}
		shown.push(entry);
	}
	return shown;
}

export const CountsSummary = React.memo(function CountsSummary({counts, total, selected, width}: Omit<CountsPanelProps, 'height'>) {
	const theme = useTheme();
	const parts = summaryParts(counts, total, selected, width);
	const used = parts.reduce((sum, part, index) => sum + widthOf(part.text) + (index ? 3 : 0), 0);
	return (
		<Text>
			{parts.map((part, index) => (
				<Text key={index}>
					{index ? <Text color={theme.muted}> · </Text> : null}
					<Text inverse={part.selected} bold={part.selected}>
						{part.text}
					</Text>
				</Text>
			))}
			{' '.repeat(Math.max(0, width - used))}
		</Text>
	);
});
