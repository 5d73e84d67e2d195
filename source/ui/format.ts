/** Small formatters shared by the screens. */
import prettyBytes from 'pretty-bytes';
import {clockDuration} from '../state/text-width.js';

/**
 * pretty-bytes' default (three significant digits, rounded) as the status line, the download
 * question and headless output print it: with maximumFractionDigits it truncates instead, and a
 * 148,398,592-byte file read 148.3 MB in the list but 148 MB in the marked total.
 */
export function bytes(value: number | undefined): string {
	if (value === undefined) return '—';
	return prettyBytes(value);
}

/** `2025-10-04T00:01:27` → `10-04 00:01:27` on narrow screens, as is on wide ones. */
export function shortTime(value: string | undefined, wide: boolean): string {
	if (!value) return '';
	return wide ? value.replace('T', ' ') : value.slice(5).replace('T', ' ');
}

export {shortType, tinyType} from '../state/type-labels.js';

export function duration(seconds: number | undefined): string {
	return clockDuration(seconds, '—');
}

export function count(value: number): string {
	return value.toLocaleString('en-US');
}

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
