/**
 * Date inputs as a user types them, normalised to the service's `YYYY-MM-DDTHH:MM:SS` (UTC),
 * with the fraction of a second kept when one was typed (`T12:00:00.123`).
 * A date alone covers the whole day: 00:00:00 as a start, 23:59:59 as an end, exactly as the
 * companion script does. Calendar validity is luxon's job, not ours.
 */
import {createRequire} from 'node:module';
import type {DateTime, DurationLikeObject} from 'luxon';
import {CassiError} from './errors.js';
import {sanitizeText} from './sanitize.js';

const load = createRequire(import.meta.url);
let luxon: typeof import('luxon') | undefined;

/** luxon, loaded when first needed: a plain date or time (what scripts pass) needs none of it (~7 ms of a start). */
function lux(): typeof import('luxon') {
	if (!luxon) {
		luxon = load('luxon') as typeof import('luxon');
		// Every format here is fixed digits, never words: with no locale set, luxon asks the system for one
		// (an Intl start-up, ~50 ms of every run); English also lets it pad numbers itself.
		luxon.Settings.defaultLocale = 'en-US';
	}
	return luxon;
}

export type DateEdge = 'start' | 'end';

const FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
const ACCEPTED = 'use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS (UTC), today, yesterday, now, or -3d / -12h / -30m / -2w';

// Date, then optional time (T or one space), optional seconds and fraction, optional Z or offset.
const ABSOLUTE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RELATIVE = /^-(\d{1,6})\s*([wdhm])$/i;
const UNITS: Record<string, keyof DurationLikeObject> = {w: 'weeks', d: 'days', h: 'hours', m: 'minutes'};

function usage(text: string, label: string | undefined, why: string): CassiError {
	// The input is echoed to stderr: no control character or escape may ride along.
	const shown = sanitizeText(text);
	const what = label ? `${label} "${shown}"` : `date "${shown}"`;
	return new CassiError('usage', `${what} ${why}: ${ACCEPTED}`);
}

function format(value: DateTime): string {
	return value.toUTC().toFormat(FORMAT);
}

function dayEdge(day: DateTime, edge: DateEdge): string {
	return format(edge === 'start' ? day.startOf('day') : day.endOf('day'));
}

/**
 * Parse one date input. `label` names the flag in the error (`--ingestion-start-date`).
 * A time given without seconds covers its whole minute, like a date alone covers its day.
 */
export function parseDateInput(text: string, edge: DateEdge, now: Date = new Date(), label?: string): string {
	const value = parseDate(text, edge, now, label);
	// `-999999w` or an offset on 0001-01-01 leaves the four-digit years the service reads.
	if (!/^\d{4}-/.test(value) || value.startsWith('0000-')) throw usage(text, label, 'is outside the years 0001–9999');
	return value;
}

/**
 * A valid date, with or without a valid time, in UTC (no zone), years 1000–9999: the text it
 * normalises to, made without luxon; undefined for anything else (luxon's path then decides).
 */
function plainDate(match: RegExpExecArray, edge: DateEdge): string | undefined {
	const [, year, month, day, hour, minute, second, fraction, zone] = match;
	const y = Number(year);
	const m = Number(month);
	const d = Number(day);
	if (zone !== undefined || y < 1000 || m < 1 || m > 12 || d < 1) return undefined;
	// Day 0 of the next month: the last day of this one (Date.UTC reads years from 1000 on as given).
	if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
	const date = `${year}-${month}-${day}`;
	if (hour === undefined) return `${date}T${edge === 'start' ? '00:00:00' : '23:59:59'}`;
	const seconds = second ?? (edge === 'start' ? '00' : '59');
	if (Number(hour) > 23 || Number(minute) > 59 || Number(seconds) > 59) return undefined;
	return `${date}T${hour}:${minute}:${seconds}${fraction ?? ''}`;
}

function parseDate(text: string, edge: DateEdge, now: Date, label?: string): string {
	const input = text.trim();
	const match = ABSOLUTE.exec(input);
	const plain = match && plainDate(match, edge);
	if (plain) return plain;

	const {DateTime} = lux();
	const nowUtc = DateTime.fromJSDate(now, {zone: 'utc'});
	const word = input.toLowerCase();
	if (word === 'now') return format(nowUtc);
	if (word === 'today') return dayEdge(nowUtc, edge);
	if (word === 'yesterday') return dayEdge(nowUtc.minus({days: 1}), edge);

	const relative = RELATIVE.exec(input);
	if (relative) {
		const unit = UNITS[relative[2].toLowerCase()];
		return format(nowUtc.minus({[unit]: Number(relative[1])}));
	}

	if (!match) throw usage(text, label, 'is not a date');
	const [, year, month, day, hour, minute, second, fraction, zone] = match;
	const numbers = {year: Number(year), month: Number(month), day: Number(day)};
	const calendarDay = DateTime.fromObject(numbers, {zone: 'utc'});
	if (!calendarDay.isValid) throw usage(text, label, 'is not a real day');
	if (hour === undefined) return dayEdge(calendarDay, edge);

	// luxon takes 24:00 as the next midnight; a user who typed it made a mistake, say so.
	const h = Number(hour);
	const m = Number(minute);
	const s = second === undefined ? (edge === 'start' ? 0 : 59) : Number(second);
	if (h > 23 || m > 59 || s > 59) throw usage(text, label, 'is not a real time of day');
	let value = DateTime.fromObject({...numbers, hour: h, minute: m, second: s}, {zone: zoneName(zone)});
	if (!value.isValid) throw usage(text, label, 'is not a real date and time');
	value = value.toUTC();
	// The service's times carry seven fractional digits: a typed fraction is kept as typed
	// (an offset moves whole minutes, so it never touches the fraction).
	return format(value) + (fraction ?? '');
}

function zoneName(zone: string | undefined): string {
	if (zone === undefined || zone.toUpperCase() === 'Z') return 'utc';
	const digits = zone.replace(':', '');
	return `UTC${digits.slice(0, 3)}:${digits.slice(3)}`;
}

/** A JS Date as the service writes dates: `YYYY-MM-DDTHH:MM:SS`, UTC, seconds truncated. */
export function toServiceDate(date: Date): string {
	return format(lux().DateTime.fromJSDate(date, {zone: 'utc'}));
}

/** An end before its start is a usage error: "ingestion end X is before start Y". */
export function checkRange(start: string | undefined, end: string | undefined, label: string): void {
	// Normalised strings of one fixed width compare like the instants they name.
	if (start !== undefined && end !== undefined && end < start) {
		throw new CassiError('usage', `${label} end ${end} is before start ${start}: swap them or fix one`);
	}
}
