import {describe, expect, it} from 'vitest';
import {cutLine, roundLimitUp} from '../../source/cassi/cut.js';

describe('the words for a cut answer', () => {
	it('suggests a limit rounded up to one significant digit', () => {
		expect([97_137, 2400, 40, 7, 100_000, 100_001].map(roundLimitUp)).toEqual([100_000, 3000, 40, 7, 100_000, 200_000]);
	});

	it('says what the limit cut, with the service total and a limit that holds it', () => {
		expect(cutLine(50_000, {by: 'limit', known: true, total: 97_137}, 50_000)).toBe(
			'showing 50,000 of 97,137 files: the limit cut the newest; raise it with -l 100000',
		);
	});

	it('says more may exist when only the limit being reached suggests it', () => {
		expect(cutLine(100, {by: 'limit', known: false}, 100)).toBe('showing 100 files: the limit was reached, so newer files may be missing; raise it with -l 200');
	});

	it('blames the service, not the limit, when it sent fewer than it reported', () => {
		expect(cutLine(90, {by: 'service', known: true, total: 120}, 50_000)).toBe(
			'showing 90 of 120 files: the service sent fewer than it reported; try again later, or check --api-url',
		);
	});
});
