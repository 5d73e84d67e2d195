/**
 * Ingest counts per hour or per day across the queried range (or the data's own range when
 * the query left an end open), sized to fit the width available for the sparkline.
 */
import {memo} from './memo.js';
import {utcMs} from './rows.js';
import type {AppState, Row} from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Timeline {
	bins: number[];
	/** Width of one bin in ms (an hour, a day, or several days). */
	binMs: number;
	unit: 'hour' | 'day';
	start: number;
	end: number;
	max: number;
	/** Rows outside the range (e.g. the service ignored it). */
	outside: number;
	/**
	 * When the limit cut the result: the first bin after the newest fetched file. Results come
	 * oldest first, so from there on nothing was fetched, which is not the same as nothing ingested.
	 */
	unfetchedFrom?: number;
}

function floorTo(ms: number, unit: number): number {
	return Math.floor(ms / unit) * unit;
}

export function computeTimeline(
	rows: Row[],
	startText: string | undefined,
	endText: string | undefined,
	slots: number,
	cutNewest = false,
): Timeline | undefined {
	if (slots < 1) return undefined;
	let start = startText ? utcMs(startText) : Number.NaN;
	let end = endText ? utcMs(endText) : Number.NaN;
	if (Number.isNaN(start) || Number.isNaN(end)) {
		let low = Number.POSITIVE_INFINITY;
		let high = Number.NEGATIVE_INFINITY;
		for (const row of rows) {
			if (Number.isNaN(row.ingestMs)) continue;
			if (row.ingestMs < low) low = row.ingestMs;
			if (row.ingestMs > high) high = row.ingestMs;
		}
		if (Number.isNaN(start)) start = low;
		if (Number.isNaN(end)) end = high;
	}
	if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
	const hours = Math.floor(end / HOUR) - Math.floor(start / HOUR) + 1;
	let unit: Timeline['unit'];
	let binMs: number;
	if (hours <= slots) {
		unit = 'hour';
		binMs = HOUR;
	} else {
		unit = 'day';
		const days = Math.floor(end / DAY) - Math.floor(start / DAY) + 1;
		binMs = DAY * Math.ceil(days / slots);
	}
	const origin = floorTo(start, unit === 'hour' ? HOUR : DAY);
	const count = Math.floor((end - origin) / binMs) + 1;
	const bins = new Array<number>(count).fill(0);
	let outside = 0;
	for (const row of rows) {
		const index = Math.floor((row.ingestMs - origin) / binMs);
		if (index >= 0 && index < count && row.ingestMs >= start && row.ingestMs <= end + 999) bins[index]++;
		else outside++;
	}
	const timeline: Timeline = {bins, binMs, unit, start: origin, end, max: Math.max(0, ...bins), outside};
	if (cutNewest) {
		let newest = Number.NEGATIVE_INFINITY;
		for (const row of rows) if (row.ingestMs > newest) newest = row.ingestMs;
		const from = Number.isFinite(newest) ? Math.max(0, Math.floor((newest - origin) / binMs) + 1) : 0;
		if (from < count) timeline.unfetchedFrom = from;
	}
	return timeline;
}

const timeline = memo(computeTimeline);

/** The timeline for the last query, fitted to `slots` characters. */
export function selectTimeline(state: AppState, slots: number): Timeline | undefined {
	const cutNewest = !state.search.running && state.search.cut?.by === 'limit';
	return timeline(state.rows, state.search.query?.ingestStart, state.search.query?.ingestEnd, slots, cutNewest);
}

const BARS = '▁▂▃▄▅▆▇█';

/** Drawn for bins after the newest fetched file of a result the limit cut. */
export const UNFETCHED = '░';

/** One character per bin: a blank-looking dot for none, ▁..█ scaled to the busiest bin. */
export function sparkline(bins: number[], max: number): string {
	return bins
		.map(value => {
			if (value === 0 || max === 0) return '·';
			return BARS[Math.min(BARS.length - 1, Math.max(0, Math.ceil((value / max) * BARS.length) - 1))];
		})
		.join('');
}
