/** One line: ingest counts per bin across the queried range, as a sparkline, labelled as room allows. */
import {Text} from 'ink';
import React from 'react';
import {sparkline, UNFETCHED, type Timeline} from '../../../state/timeline.js';
import {shortType} from '../../format.js';
import {fit, widthOf} from '../../text.js';
import {useTheme} from '../../theme.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function stamp(ms: number, binMs: number): string {
	const iso = new Date(ms).toISOString();
	if (binMs >= DAY) return iso.slice(0, 10);
	return binMs >= HOUR ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

export function binText(binMs: number): string {
	if (binMs < HOUR) return `${binMs / MINUTE} min`;
	if (binMs < DAY) return binMs === HOUR ? 'hour' : `${binMs / HOUR} hours`;
	return binMs === DAY ? 'day' : `${binMs / DAY} days`;
}

/** The longest label that fits `room`: range, bin and peak; then bin and peak; then the peak. */
export function timelineLabel(timeline: Timeline, room = Number.POSITIVE_INFINITY, type?: string): string {
	const last = timeline.start + (timeline.bins.length - 1) * timeline.binMs;
	const per = `per ${binText(timeline.binMs)}, peak ${timeline.max}`;
	const only = type === undefined ? '' : ` (${shortType(type)})`;
	const unfetched = timeline.unfetchedFrom === undefined ? '' : `, ${UNFETCHED} not fetched (limit)`;
	const range = `${stamp(timeline.start, timeline.binMs)}→${stamp(last, timeline.binMs)}`;
	// What the limit left unfetched is said in every wording that has room for it.
	const options = [`${range} ${per}${only}${unfetched}`, `${per}${only}${unfetched}`, `${per}${unfetched}`, `peak ${timeline.max}${unfetched}`, per, `peak ${timeline.max}`];
	return options.find(option => widthOf(option) <= room) ?? '';
}

export const TimelineBar = React.memo(function TimelineBar({timeline, type, width}: {timeline?: Timeline; type?: string; width: number}) {
	const theme = useTheme();
	if (!timeline) {
		return <Text color={theme.muted}>{fit('Ingest  (timeline appears with results)', width)}</Text>;
	}
	const room = Math.max(0, width - 7 - timeline.bins.length);
	return (
		<Text>
			<Text color={theme.muted}>Ingest </Text>
			<Text color={theme.accent}>{sparkline(timeline.bins.slice(0, timeline.unfetchedFrom), timeline.max)}</Text>
			{timeline.unfetchedFrom === undefined ? null : (
				<Text color={theme.muted}>{UNFETCHED.repeat(timeline.bins.length - timeline.unfetchedFrom)}</Text>
			)}
			<Text color={theme.muted}>{fit(` ${timelineLabel(timeline, room - 1, type)}`, room)}</Text>
		</Text>
	);
});
