/**
 * The payload builder round-tripped through the emulator's request parser and matcher:
 * for random queries (as a user types them) and random archives, the rows the payload
 * selects on the server are exactly those a direct filter of the query selects.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {buildPayload, queryFromOptions, SELECT_COLS} from '../../source/cassi/query.js';
import {KNOWN_FILE_TYPES, type Query} from '../../source/cassi/types.js';
import type {Product} from '../../source/emulator/archive.js';
import {parseSearchBody} from '../../source/emulator/payload.js';
import {searchRows, type ProductSource} from '../../source/emulator/search.js';
import {conditionArb, conditionMatches, LITERALS, renderCondition, type Term} from './pattern-model.js';

const NOW = new Date('2025-10-20T12:00:00Z');
const FROM = Date.UTC(2025, 9, 3);
const TO = Date.UTC(2025, 9, 6);

// A few pivot instants (whole seconds, as typed dates are): query bounds come from them and
// product times cluster around them, so the edges of every range get hit, not just its middle.
const PIVOTS = [Date.UTC(2025, 9, 4), Date.UTC(2025, 9, 4, 17, 0, 0), Date.UTC(2025, 9, 4, 23, 59, 59), Date.UTC(2025, 9, 5, 6, 30, 15)];
const NEAR = [-86_400_000, -1000, -1, 0, 1, 999, 1000, 59_999, 60_000, 86_399_999, 86_400_000];
const instant = fc.oneof(
	fc.integer({min: FROM, max: TO}),
	fc.tuple(fc.constantFrom(...PIVOTS), fc.constantFrom(...NEAR)).map(([pivot, delta]) => pivot + delta),
);
/** What a user types for a date: a day, a day and time, with or without seconds. */
const typedDate = fc.oneof(fc.constantFrom(...PIVOTS), fc.integer({min: FROM, max: TO})).chain(ms => {
	const iso = new Date(ms).toISOString();
	return fc.constantFrom(iso.slice(0, 10), iso.slice(0, 19), iso.slice(0, 16), iso.slice(0, 19).replace('T', ' '));
});

const products = fc.array(
	fc.record({
		name: fc.array(fc.constantFrom(...LITERALS), {minLength: 1, maxLength: 6}).map(chars => chars.join('')),
		fileType: fc.constantFrom(...KNOWN_FILE_TYPES),
		ingestMs: instant,
		startMs: fc.option(instant, {nil: null}),
		endMs: fc.option(instant, {nil: null}),
	}),
	{maxLength: 40},
);

const typeChoice = fc.array(fc.record({type: fc.constantFrom(...KNOWN_FILE_TYPES), exclude: fc.boolean()}), {minLength: 1, maxLength: 3});

interface TypedQuery {
	ingestStart?: string;
	ingestEnd?: string;
	expStart?: string;
	expEnd?: string;
	types?: Array<{type: string; exclude: boolean}>;
	names?: Term[];
}

const typedQuery = fc.record<TypedQuery>(
	{
		ingestStart: typedDate,
		ingestEnd: typedDate,
		expStart: typedDate,
		expEnd: typedDate,
		types: typeChoice,
		names: conditionArb('filename'),
	},
	{requiredKeys: []},
);

function source(list: Product[]): ProductSource {
	return {scan: (lo, hi) => list.filter(product => product.ingestMs >= lo && product.ingestMs <= hi).sort((a, b) => a.ingestMs - b.ingestMs)};
}

const ms = (normalised: string) => Date.parse(`${normalised}Z`);

/** The query applied directly to the products, without the payload or the grammar. */
function directFilter(query: Query, typed: TypedQuery, list: Product[]): Set<string> {
	const typeTerms: Term[] | undefined = typed.types?.map(({type, exclude}) => ({exclude, tokens: [...type].map(char => ({type: 'literal' as const, char}))}));
	return new Set(
		list
			.filter(p => query.ingestStart === undefined || p.ingestMs >= ms(query.ingestStart))
			.filter(p => query.ingestEnd === undefined || p.ingestMs <= ms(query.ingestEnd))
			.filter(p => query.expStart === undefined || (p.startMs !== null && p.startMs >= ms(query.expStart)))
			.filter(p => query.expEnd === undefined || (p.endMs !== null && p.endMs <= ms(query.expEnd)))
			.filter(p => !typeTerms || conditionMatches(typeTerms, p.fileType, 'text'))
			.filter(p => !typed.names || conditionMatches(typed.names, p.name, 'filename'))
			.map(p => p.name),
	);
}

describe('payload builder through the emulator (property)', () => {
	it('selects exactly the rows a direct filter of the query selects', () => {
		fc.assert(
			fc.property(typedQuery, products, (typed, rows) => {
				let query: Query;
				try {
					query = queryFromOptions(
						{
							ingestStart: typed.ingestStart,
							ingestEnd: typed.ingestEnd,
							expStart: typed.expStart,
							expEnd: typed.expEnd,
							filetype: typed.types?.map(({type, exclude}) => `${exclude ? '!' : ''}${type}`).join(','),
							filename: typed.names ? renderCondition(typed.names) : undefined,
						},
						NOW,
					);
				} catch (error) {
					// Only an end before its start may be refused, and only as a usage error.
					expect(error).toBeInstanceOf(CassiError);
					expect((error as CassiError).kind).toBe('usage');
					expect((error as CassiError).message).toMatch(/before start/);
					return;
				}
				const list: Product[] = rows.map((row, index) => ({
					...row,
					name: `${row.name}${index}`,
					size: 1,
					dup: false,
					collection: 'eng',
				}));
				const payload = buildPayload(query);
				expect(payload.select_cols).toEqual(SELECT_COLS);
				const request = parseSearchBody(JSON.stringify(payload), 'Eng');
				expect(request.limit).toBe(query.limit);
				expect(request.offset).toBe(0);
				const selected = new Set(searchRows(source(list), request).map(p => p.name));
				expect(selected).toEqual(directFilter(query, typed, list));
			}),
			{numRuns: 1500},
		);
	});

	it('keeps the companion script’s condition order for every combination of filters', () => {
		const order = ['source', 'dataGroup', 'ingestCompletionDate', 'fileType', 'archiveFileName', 'startTime', 'endTime'];
		fc.assert(
			fc.property(typedQuery, fc.integer({min: 0, max: 100_000}), (typed, offset) => {
				let query: Query;
				try {
					query = queryFromOptions(
						{ingestStart: typed.ingestStart, ingestEnd: typed.ingestEnd, expStart: typed.expStart, expEnd: typed.expEnd, filetype: typed.types?.map(t => t.type), filename: typed.names ? renderCondition(typed.names) : undefined},
						NOW,
					);
				} catch {
					return;
				}
				const payload = buildPayload(query, offset);
				const keys = payload.conditions.map(condition => Object.keys(condition));
				for (const key of keys) expect(key).toHaveLength(1);
				const flat = keys.map(key => key[0]);
				expect(flat.slice(0, 2)).toEqual(['source', 'dataGroup']);
				expect(flat).toEqual(order.filter(name => flat.includes(name)));
				expect(payload.offset).toBe(offset);
			}),
		);
	});
});
