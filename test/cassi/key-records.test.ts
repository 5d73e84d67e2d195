import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {KeyRecordsReader, keyRecordsOf} from '../../source/cassi/key-records.js';
import {parseSearchResponse, recordKeyHash} from '../../source/cassi/records.js';
import {jsonBytesAreClean} from '../../source/cassi/sanitize.js';
import type {CassiRecord} from '../../source/cassi/types.js';

// Text that may look like a place to cut (`},{`, `]`) or like JSON syntax. A quote, a backslash or
// anything but ASCII would be written with an escape or a non-ASCII byte: such bodies never come here.
const tricky = fc.string({unit: fc.constantFrom('a', '1', ' ', '}', ',', '{', ']', '[', ':')});
const text = fc.oneof(
	{arbitrary: fc.stringMatching(/^[A-Z]{3}_\d{1,8}$/), weight: 40},
	{arbitrary: fc.constantFrom('Science CGI Level 0', '2025-10-04T00:01:27.8970000', ''), weight: 10},
	{arbitrary: fc.constantFrom('},{', '}, {x', '},{x:'), weight: 1},
	{arbitrary: tricky, weight: 1},
);
const edge = fc.oneof(text, fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant(Number.POSITIVE_INFINITY), fc.array(fc.record({a: text}), {maxLength: 2}));

// Mostly rows the service would send, some near the schema's edges.
const validRow = fc.record(
	{
		archiveFileName: text,
		fileType: fc.oneof({arbitrary: fc.constantFrom('Science CGI Level 0', 'Guide Window Level 0'), weight: 30}, {arbitrary: text, weight: 1}),
		ingestCompletionDate: text,
		checksum: fc.oneof(text, fc.integer(), fc.constant(null)),
		search_key: fc.oneof(text, fc.integer(), fc.constant(null)),
		distribution: fc.oneof(fc.constant(null), fc.record({url: fc.oneof(fc.constant(null), fc.record({mast: fc.oneof(text, fc.constant(null))})), size: fc.oneof(fc.nat(), text, fc.constant(null))}, {requiredKeys: []})),
		times: fc.oneof(fc.constant(null), fc.record({startTime: fc.oneof(text, fc.constant(null)), endTime: fc.oneof(text, fc.constant(null))}, {requiredKeys: []})),
		extra: fc.oneof(edge, fc.array(fc.record({x: fc.array(fc.record({y: text}), {maxLength: 2})}), {maxLength: 3})),
	},
	{requiredKeys: ['archiveFileName', 'fileType', 'ingestCompletionDate']},
);
const nearRow = fc.record(
	{
		archiveFileName: edge,
		fileType: edge,
		ingestCompletionDate: edge,
		checksum: edge,
		search_key: edge,
		distribution: fc.oneof(edge, fc.record({url: fc.oneof(edge, fc.record({mast: edge}, {requiredKeys: []})), size: edge}, {requiredKeys: []})),
		times: fc.oneof(edge, fc.record({startTime: edge, endTime: edge}, {requiredKeys: []})),
	},
	{requiredKeys: []},
);
const row = fc.oneof({arbitrary: validRow, weight: 30}, {arbitrary: nearRow, weight: 1});

// Bodies as services write them: results first or not, other members before and after, repeats.
const body = fc.record({
	before: fc.oneof({arbitrary: fc.constant(undefined), weight: 9}, fc.record({note: text})),
	results: fc.array(row, {maxLength: 30}),
	total: fc.oneof({arbitrary: fc.nat(), weight: 10}, fc.constant(null), fc.constant(undefined), fc.constant('12'), fc.constant(Number.POSITIVE_INFINITY)),
	after: fc.oneof({arbitrary: fc.constant(undefined), weight: 4}, fc.record({facets: fc.array(row, {maxLength: 3})})),
	again: fc.oneof({arbitrary: fc.constant(false), weight: 9}, fc.constant(true)),
	spaced: fc.boolean(),
});

type Body = typeof body extends fc.Arbitrary<infer T> ? T : never;

function write(shape: Body): string {
	const object: Record<string, unknown> = {...shape.before, results: shape.results, totalResults: shape.total, ...shape.after};
	let json = JSON.stringify(object, null, shape.spaced ? 1 : undefined);
	// A second "results" member: a full parse keeps the last one.
	if (shape.again) json = `${json.slice(0, -1)},"results":[]}`;
	return json;
}

const typeOf = (record: Pick<CassiRecord, 'fileType'>) => record.fileType;
const hashesOf = (records: CassiRecord[]) => records.flatMap(record => [recordKeyHash(record).h1, recordKeyHash(record).h2]);

function fullParse(json: string): {ok: true; value: ReturnType<typeof parseSearchResponse>} | {ok: false} {
	try {
		return {ok: true, value: parseSearchResponse(JSON.parse(json), {clean: true})};
	} catch {
		return {ok: false};
	}
}

/** The body as the client reads it: into one buffer, the reader told after each chunk of `chunk` bytes. */
function streamed(bytes: Buffer, pieceBytes: number, chunk: number) {
	// Not yet arrived: bytes that would make a cut, so a reader looking past the end goes wrong.
	const whole = Buffer.alloc(bytes.length, '},{');
	const reader = new KeyRecordsReader(pieceBytes);
	for (let end = 0; end < bytes.length; ) {
		const next = Math.min(bytes.length, end + chunk);
		bytes.copy(whole, end, end, next);
		end = next;
		reader.advance(whole, end);
	}
	return reader.finish(whole);
}

describe('a counted search body read piece by piece (key-records.ts)', () => {
	it('reads a body arriving in chunks as it reads the whole body', () => {
		fc.assert(
			fc.property(body, fc.integer({min: 1, max: 400}), fc.integer({min: 1, max: 300}), (shape, pieceBytes, chunk) => {
				const bytes = Buffer.from(write(shape));
				const whole = keyRecordsOf(bytes, pieceBytes);
				const pieces = streamed(bytes, pieceBytes, chunk);
				expect(pieces?.total).toEqual(whole?.total);
				expect(pieces?.records.map(typeOf)).toEqual(whole?.records.map(typeOf));
				expect(pieces?.keyHashes).toEqual(whole?.keyHashes);
			}),
			{numRuns: 1000},
		);
	});

	it('gives the rows (file types and identities, in order) and total of the full parse, or leaves the body to it', () => {
		fc.assert(
			fc.property(body, fc.integer({min: 1, max: 400}), (shape, pieceBytes) => {
				const json = write(shape);
				const bytes = Buffer.from(json);
				if (!jsonBytesAreClean(bytes)) return;
				const pieces = keyRecordsOf(bytes, pieceBytes);
				// The body is left as it came (a body the reader gives up on is parsed in full from these bytes).
				expect(bytes.toString()).toBe(json);
				if (!pieces) return;
				const full = fullParse(json);
				expect(full.ok).toBe(true);
				if (!full.ok) return;
				expect(pieces.total).toEqual(full.value.total);
				expect(pieces.records.map(typeOf)).toEqual(full.value.records.map(typeOf));
				// Each row's identity: the hash the de-duplication makes of the full row's key fields.
				expect(Array.from(pieces.keyHashes ?? [])).toEqual(hashesOf(full.value.records));
			}),
			{numRuns: 3000},
		);
	});

	it('reads an ordinary body in many pieces, so counting takes this path', () => {
		const rows = Array.from({length: 40}, (_, index) => ({
			archiveFileName: `CGI_${String(index).padStart(8, '0')}`,
			fileType: index % 3 ? 'Science CGI Level 0' : 'Guide Window Level 0',
			ingestCompletionDate: `2025-10-04T00:${String(index).padStart(2, '0')}:27.8970000`,
			checksum: null,
			search_key: `ENG-${index}`,
			distribution: {url: {mast: `mast:ROMAN/cassi/eng/CGI_${index}`}, size: 1000 + index},
			times: {startTime: '2025-10-03T21:47:12.1990000', endTime: '2025-10-03T21:53:15.4470000'},
		}));
		for (const spaced of [false, true]) {
			const json = JSON.stringify({results: rows, totalResults: 40}, null, spaced ? 1 : undefined);
			const pieces = keyRecordsOf(Buffer.from(json), 300);
			expect(pieces?.total).toBe(40);
			expect(pieces?.records.map(typeOf)).toEqual(rows.map(typeOf));
			expect(Array.from(pieces?.keyHashes ?? [])).toEqual(hashesOf(rows));
		}
	});

	it('leaves a body whose rows or ending it cannot vouch for to the full parse', () => {
		const good = '{"archiveFileName":"A","fileType":"T","ingestCompletionDate":"D"}';
		for (const json of [
			`{"results":[${good},{"archiveFileName":"B","fileType":"T"}],"totalResults":2}`, // a row without its date
			`{"results":[${good},${good}],"totalResults":"2"}`, // a total as text: the schema's to judge
			`{"results":[${good},${good}],"totalResults":1e400}`, // Infinity once parsed: refused
			`{"results":[${good},${good}],"results":[]}`, // a second results member
			`{"totalResults":2,"results":[${good},${good}]}`, // results not first
			`{"results":[${good},${good}],"totalResults":2} x`, // not JSON after all
		]) {
			expect(keyRecordsOf(Buffer.from(json), 1)).toBeUndefined();
		}
	});
});
