import fc from 'fast-check';
import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import {checkRange, parseDateInput} from '../../source/cassi/dates.js';
import {CassiError} from '../../source/cassi/errors.js';

const NOW = new Date('2025-10-05T13:45:30.250Z');

function usageMessage(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).kind).toBe('usage');
		expect((error as CassiError).exitCode).toBe(2);
		return (error as CassiError).message;
	}
	throw new Error('expected a usage error');
}

describe('parseDateInput', () => {
	it('turns a date alone into the whole day, as the script does', () => {
		expect(parseDateInput('2025-10-04', 'start')).toBe('2025-10-04T00:00:00');
		expect(parseDateInput('2025-10-04', 'end')).toBe('2025-10-04T23:59:59');
	});

	it('keeps a full date and time, with T, a space, a fraction or Z', () => {
		expect(parseDateInput('2025-10-03T17:00:00', 'start')).toBe('2025-10-03T17:00:00');
		expect(parseDateInput('2025-10-03T17:59:59', 'end')).toBe('2025-10-03T17:59:59');
		expect(parseDateInput('2025-10-03 17:30:05', 'end')).toBe('2025-10-03T17:30:05');
		expect(parseDateInput('2025-10-04T00:01:27.8970000', 'start')).toBe('2025-10-04T00:01:27.8970000');
		expect(parseDateInput('2025-10-04T00:01:27Z', 'start')).toBe('2025-10-04T00:01:27');
		expect(parseDateInput('  2025-10-04t00:01:27z ', 'start')).toBe('2025-10-04T00:01:27');
	});

	it('keeps fractional seconds in the condition instead of cutting them', () => {
		expect(parseDateInput('2025-10-04T12:00:00.123', 'start')).toBe('2025-10-04T12:00:00.123');
		expect(parseDateInput('2025-10-04 12:00:00.5', 'end')).toBe('2025-10-04T12:00:00.5');
		expect(parseDateInput('2025-10-04T14:00:00.25+02:00', 'start')).toBe('2025-10-04T12:00:00.25');
	});

	it('converts an explicit offset to UTC', () => {
		expect(parseDateInput('2025-10-04T01:00:00+02:00', 'start')).toBe('2025-10-03T23:00:00');
		expect(parseDateInput('2025-10-03T22:30:00-0130', 'start')).toBe('2025-10-04T00:00:00');
	});

	it('lets a time without seconds cover its whole minute', () => {
		expect(parseDateInput('2025-10-03T17:00', 'start')).toBe('2025-10-03T17:00:00');
		expect(parseDateInput('2025-10-03T17:59', 'end')).toBe('2025-10-03T17:59:59');
	});

	it('reads today, yesterday and now against the injected clock, in UTC', () => {
		expect(parseDateInput('today', 'start', NOW)).toBe('2025-10-05T00:00:00');
		expect(parseDateInput('today', 'end', NOW)).toBe('2025-10-05T23:59:59');
		expect(parseDateInput('Yesterday', 'start', NOW)).toBe('2025-10-04T00:00:00');
		expect(parseDateInput('yesterday', 'end', NOW)).toBe('2025-10-04T23:59:59');
		expect(parseDateInput('now', 'end', NOW)).toBe('2025-10-05T13:45:30');
	});

	it('reads -Nd, -Nh, -Nm, -Nw back from now, across month and year ends', () => {
		expect(parseDateInput('-3d', 'start', NOW)).toBe('2025-10-02T13:45:30');
		expect(parseDateInput('-12h', 'start', NOW)).toBe('2025-10-05T01:45:30');
		expect(parseDateInput('-30m', 'start', NOW)).toBe('2025-10-05T13:15:30');
		expect(parseDateInput('-2w', 'start', NOW)).toBe('2025-09-21T13:45:30');
		expect(parseDateInput('-1d', 'start', new Date('2025-01-01T05:00:00Z'))).toBe('2024-12-31T05:00:00');
		expect(parseDateInput('yesterday', 'start', new Date('2024-03-01T00:00:00Z'))).toBe('2024-02-29T00:00:00');
	});

	it('rejects impossible days and times with one line naming the input and the accepted forms', () => {
		for (const bad of ['2025-02-30', '2025-13-01', '2023-02-29', '2025-10-04T25:00:00', '2025-10-04T24:00:00', '2025-10-04T12:60:00', '2025-10-04T12:00:60']) {
			const message = usageMessage(() => parseDateInput(bad, 'start', NOW, '--ingestion-start-date'));
			expect(message).toContain(`--ingestion-start-date "${bad}"`);
			expect(message).toContain('YYYY-MM-DD');
			expect(message).not.toContain('\n');
		}
		expect(parseDateInput('2024-02-29', 'end')).toBe('2024-02-29T23:59:59');
	});

	it('rejects text that is not a date at all', () => {
		for (const bad of ['', 'tomorrow', '04/10/2025', '2025-10-4', '3d', '-3y', '-d', '2025-10-04T17', '20251004']) {
			const message = usageMessage(() => parseDateInput(bad, 'start', NOW));
			expect(message).toMatch(/is not a date/);
			expect(message).toContain('today, yesterday, now');
		}
	});
});

describe('checkRange', () => {
	it('accepts a start before or equal to its end, and one side alone', () => {
		expect(() => checkRange('2025-10-04T00:00:00', '2025-10-04T23:59:59', 'ingestion')).not.toThrow();
		expect(() => checkRange('2025-10-04T00:00:00', '2025-10-04T00:00:00', 'ingestion')).not.toThrow();
		expect(() => checkRange(undefined, '2025-10-04T00:00:00', 'ingestion')).not.toThrow();
	});

	it('names both ends when the end comes first', () => {
		const message = usageMessage(() => checkRange('2025-10-04T00:00:00', '2025-10-03T23:59:59', 'ingestion'));
		expect(message).toMatch(/^ingestion end 2025-10-03T23:59:59 is before start 2025-10-04T00:00:00/);
	});
});

describe('plain dates and times (read without luxon)', () => {
	// luxon's reading, as the zoned and relative forms still get it: the reference for the plain ones.
	function byLuxon(year: number, month: number, day: number, time: {hour: number; minute: number; second?: number} | undefined, edge: 'start' | 'end'): string | undefined {
		const calendarDay = DateTime.fromObject({year, month, day}, {zone: 'utc'});
		if (!calendarDay.isValid) return undefined;
		const format = "yyyy-MM-dd'T'HH:mm:ss";
		if (!time) return (edge === 'start' ? calendarDay.startOf('day') : calendarDay.endOf('day')).toFormat(format);
		const second = time.second ?? (edge === 'start' ? 0 : 59);
		if (time.hour > 23 || time.minute > 59 || second > 59) return undefined;
		return DateTime.fromObject({year, month, day, hour: time.hour, minute: time.minute, second}, {zone: 'utc'}).toFormat(format);
	}

	it('gives what luxon gives, and refuses what it refuses', () => {
		const pad = (value: number, width: number) => String(value).padStart(width, '0');
		fc.assert(
			fc.property(
				fc.integer({min: 1, max: 9999}),
				fc.integer({min: 0, max: 13}),
				fc.integer({min: 0, max: 32}),
				fc.option(fc.record({hour: fc.integer({min: 0, max: 24}), minute: fc.integer({min: 0, max: 60}), second: fc.option(fc.integer({min: 0, max: 60}), {nil: undefined})}), {nil: undefined}),
				fc.constantFrom('start' as const, 'end' as const),
				(year, month, day, time, edge) => {
					let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
					if (time) text += `T${pad(time.hour, 2)}:${pad(time.minute, 2)}${time.second === undefined ? '' : `:${pad(time.second, 2)}`}`;
					const expected = byLuxon(year, month, day, time, edge);
					if (expected === undefined) expect(() => parseDateInput(text, edge, NOW)).toThrow(CassiError);
					else expect(parseDateInput(text, edge, NOW)).toBe(expected);
				},
			),
			{numRuns: 3000},
		);
	});
});
