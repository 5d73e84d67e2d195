/**
 * The MAST condition grammar, as far as ../shared/cassi-api.md knows it, for the
 * emulator (and for tests that round-trip the client's payloads). Pure: no I/O.
 *
 * - Comma separates terms. Positive terms are OR'd; `!term` exclusions are AND'd on top.
 * - Date fields: `>=`, `<=`, `>`, `<` comparisons. Lower bounds (>=, >) are OR'd among
 *   themselves, upper bounds likewise, and a lower and an upper together mean "between"
 *   (`>=A,<=B`). `A..B` is an inclusive range. A date-only value in a comparison or range
 *   means 00:00:00 (the notebook says so); an exact date matches at the precision given
 *   (`2025-10-04` is that whole day, `2025-10-04T00:01:27` that second).
 * - Text fields: exact unless the term holds `*` (any run of characters); file names also
 *   accept `%`, `[abc]`, `[^abc]`, `[a-z]` and compare case-insensitively. There is no
 *   implicit wildcard at either end. `A..B` is an inclusive range in string order.
 * - Malformed values (a bad date, an unclosed `[`, comparisons on text, `!` alone, nothing
 *   but commas) throw GrammarError, which the server turns into a 400.
 */

export type FieldKind = 'date' | 'filename' | 'text';

export class GrammarError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'GrammarError';
	}
}

export type CompareOp = '>=' | '<=' | '>' | '<';

export type Term =
	| {type: 'compare'; op: CompareOp; value: number; raw: string}
	| {type: 'range'; lo: number | string; hi: number | string; raw: string}
	| {type: 'pattern'; regex: RegExp; raw: string}
	| {type: 'exact'; value: string; raw: string}
	| {type: 'instant'; value: number; precisionMs: number; raw: string};

export interface ParsedCondition {
	kind: FieldKind;
	lower: Term[];
	upper: Term[];
	positives: Term[];
	excludes: Term[];
}

export interface ParsedDate {
	ms: number;
	/** How much of the value was given: a day, a minute, a second or a millisecond. */
	precisionMs: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?Z?$/;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fffffff]]`, UTC; anything else or an impossible date throws. */
export function parseCassiDate(text: string): ParsedDate {
	const m = DATE_RE.exec(text.trim());
	if (!m) throw new GrammarError(`"${text}" is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS`);
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
	const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
	const back = new Date(ms);
	if (
		back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day ||
		hour > 23 || minute > 59 || second > 59
	) {
		throw new GrammarError(`"${text}" is not a real date and time`);
	}
	let precisionMs = DAY_MS;
	if (m[7] !== undefined) precisionMs = 1;
	else if (m[6] !== undefined) precisionMs = 1000;
	else if (m[4] !== undefined) precisionMs = 60_000;
	return {ms, precisionMs};
}

const PAD2 = Array.from({length: 60}, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({length: 1000}, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * `2025-10-04T00:01:27.8970000`: how the service prints times (7 fractional digits, no zone).
 * Hand-made because a 50,000-row search prints 150,000 of them.
 */
export function formatCassiDate(ms: number): string {
	const day = Math.floor(ms / DAY_MS);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		if (dayPrefixes.size > 4096) dayPrefixes.clear();
		prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
		dayPrefixes.set(day, prefix);
	}
	let rest = Math.floor(ms) - day * DAY_MS;
	const h = Math.floor(rest / 3_600_000);
	rest -= h * 3_600_000;
	const m = Math.floor(rest / 60_000);
	rest -= m * 60_000;
	const s = Math.floor(rest / 1000);
	return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}0000`;
}

/** Split on commas that are not inside a `[...]` class. */
function splitTerms(value: string, kind: FieldKind): string[] {
	const terms: string[] = [];
	let depth = false;
	let current = '';
	for (const ch of value) {
		if (kind === 'filename' && ch === '[' && !depth) depth = true;
		else if (ch === ']' && depth) depth = false;
		if (ch === ',' && !depth) {
			terms.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	terms.push(current);
	return terms.map(term => term.trim()).filter(term => term !== '');
}

function escapeRegex(ch: string): string {
	return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** Turn a wildcard pattern into an anchored RegExp. */
export function patternToRegex(pattern: string, kind: FieldKind): RegExp {
	let source = '';
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i];
		if (ch === '*' || (ch === '%' && kind === 'filename')) {
			source += '.*';
		} else if (ch === '[' && kind === 'filename') {
			const close = pattern.indexOf(']', i + 2);
			if (close < 0) throw new GrammarError(`"${pattern}" has a "[" without its "]"`);
			let body = pattern.slice(i + 1, close);
			let negate = false;
			if (body.startsWith('^')) {
				negate = true;
				body = body.slice(1);
			}
			if (body === '') throw new GrammarError(`"${pattern}" has an empty [] class`);
			let cls = '';
			for (let j = 0; j < body.length; j++) {
				if (body[j + 1] === '-' && j + 2 < body.length) {
					if (body[j] > body[j + 2]) throw new GrammarError(`"${pattern}" has a backwards range [${body[j]}-${body[j + 2]}]`);
					cls += `${escapeRegex(body[j])}-${escapeRegex(body[j + 2])}`;
					j += 2;
				} else {
					cls += escapeRegex(body[j]);
				}
			}
			source += `[${negate ? '^' : ''}${cls}]`;
			i = close;
		} else {
			source += escapeRegex(ch);
		}
	}
	return new RegExp(`^${source}$`, kind === 'filename' ? 'is' : 's');
}

function isPattern(term: string, kind: FieldKind): boolean {
	if (term.includes('*')) return true;
	return kind === 'filename' && (term.includes('%') || term.includes('['));
}

function parseTerm(raw: string, kind: FieldKind): Term {
	const cmp = /^(>=|<=|>|<)(.*)$/s.exec(raw);
	if (cmp) {
		if (kind !== 'date') throw new GrammarError(`"${raw}": comparisons (>=, <=, >, <) apply to dates only`);
		const value = cmp[2].trim();
		if (value === '') throw new GrammarError(`"${raw}" compares with nothing`);
		return {type: 'compare', op: cmp[1] as CompareOp, value: parseCassiDate(value).ms, raw};
	}
	const dots = raw.indexOf('..');
	if (dots >= 0) {
		const [a, b] = [raw.slice(0, dots).trim(), raw.slice(dots + 2).trim()];
		if (a === '' || b === '') throw new GrammarError(`"${raw}": a range needs both ends (A..B)`);
		if (kind === 'date') return {type: 'range', lo: parseCassiDate(a).ms, hi: parseCassiDate(b).ms, raw};
		const fold = (s: string) => (kind === 'filename' ? s.toLowerCase() : s);
		return {type: 'range', lo: fold(a), hi: fold(b), raw};
	}
	if (isPattern(raw, kind)) return {type: 'pattern', regex: patternToRegex(raw, kind), raw};
	if (kind === 'date') {
		const parsed = parseCassiDate(raw);
		return {type: 'instant', value: parsed.ms, precisionMs: parsed.precisionMs, raw};
	}
	return {type: 'exact', value: kind === 'filename' ? raw.toLowerCase() : raw, raw};
}

export function parseCondition(kind: FieldKind, value: string): ParsedCondition {
	const parsed: ParsedCondition = {kind, lower: [], upper: [], positives: [], excludes: []};
	const terms = splitTerms(value, kind);
	if (terms.length === 0) throw new GrammarError('a condition value is empty');
	for (const raw of terms) {
		if (raw.startsWith('!')) {
			const rest = raw.slice(1).trim();
			if (rest === '' || rest.startsWith('!')) throw new GrammarError(`"${raw}": "!" must be followed by one value`);
			parsed.excludes.push(parseTerm(rest, kind));
			continue;
		}
		const term = parseTerm(raw, kind);
		if (term.type === 'compare') (term.op.startsWith('>') ? parsed.lower : parsed.upper).push(term);
		else parsed.positives.push(term);
	}
	return parsed;
}

/** Date values may be given as epoch ms (fast path for the archive) or as CaSSI date strings. */
function asMs(value: string | number): number {
	return typeof value === 'number' ? value : parseCassiDate(value).ms;
}

function termMatches(term: Term, kind: FieldKind, value: string | number): boolean {
	switch (term.type) {
		case 'compare': {
			const v = asMs(value);
			if (term.op === '>=') return v >= term.value;
			if (term.op === '>') return v > term.value;
			if (term.op === '<=') return v <= term.value;
			return v < term.value;
		}
		case 'range': {
			if (kind === 'date') {
				const v = asMs(value);
				return v >= (term.lo as number) && v <= (term.hi as number);
			}
			const v = kind === 'filename' ? String(value).toLowerCase() : String(value);
			return v >= (term.lo as string) && v <= (term.hi as string);
		}
		case 'pattern':
			return term.regex.test(typeof value === 'number' ? formatCassiDate(value) : value);
		case 'instant': {
			const v = asMs(value);
			return v >= term.value && v < term.value + term.precisionMs;
		}
		case 'exact':
			return (kind === 'filename' ? String(value).toLowerCase() : String(value)) === term.value;
	}
}

export function matches(parsed: ParsedCondition, value: string | number | null | undefined): boolean {
	const {kind, lower, upper, positives, excludes} = parsed;
	const present = value !== null && value !== undefined;
	const hasIncludes = lower.length + upper.length + positives.length > 0;
	if (hasIncludes) {
		if (!present) return false;
		const compared =
			lower.length + upper.length > 0 &&
			(lower.length === 0 || lower.some(t => termMatches(t, kind, value))) &&
			(upper.length === 0 || upper.some(t => termMatches(t, kind, value)));
		if (!compared && !positives.some(t => termMatches(t, kind, value))) return false;
	}
	return !present || !excludes.some(t => termMatches(t, kind, value));
}

export type Matcher = (value: string | number | null | undefined) => boolean;

export function compileCondition(kind: FieldKind, value: string): Matcher {
	const parsed = parseCondition(kind, value);
	return v => matches(parsed, v);
}

/**
 * The smallest [lo, hi] (epoch ms, inclusive) that can hold every match of a date
 * condition, so the archive need not generate days that cannot match. Conservative.
 */
export function dateBounds(parsed: ParsedCondition): {lo: number; hi: number} {
	const all = {lo: -Infinity, hi: Infinity};
	if (parsed.kind !== 'date') return all;
	const spans: Array<{lo: number; hi: number}> = [];
	if (parsed.lower.length + parsed.upper.length > 0) {
		spans.push({
			lo: parsed.lower.length ? Math.min(...parsed.lower.map(t => (t as {value: number}).value)) : -Infinity,
			hi: parsed.upper.length ? Math.max(...parsed.upper.map(t => (t as {value: number}).value)) : Infinity,
		});
	}
	for (const term of parsed.positives) {
		if (term.type === 'range') spans.push({lo: term.lo as number, hi: term.hi as number});
		else if (term.type === 'instant') spans.push({lo: term.value, hi: term.value + term.precisionMs - 1});
		else return all;
	}
	if (spans.length === 0) return all;
	return {lo: Math.min(...spans.map(s => s.lo)), hi: Math.max(...spans.map(s => s.hi))};
}
