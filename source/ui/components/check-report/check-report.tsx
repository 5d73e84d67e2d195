/** The check report for the day in view: the same table and words `cassi check` prints. */
import {Box, Text} from 'ink';
import React from 'react';
import type {Baseline} from '../../../state/types.js';
import {formatCheckText} from '../../../headless/check.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

export function checkLines(baseline: Baseline | undefined): string[] {
	if (!baseline) return ['No check for this query: it needs one whole day (Y yesterday, T today).'];
	if (baseline.status === 'loading') return [`Fetching the 7 days before ${baseline.day} for the baseline…`];
	if (baseline.status === 'failed') return [`The baseline search failed: ${baseline.error ?? 'unknown error'}`, 'r runs the query again, which fetches it again.'];
	return formatCheckText(baseline.report!).trimEnd().split('\n');
}

export function CheckReportView({baseline, scroll, width, height}: {baseline?: Baseline; scroll: number; width: number; height: number}) {
	const theme = useTheme();
	const lines = checkLines(baseline);
	const room = Math.max(1, height - 1);
	const top = Math.min(scroll, Math.max(0, lines.length - room));
	const more = lines.length - top - room;
	const shown = lines.slice(top, top + room);
	const anomalies = new Set(baseline?.report?.anomalies ?? []);
	if (more > 0) shown[shown.length - 1] = `… ${more + 1} more lines (↓ scrolls)`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold inverse>
				{fit(` Check: ${baseline?.day ?? 'no day'} against the 7 days before`, width)}
			</Text>
			{shown.map((line, index) => (
				<Text key={index} color={anomalies.has(line) || / (missing|low|high)$/.test(line) ? theme.warning : undefined}>
					{fit(line, width)}
				</Text>
			))}
		</Box>
	);
}
