/**
 * Ingest counts per hour or per day across the queried range (or the data's own range when
 * the query left an end open), sized to fit the width available for the sparkline.
 */
import {memo} from './memo.js';
import {extendsRows, utcMs} from './rows.js';
import type {AppState, Row} from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bin widths a person reads at a glance; past two weeks, whole days as needed. */
const NICE_BINS = [5, 10, 15, 20, 30].map(m => m * MINUTE).concat([1, 2, 3, 4, 6, 8, 12].map(h => h * HOUR), [1, 2, 3, 7, 14].map(d => d * DAY));

export interface Timeline {
	bins: number[];
	/** Width of one bin in ms (5 minutes up to several days). */
	binMs: number;
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

/** The finest nice bin that fits the span into `slots` characters. */
function binFor(start: number, end: number, slots: number): number {
	for (const size of NICE_BINS) {
		const origin = floorTo(start, Math.min(size, DAY));
		if (Math.floor((end - origin) / size) + 1 <= slots) return size;
	}
	const days = Math.floor(end / DAY) - Math.floor(start / DAY) + 1;
	return DAY * Math.ceil(days / slots);
}

/**
 * `newestFetched`: when the limit cut the result, the newest ingest time fetched (of every type):
 * the bins after it are marked unfetched.
 */
// Every frame while pages arrive bins every row again: reading their times from one array, kept
// across pages (only new rows are read), costs a fraction of reading them from 300k row objects.
let kept: {rows: Row[]; times: Float64Array} | undefined;

function ingestTimes(rows: Row[]): Float64Array {
	if (kept?.rows === rows) return kept.times;
	const from = kept !== undefined && extendsRows(rows, kept.rows) ? kept.rows.length : 0;
	let buffer = from > 0 ? kept!.times.buffer : undefined;
	if (!buffer || buffer.byteLength < rows.length * 8) {
		// Room to grow, so a page does not copy all the times before it.
		const grown = new Float64Array(Math.max(rows.length, 2 * from));
		if (from > 0) grown.set(kept!.times.subarray(0, from));
		buffer = grown.buffer;
	}
	const times = new Float64Array(buffer, 0, rows.length);
	for (let index = from; index < rows.length; index++) times[index] = rows[index].ingestMs;
	kept = {rows, times};
	return times;
}

export function computeTimeline(
	rows: Row[],
	startText: string | undefined,
	endText: string | undefined,
	slots: number,
	newestFetched?: number,
): Timeline | undefined {
	if (slots < 1) return undefined;
	const times = ingestTimes(rows);
	let start = startText ? utcMs(startText) : Number.NaN;
	let end = endText ? utcMs(endText) : Number.NaN;
	if (Number.isNaN(start) || Number.isNaN(end)) {
		let low = Number.POSITIVE_INFINITY;
		let high = Number.NEGATIVE_INFINITY;
		for (let index = 0; index < times.length; index++) {
			const ms = times[index];
			if (Number.isNaN(ms)) continue;
			if (ms < low) low = ms;
			if (ms > high) high = ms;
		}
		if (Number.isNaN(start)) start = low;
		if (Number.isNaN(end)) end = high;
	}
	if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
	const binMs = binFor(start, end, slots);
	// Bins line up with the clock: hours on the hour, days at midnight UTC.
	const origin = floorTo(start, Math.min(binMs, DAY));
	const count = Math.floor((end - origin) / binMs) + 1;
	const bins = new Array<number>(count).fill(0);
	let outside = 0;
	for (let row = 0; row < times.length; row++) {
		const ms = times[row];
		const index = Math.floor((ms - origin) / binMs);
		if (index >= 0 && index < count && ms >= start && ms <= end + 999) bins[index]++;
		else outside++;
	}
	const timeline: Timeline = {bins, binMs, start: origin, end, max: Math.max(0, ...bins), outside};
	if (newestFetched !== undefined) {
		const from = Number.isFinite(newestFetched) ? Math.max(0, Math.floor((newestFetched - origin) / binMs) + 1) : 0;
		if (from < count) timeline.unfetchedFrom = from;
	}
	return timeline;
}

const timeline = memo(computeTimeline);
const rowsOfType = memo((rows: Row[], type: string | undefined): Row[] => (type === undefined ? rows : rows.filter(row => row.type === type)));

/** The timeline for the last query, of the type `]`/`[` chose (all types otherwise), fitted to `slots` characters. */
export function selectTimeline(state: AppState, slots: number): Timeline | undefined {
	const cut = !state.search.running && state.search.cut?.by === 'limit';
	// The cut is of the whole result: the unfetched span starts after the newest file of any type.
	const newestFetched = cut ? newest(state.rows) : undefined;
	return timeline(rowsOfType(state.rows, state.typeFilter), state.search.query?.ingestStart, state.search.query?.ingestEnd, slots, newestFetched);
}

const newest = memo((rows: Row[]): number => {
	let value = Number.NEGATIVE_INFINITY;
	for (const row of rows) if (row.ingestMs > value) value = row.ingestMs;
	return value;
});

/**
 * Characters for the bars at this width: room for the label beside them when there is, and
 * never fewer than a day's 24 hours when the line can hold them with a short label.
 */
export function timelineSlots(width: number): number {
	const withLabel = width - 8 - 44;
	return withLabel >= 24 ? withLabel : Math.max(4, Math.min(24, width - 8 - 20));
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
