/**
 * An independent model of the MAST condition grammar's text and file-name terms, for the
 * property tests: a term is a list of tokens (literal, `*`, `%`, a `[...]` class), rendered
 * to the string the service gets and matched by a small backtracking matcher — no RegExp,
 * so it cannot share a bug with the emulator's translation to one.
 */
import fc from 'fast-check';

export type Token =
	| {type: 'literal'; char: string}
	| {type: 'star'; char: '*' | '%'}
	| {type: 'class'; negate: boolean; items: Array<string | [string, string]>};

export interface Term {
	exclude: boolean;
	tokens: Token[];
}

export type Kind = 'text' | 'filename';

/** Letters of both cases, digits and `_`: nothing the grammar gives a meaning to. */
export const LITERALS = 'aAbBcC019_';
const CLASS_CHARS = 'abc019';

const literal = fc.constantFrom(...LITERALS).map((char): Token => ({type: 'literal', char}));
const classItem = fc.oneof(
	fc.constantFrom(...CLASS_CHARS),
	fc.tuple(fc.constantFrom(...CLASS_CHARS), fc.constantFrom(...CLASS_CHARS)).map(([a, b]): [string, string] => (a <= b ? [a, b] : [b, a])),
);

export function tokenArb(kind: Kind): fc.Arbitrary<Token> {
	const star = fc.constantFrom<'*' | '%'>(...(kind === 'filename' ? (['*', '%'] as const) : (['*'] as const))).map((char): Token => ({type: 'star', char}));
	const options: Array<fc.WeightedArbitrary<Token>> = [
		{weight: 6, arbitrary: literal},
		{weight: 2, arbitrary: star},
	];
	if (kind === 'filename') {
		options.push({
			weight: 1,
			arbitrary: fc.record({type: fc.constant('class' as const), negate: fc.boolean(), items: fc.array(classItem, {minLength: 1, maxLength: 3})}),
		});
	}
	return fc.oneof(...options);
}

export function termArb(kind: Kind): fc.Arbitrary<Term> {
	return fc.record({exclude: fc.boolean(), tokens: fc.array(tokenArb(kind), {minLength: 1, maxLength: 5})});
}

/** A condition with at least one term. */
export function conditionArb(kind: Kind): fc.Arbitrary<Term[]> {
	return fc.array(termArb(kind), {minLength: 1, maxLength: 4});
}

export function renderTerm(term: Term): string {
	const body = term.tokens
		.map(token => {
			if (token.type !== 'class') return token.char;
			const items = token.items.map(item => (typeof item === 'string' ? item : `${item[0]}-${item[1]}`)).join('');
			return `[${token.negate ? '^' : ''}${items}]`;
		})
		.join('');
	return `${term.exclude ? '!' : ''}${body}`;
}

export function renderCondition(terms: Term[]): string {
	return terms.map(renderTerm).join(',');
}

/** A class holds `char` when one of its members is that character in either case (file names ignore case). */
function classMatches(token: Extract<Token, {type: 'class'}>, char: string): boolean {
	const up = char.toUpperCase();
	const members = token.items.flatMap(item => {
		if (typeof item === 'string') return [item];
		const out: string[] = [];
		for (let code = item[0].charCodeAt(0); code <= item[1].charCodeAt(0); code++) out.push(String.fromCharCode(code));
		return out;
	});
	const inside = members.some(member => member.toUpperCase() === up);
	return token.negate ? !inside : inside;
}

/** Whole-string match, `*`/`%` any run (including none), no implicit wildcard at the ends. */
export function termMatches(term: Term, value: string, kind: Kind): boolean {
	const fold = (text: string) => (kind === 'filename' ? text.toLowerCase() : text);
	const chars = [...fold(value)];
	const tokens = term.tokens.map(token => (token.type === 'literal' ? {...token, char: fold(token.char)} : token));
	const memo = new Map<string, boolean>();
	const go = (t: number, c: number): boolean => {
		const key = `${t}:${c}`;
		const known = memo.get(key);
		if (known !== undefined) return known;
		let result: boolean;
		if (t === tokens.length) result = c === chars.length;
		else {
			const token = tokens[t];
			if (token.type === 'star') result = go(t + 1, c) || (c < chars.length && go(t, c + 1));
			else if (c === chars.length) result = false;
			else if (token.type === 'literal') result = token.char === chars[c] && go(t + 1, c + 1);
			else result = classMatches(token, chars[c]) && go(t + 1, c + 1);
		}
		memo.set(key, result);
		return result;
	};
	return go(0, 0);
}

/** Positive terms OR'd, exclusions AND'd on top; with no positive term, everything not excluded. */
export function conditionMatches(terms: Term[], value: string, kind: Kind): boolean {
	const positives = terms.filter(term => !term.exclude);
	const excludes = terms.filter(term => term.exclude);
	if (positives.length > 0 && !positives.some(term => termMatches(term, value, kind))) return false;
	return !excludes.some(term => termMatches(term, value, kind));
}

/** A value that one term matches (stars filled with random literals), or a random value. */
export function valueArb(terms: Term[]): fc.Arbitrary<string> {
	const random = fc.array(fc.constantFrom(...LITERALS), {maxLength: 7}).map(chars => chars.join(''));
	const instance = fc.constantFrom(...terms).chain(term =>
		fc
			.tuple(
				...term.tokens.map(token => {
					if (token.type === 'literal') return fc.constantFrom(token.char, token.char.toLowerCase(), token.char.toUpperCase());
					if (token.type === 'star') return fc.array(fc.constantFrom(...LITERALS), {maxLength: 3}).map(chars => chars.join(''));
					return fc.constantFrom(...CLASS_CHARS, 'z');
				}),
			)
			.map(parts => parts.join('')),
	);
	return fc.oneof(random, instance);
}
