/** One line: ingest counts per hour or day across the queried range, as a sparkline. */
import {Text} from 'ink';
import React from 'react';
import {sparkline, UNFETCHED, type Timeline} from '../../../state/timeline.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

function stamp(ms: number, unit: Timeline['unit']): string {
	const iso = new Date(ms).toISOString();
	return unit === 'hour' ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(0, 10);
}

export function timelineLabel(timeline: Timeline): string {
	const last = timeline.start + (timeline.bins.length - 1) * timeline.binMs;
	const per = timeline.unit === 'hour' ? 'hour' : timeline.binMs > 86_400_000 ? `${timeline.binMs / 86_400_000} days` : 'day';
	const unfetched = timeline.unfetchedFrom === undefined ? '' : `, ${UNFETCHED} not fetched (limit)`;
	return `${stamp(timeline.start, timeline.unit)}→${stamp(last, timeline.unit)} per ${per}, peak ${timeline.max}${unfetched}`;
}

/** Characters left for the bars once the label fits. */
export function timelineSlots(width: number): number {
	return Math.max(4, width - 8 - 46);
}

export const TimelineBar = React.memo(function TimelineBar({timeline, width}: {timeline?: Timeline; width: number}) {
	const theme = useTheme();
	if (!timeline) {
		return <Text color={theme.muted}>{fit('Ingest  (timeline appears with results)', width)}</Text>;
	}
	return (
		<Text>
			<Text color={theme.muted}>Ingest </Text>
			<Text color={theme.accent}>{sparkline(timeline.bins.slice(0, timeline.unfetchedFrom), timeline.max)}</Text>
			{timeline.unfetchedFrom === undefined ? null : (
				<Text color={theme.muted}>{UNFETCHED.repeat(timeline.bins.length - timeline.unfetchedFrom)}</Text>
			)}
			<Text color={theme.muted}>{fit(` ${timelineLabel(timeline)}`, Math.max(0, width - 7 - timeline.bins.length))}</Text>
		</Text>
	);
});
