/** Fitting text to columns: every cell is cut and padded to its exact width, so nothing wraps. */
import {cut, widthOf} from '../state/text-width.js';

export {cut, widthOf, wrapWords} from '../state/text-width.js';

/** Cut to `width` columns (with … at the given end) and pad with spaces to exactly `width`. */
export function fit(text: string, width: number, options: {align?: 'left' | 'right'; cut?: 'end' | 'middle' | 'start'} = {}): string {
	if (width <= 0) return '';
	let value = text;
	let size = widthOf(value);
	if (size > width) {
		value = cut(value, width, options.cut ?? 'end');
		size = widthOf(value);
	}
	const pad = ' '.repeat(Math.max(0, width - size));
	return options.align === 'right' ? pad + value : value + pad;
}
