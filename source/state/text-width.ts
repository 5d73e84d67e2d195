/**
 * Terminal text measure and word wrap, shared by the reducer (how many lines the status line
 * takes, so a page down still moves one visible page) and the components that draw it.
 */
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;

export function widthOf(text: string): number {
	return ASCII.test(text) ? text.length : stringWidth(text);
}

/** Hard-cut a word wider than the line (a long path): no word is ever split otherwise. */
function splitLong(word: string, width: number): string[] {
	const pieces: string[] = [];
	let rest = word;
	while (widthOf(rest) > width) {
		let take = width;
		while (take > 1 && widthOf(rest.slice(0, take)) > width) take--;
		pieces.push(rest.slice(0, take));
		rest = rest.slice(take);
	}
	if (rest) pieces.push(rest);
	return pieces;
}

/**
 * Words into at most `maxLines` lines of `width` columns, breaking only between words. Text
 * that needs more lines loses its middle (…), so the start and the question at the end stay.
 */
export function wrapWords(text: string, width: number, maxLines = 2): string[] {
	if (width <= 0) return [];
	const lines = wrapAll(text, width);
	if (lines.length <= maxLines) return lines;
	for (let target = maxLines * width - 4; target > 0; target -= Math.max(1, Math.floor(width / 4))) {
		const wrapped = wrapAll(cliTruncate(text, target, {position: 'middle'}), width);
		if (wrapped.length <= maxLines) return wrapped;
	}
	return lines.slice(0, maxLines);
}

function wrapAll(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/ +/).filter(Boolean).flatMap(item => splitLong(item, width))) {
		const next = line ? `${line} ${word}` : word;
		if (widthOf(next) <= width) {
			line = next;
			continue;
		}
		lines.push(line);
		line = word;
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * Cut to at most `width` terminal columns, with … at the given end (`middle` keeps both ends,
 * which is where file names differ). Wide characters (emoji, CJK) cannot be split: it trims
 * until the text really fits. The one cutter for the browser and the headless lines.
 */
export function cut(text: string, width: number, position: 'end' | 'middle' | 'start' = 'end'): string {
	if (width <= 0) return '';
	if (widthOf(text) <= width) return text;
	let short = cliTruncate(text, width, {position});
	while (widthOf(short) > width) short = position === 'start' ? [...short].slice(1).join('') : [...short].slice(0, -1).join('');
	return short;
}

/** `1:02:03`, `4:05`: seconds as a clock; `unknown` when there is no finite answer (no rate yet). */
export function clockDuration(seconds: number | undefined, unknown: string): string {
	if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return unknown;
	const whole = Math.round(seconds);
	const h = Math.floor(whole / 3600);
	const m = Math.floor((whole % 3600) / 60);
	const s = String(whole % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
