import {sanitizeText} from '../cassi/sanitize.js';
import {KNOWN_FILE_TYPES} from '../cassi/types.js';
import {closest} from './suggest.js';

/** A value the grammar reads as a pattern, not an exact type name: nothing to correct. */
const PATTERN = /[*%[\]]/;

/**
 * File types are matched exactly, so `Science CGI level 0` silently finds nothing. For each
 * asked type that is not a known name and found no file, the known name it most likely meant.
 */
export function fileTypeHints(fileTypes: readonly string[] | undefined, found: ReadonlySet<string>): string[] {
	if (!fileTypes) return [];
	const known = [...new Set<string>([...KNOWN_FILE_TYPES, ...found])];
	const lower = known.map(name => name.toLowerCase());
	const hints: string[] = [];
	for (const item of fileTypes) {
		const name = item.replace(/^!/, '').trim();
		if (!name || PATTERN.test(name) || known.includes(name)) continue;
		const guess = closest(name, lower);
		if (guess === undefined) continue;
		const meant = known[lower.indexOf(guess)]!;
		hints.push(`file type "${sanitizeText(name)}" is not a known type: did you mean "${meant}"? (types match exactly)`);
	}
	return hints;
}
