/**
 * Property tests for the emulator's condition grammar (the tests' stand-in for MAST): any
 * string either parses or is refused with GrammarError (the server's 400), matching never
 * throws, and text, file-name and date conditions select exactly what an independent model says.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compileCondition, formatCassiDate, GrammarError, parseCondition, type FieldKind} from '../../source/emulator/grammar.js';
import {conditionArb, conditionMatches, renderCondition, valueArb, type Kind} from './pattern-model.js';

const kinds: FieldKind[] = ['date', 'filename', 'text'];

const grammarish = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				'>=', '<=', '>', '<', '..', ',', '!', '*', '%', '[', ']', '^', '-', '[a-', 'a-z]', '[^', '2025-10-04', 'T00:01:27', '.8970000', 'Z', ' ',
				'\\', '(', ')', '?', '+', '$', '{2}', '|', '/', '\u0000', '\uD83D', '\uDE00',
			),
			fc.string({unit: 'binary', maxLength: 5}),
		),
		{maxLength: 10},
	)
	.map(parts => parts.join(''));

describe('condition grammar (property)', () => {
	it('parses any string or refuses it with GrammarError, never another error', () => {
		fc.assert(
			fc.property(fc.constantFrom(...kinds), fc.oneof(grammarish, fc.string({unit: 'binary', maxLength: 30})), (kind, value) => {
				try {
					parseCondition(kind, value);
				} catch (error) {
					expect(error).toBeInstanceOf(GrammarError);
				}
			}),
			{numRuns: 5000},
		);
	});

	it('never throws while matching a value of the field’s type', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...kinds),
				grammarish,
				fc.oneof(fc.string({unit: 'binary', maxLength: 20}), fc.integer({min: 0, max: Date.UTC(2100, 0, 1)}), fc.constant(null)),
				(kind, condition, value) => {
					let matcher;
					try {
						matcher = compileCondition(kind, condition);
					} catch {
						return;
					}
					// The archive hands dates over as epoch ms and text as strings.
					const typed = kind === 'date' ? (typeof value === 'number' ? value : null) : typeof value === 'string' ? value : null;
					expect(typeof matcher(typed)).toBe('boolean');
				},
			),
			{numRuns: 3000},
		);
	});

	it.each<Kind>(['filename', 'text'])('selects exactly what the model selects for %s conditions', kind => {
		fc.assert(
			fc.property(
				conditionArb(kind).chain(terms => fc.tuple(fc.constant(terms), fc.array(valueArb(terms), {minLength: 1, maxLength: 8}))),
				([terms, values]) => {
					const matcher = compileCondition(kind, renderCondition(terms));
					for (const value of values) {
						expect(matcher(value), `${renderCondition(terms)} vs ${value}`).toBe(conditionMatches(terms, value, kind));
					}
				},
			),
			{numRuns: 2000},
		);
	});

	it('selects by date bounds exactly as >= / <= / > / < and A..B say', () => {
		const lo = Date.UTC(2025, 9, 1);
		const hi = Date.UTC(2025, 9, 8);
		const instant = fc.integer({min: lo, max: hi});
		const second = instant.map(ms => Math.floor(ms / 1000) * 1000);
		const text = (ms: number) => new Date(ms).toISOString().slice(0, 19);
		const bound = fc.record({op: fc.constantFrom('>=', '<=', '>', '<'), at: second});
		fc.assert(
			fc.property(fc.array(bound, {minLength: 1, maxLength: 3}), fc.option(fc.tuple(second, second)), fc.array(instant, {minLength: 1, maxLength: 10}), (bounds, range, values) => {
				const parts = bounds.map(b => `${b.op}${text(b.at)}`);
				if (range) parts.push(`${text(Math.min(...range))}..${text(Math.max(...range))}`);
				const matcher = compileCondition('date', parts.join(','));
				const lower = bounds.filter(b => b.op.startsWith('>'));
				const upper = bounds.filter(b => b.op.startsWith('<'));
				const holds = (b: {op: string; at: number}, v: number) =>
					b.op === '>=' ? v >= b.at : b.op === '>' ? v > b.at : b.op === '<=' ? v <= b.at : v < b.at;
				for (const value of values) {
					const compared = (lower.length === 0 || lower.some(b => holds(b, value))) && (upper.length === 0 || upper.some(b => holds(b, value)));
					const ranged = range !== null && value >= Math.min(...range) && value <= Math.max(...range);
					expect(matcher(value), `${parts.join(',')} vs ${text(value)}`).toBe(compared || ranged);
					// The service's own spelling of the same instant matches the same way.
					expect(matcher(formatCassiDate(value))).toBe(compared || ranged);
				}
			}),
			{numRuns: 1000},
		);
	});

	it('matches an exact date at the precision it was given', () => {
		const day = 86_400_000;
		fc.assert(
			fc.property(fc.integer({min: Date.UTC(2025, 9, 1), max: Date.UTC(2025, 9, 8)}), fc.integer({min: -2 * day, max: 2 * day}), (at, delta) => {
				const value = at + delta;
				const iso = new Date(at).toISOString();
				const cases: Array<[string, number]> = [
					[iso.slice(0, 10), day],
					[iso.slice(0, 16), 60_000],
					[iso.slice(0, 19), 1000],
				];
				for (const [spelled, precision] of cases) {
					const start = Date.parse(`${spelled.length === 10 ? `${spelled}T00:00:00` : spelled}Z`);
					expect(compileCondition('date', spelled)(value)).toBe(value >= start && value < start + precision);
				}
			}),
		);
	});
});
