/**
 * Property tests for the date inputs a user types: every valid input comes back as the
 * service's normalised `YYYY-MM-DDTHH:MM:SS` (with a typed fraction of a second kept), and anything else is a one-line usage error
 * (exit 2) — never another kind of error, never a malformed date sent to the service.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {checkRange, parseDateInput, type DateEdge} from '../../source/cassi/dates.js';
import {CassiError} from '../../source/cassi/errors.js';

const NOW = new Date('2025-10-05T13:45:30.250Z');
// Whole seconds, or the fraction of a second as typed (kept in the condition).
const NORMAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const edge = fc.constantFrom<DateEdge>('start', 'end');

/** A real UTC instant, whole seconds, years 1000–9999 (four digits, as the service prints). */
const instant = fc
	.integer({min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59)})
	.map(ms => new Date(Math.floor(ms / 1000) * 1000));

function normalised(date: Date): string {
	return date.toISOString().slice(0, 19);
}

/** A normalised string that names a real instant (re-reading it gives the same text). */
function isRealNormalised(text: string): boolean {
	const match = NORMAL.exec(text);
	if (!match) return false;
	const seconds = text.slice(0, 19);
	const back = new Date(`${seconds}Z`);
	return !Number.isNaN(back.getTime()) && normalised(back) === seconds;
}

/** The outcome of one parse: the value, or the error it threw. */
function attempt(text: string, side: DateEdge): {value?: string; error?: unknown} {
	try {
		return {value: parseDateInput(text, side, NOW, '--ingestion-start-date')};
	} catch (error) {
		return {error};
	}
}

function expectUsageError(error: unknown): void {
	expect(error).toBeInstanceOf(CassiError);
	const failure = error as CassiError;
	expect(failure.kind).toBe('usage');
	expect(failure.exitCode).toBe(2);
	// One line, and nothing the user typed can smuggle a control character or escape onto stderr.
	expect(failure.message).not.toMatch(CONTROL);
}

describe('date parsing (property)', () => {
	it('round-trips every normalised date and time, for either edge', () => {
		fc.assert(
			fc.property(instant, edge, (date, side) => {
				const text = normalised(date);
				expect(parseDateInput(text, side, NOW)).toBe(text);
				// The accepted spellings of the same instant normalise to it too.
				expect(parseDateInput(text.replace('T', ' '), side, NOW)).toBe(text);
				expect(parseDateInput(`${text}Z`, side, NOW)).toBe(text);
				// A typed fraction is kept, so the condition is exactly what was asked for.
				expect(parseDateInput(`${text}.1234567`, side, NOW)).toBe(`${text}.1234567`);
				expect(parseDateInput(`  ${text.toLowerCase()}  `, side, NOW)).toBe(text);
			}),
		);
	});

	it('turns a date alone into the first or last second of that day', () => {
		fc.assert(
			fc.property(instant, edge, (date, side) => {
				const day = normalised(date).slice(0, 10);
				expect(parseDateInput(day, side, NOW)).toBe(`${day}T${side === 'start' ? '00:00:00' : '23:59:59'}`);
			}),
		);
	});

	it('converts an explicit offset to the same instant in UTC', () => {
		fc.assert(
			fc.property(
				fc.integer({min: Date.UTC(1001, 0, 1), max: Date.UTC(9998, 11, 31)}).map(ms => Math.floor(ms / 1000) * 1000),
				fc.integer({min: -14 * 60, max: 14 * 60}).filter(minutes => minutes % 15 === 0),
				edge,
				(ms, offsetMinutes, side) => {
					const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
					const sign = offsetMinutes < 0 ? '-' : '+';
					const abs = Math.abs(offsetMinutes);
					const text = `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
					expect(parseDateInput(text, side, NOW)).toBe(normalised(new Date(ms)));
				},
			),
		);
	});

	it('reads relative dates as that long before now', () => {
		const unitMs: Record<string, number> = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};
		fc.assert(
			fc.property(fc.integer({min: 0, max: 20_000}), fc.constantFrom('m', 'h', 'd', 'w'), edge, (count, unit, side) => {
				// Within 400 years of now the calendar arithmetic is exact in UTC.
				fc.pre(count * unitMs[unit] < 400 * 365 * 86_400_000);
				const expected = normalised(new Date(Math.floor((NOW.getTime() - count * unitMs[unit]) / 1000) * 1000));
				expect(parseDateInput(`-${count}${unit}`, side, NOW)).toBe(expected);
				expect(parseDateInput(`-${count}${unit.toUpperCase()}`, side, NOW)).toBe(expected);
			}),
		);
	});

	it('rejects impossible calendar days and times with a usage error', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 1000, max: 9999}),
				fc.integer({min: 0, max: 99}),
				fc.integer({min: 0, max: 99}),
				fc.integer({min: 0, max: 99}),
				fc.integer({min: 0, max: 99}),
				fc.integer({min: 0, max: 99}),
				edge,
				(year, month, day, hour, minute, second, side) => {
					const text = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
					const real =
						month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate() &&
						hour <= 23 && minute <= 59 && second <= 59;
					const {value, error} = attempt(text, side);
					if (real) expect(value).toBe(text);
					else expectUsageError(error);
				},
			),
		);
	});

	it('turns any string into a real normalised date or a one-line usage error, nothing else', () => {
		// Strings near the grammar find the edges; arbitrary Unicode finds the rest.
		const near = fc
			.array(
				fc.constantFrom(
					'2025', '-', '10', '04', 'T', ' ', ':', '00', '23', '59', '60', '24', '.', '5', 'Z', '+', '02', '13', '31', '29',
					'02-29', 'today', 'yesterday', 'now', 'd', 'h', 'w', 'm', '999999', '0000', '\n', '\u001B[2J', '\u0000', '\u00A0',
				),
				{maxLength: 10},
			)
			.map(parts => parts.join(''));
		const relative = fc
			.tuple(fc.integer({min: 0, max: 9_999_999}), fc.constantFrom('d', 'h', 'w', 'm', 'D', 'W', 'y', ''), fc.constantFrom('-', '', '+', '--'))
			.map(([n, unit, sign]) => `${sign}${n}${unit}`);
		const anything = fc.string({unit: 'binary', maxLength: 40});
		fc.assert(
			fc.property(fc.oneof(near, relative, anything), edge, (text, side) => {
				const {value, error} = attempt(text, side);
				if (error === undefined) expect(isRealNormalised(value!), `"${text}" gave "${value}"`).toBe(true);
				else expectUsageError(error);
			}),
			{numRuns: 3000},
		);
	});

	it('accepts a range exactly when the end is not before the start', () => {
		fc.assert(
			fc.property(instant, instant, (a, b) => {
				const [start, end] = [normalised(a), normalised(b)];
				let error: unknown;
				try {
					checkRange(start, end, 'ingestion');
				} catch (error_) {
					error = error_;
				}
				if (b.getTime() >= a.getTime()) expect(error).toBeUndefined();
				else expectUsageError(error);
			}),
		);
	});
});
