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
