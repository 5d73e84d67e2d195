/**
 * Property tests for the search-response schema: whatever JSON the service sends, parsing
 * either returns sanitised records whose required fields are strings, or throws the typed
 * CassiError('schema') with one clean line — never a zod dump, a TypeError or a stack overflow.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CassiError} from '../../source/cassi/errors.js';
import {Deduper, exposure, parseSearchResponse, productUrl, recordSize} from '../../source/cassi/records.js';

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const text = fc.oneof(fc.string({maxLength: 12}), fc.constantFrom('\u001B]0;pwned\u0007', 'CGI_\u001B[2J1', '\u0000', ''));
const anyJson = fc.jsonValue({maxDepth: 3});
/** A value for a field: usually the right type, often not. */
const fieldValue = (right: fc.Arbitrary<unknown>) => fc.oneof({weight: 3, arbitrary: right}, {weight: 1, arbitrary: anyJson}, {weight: 1, arbitrary: fc.constant(undefined)});

const nearRecord = fc.record(
	{
		archiveFileName: fieldValue(text),
		fileType: fieldValue(text),
		ingestCompletionDate: fieldValue(text),
		checksum: fieldValue(fc.oneof(text, fc.constant(null))),
		search_key: fieldValue(fc.oneof(text, fc.integer(), fc.constant(null))),
		distribution: fieldValue(
			fc.oneof(
				fc.constant(null),
				fc.record(
					{
						url: fieldValue(fc.oneof(fc.constant(null), fc.record({mast: fieldValue(fc.oneof(text, fc.constant(null)))}, {requiredKeys: []}))),
						size: fieldValue(fc.oneof(fc.nat(), fc.constantFrom('123', '-1', '1e9', 'big'), fc.double(), fc.constant(null))),
					},
					{requiredKeys: []},
				),
			),
		),
		times: fieldValue(fc.oneof(fc.constant(null), fc.record({startTime: fieldValue(text), endTime: fieldValue(text)}, {requiredKeys: []}))),
	},
	{requiredKeys: []},
);

const nearBody = fc.record(
	{
		results: fieldValue(fc.array(fc.oneof({weight: 4, arbitrary: nearRecord}, {weight: 1, arbitrary: anyJson}), {maxLength: 5})),
		totalResults: fieldValue(fc.oneof(fc.nat(), fc.constantFrom('12', 'x', '-3'), fc.constant(null))),
		messages: anyJson,
	},
	{requiredKeys: []},
);

/** The body as the client has it: parsed from the text the server sent (undefined fields vanish). */
function asParsed(value: unknown): unknown {
	const text = JSON.stringify(value);
	return text === undefined ? undefined : JSON.parse(text);
}

function check(json: unknown): void {
	let parsed;
	try {
		parsed = parseSearchResponse(json);
	} catch (error) {
		expect(error).toBeInstanceOf(CassiError);
		const failure = error as CassiError;
		expect(failure.kind).toBe('schema');
		expect(failure.exitCode).toBe(1);
		expect(failure.message).toMatch(/^the service sent a malformed response: /);
		expect(failure.message).not.toMatch(CONTROL);
		expect(failure.message.length).toBeLessThan(400);
		return;
	}
	for (const record of parsed.records) {
		expect(typeof record.archiveFileName).toBe('string');
		expect(typeof record.fileType).toBe('string');
		expect(typeof record.ingestCompletionDate).toBe('string');
		expect(JSON.stringify(record)).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|[\u0080-\u009F]/i);
		// The helpers that read records never throw on what the schema let through.
		productUrl(record);
		recordSize(record);
		exposure(record);
	}
	new Deduper().add(parsed.records);
	if (parsed.total !== undefined) expect(Number.isFinite(parsed.total)).toBe(true);
}

describe('search response schema (property)', () => {
	it('never throws anything but the typed schema error on arbitrary JSON', () => {
		fc.assert(fc.property(anyJson, json => check(json)), {numRuns: 1000});
	});

	it('accepts or refuses near-valid bodies cleanly, and what it accepts is clean', () => {
		fc.assert(fc.property(nearBody, body => check(asParsed(body))), {numRuns: 1000});
	});

	it('refuses a value nested too deeply to walk with the typed error, not a stack overflow', () => {
		const depth = 100_000;
		const body = `{"results":[{"archiveFileName":"A","fileType":"T","ingestCompletionDate":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
		check(JSON.parse(body));
	});
});
