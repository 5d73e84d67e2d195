/**
 * Text for the headless progress display, rclone/aria2 style: one line per active
 * transfer (`name  42%  120 MB/s  ETA 0:12`, long names shortened in the middle),
 * a totals line, and the end-of-run summary. Pure; never wider than width - 1.
 */
import prettyBytes from 'pretty-bytes';
import stringWidth from 'string-width';
import {sanitizeText} from '../cassi/sanitize.js';
import {clockDuration, cut} from '../state/text-width.js';
import type {FileSnapshot, Manifest, QueueSnapshot} from '../cassi/download/types.js';

export function formatDuration(seconds: number | undefined): string {
	return clockDuration(seconds, '-:--');
}

export function formatRate(bytesPerSecond: number): string {
	return `${prettyBytes(Math.max(0, Math.round(bytesPerSecond)))}/s`;
}

/** `CGI_0001…1850`: keeps both ends, which is where names differ. Counts terminal columns. */
export function shortenMiddle(text: string, max: number): string {
	return cut(text, max, 'middle');
}

function clip(text: string, width: number): string {
	return shortenMiddle(text, Math.max(0, width - 1));
}

function percent(file: FileSnapshot): string {
	if (file.total === undefined || file.total <= 0) return prettyBytes(file.bytes);
	return `${Math.min(100, Math.floor((file.bytes / file.total) * 100))}%`;
}

/** One active transfer on one line, never wider than `width - 1` columns. */
export function formatTransferLine(file: FileSnapshot, width: number): string {
	const limit = Math.max(1, width - 1);
	const name = sanitizeText(file.name);
	let fields: string[];
	if (file.state === 'retrying') fields = [percent(file), `retrying: ${sanitizeText(file.message ?? '')}`];
	else if (file.state === 'verifying') fields = [percent(file), 'verifying'];
	else if (file.state === 'downloading') fields = [percent(file), formatRate(file.rate), `ETA ${formatDuration(file.eta)}`];
	else fields = [file.state];
	// Drop the least useful fields until the name has room for at least 12 columns.
	while (fields.length > 1 && stringWidth(fields.join('  ')) + 2 + Math.min(12, stringWidth(name)) > limit) fields.pop();
	const tail = fields.join('  ');
	const room = limit - stringWidth(tail) - 2;
	if (room < 4) return clip(`${name}  ${tail}`, width);
	return clip(`${shortenMiddle(name, room)}  ${tail}`, width);
}

/** `2/10 files  1.2 GB of 2.9 GB  240 MB/s  ETA 0:07  1 failed`. */
export function formatTotalsLine(snapshot: QueueSnapshot, width: number): string {
	const {totals} = snapshot;
	const finished = totals.byState.done + totals.byState.skipped;
	const parts = [
		`${finished}/${totals.files} files`,
		`${prettyBytes(totals.bytesDone)} of ${prettyBytes(totals.bytesTotal)}`,
		formatRate(totals.rate),
		`ETA ${formatDuration(totals.eta)}`,
	];
	if (totals.byState.failed > 0) parts.push(`${totals.byState.failed} failed`);
	if (totals.paused) parts.push('paused');
	return clip(parts.join('  '), width);
}

/** A line for a file that just finished (for output that is not a terminal, and the scrollback). */
export function formatFinishedLine(file: FileSnapshot): string {
	const name = sanitizeText(file.name);
	const message = sanitizeText(file.message ?? '');
	if (file.state === 'done') return `done     ${name}  ${prettyBytes(file.bytes)}`;
	if (file.state === 'skipped') return `skipped  ${name}  ${message}`.trimEnd();
	if (file.state === 'cancelled') return `cancelled ${name}`;
	return `FAILED   ${name}: ${message || file.state}`;
}

/**
 * The end-of-run story, in the manifest's own words: `2 complete, 1 skipped, 1 failed, 3 incomplete
 * of 7 files; …`, then one line per file that is not there (FAILED first, then INCOMPLETE).
 */
export function formatSummary(manifest: Manifest): string {
	const {totals} = manifest;
	const rate = totals.seconds > 0 ? totals.bytes / totals.seconds : 0;
	const incomplete = totals.incomplete;
	const counts = `${totals.complete} complete, ${totals.skipped} skipped, ${totals.failed} failed${incomplete > 0 ? `, ${incomplete} incomplete (resumable)` : ''}`;
	const lines = [
		`${counts} of ${totals.files} files; ${prettyBytes(totals.bytes)} in ${formatDuration(totals.seconds)} (${formatRate(rate)}) into ${sanitizeText(manifest.folder)}`,
	];
	for (const status of ['FAILED', 'INCOMPLETE'] as const) {
		for (const file of manifest.files) {
			if (file.status === status) lines.push(`  ${status} ${sanitizeText(file.name)}: ${sanitizeText(file.message)}`);
		}
	}
	return `${lines.join('\n')}\n`;
}
