/** The download queue: totals on top, one row per file (bar, %, rate, ETA, state). */
import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeText} from '../../../cassi/sanitize.js';
import type {QueueFile, QueueSnapshot} from '../../../state/types.js';
import {bytes, duration} from '../../format.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

export function progressBar(done: number, total: number | undefined, width: number): string {
	if (width <= 0) return '';
	const fraction = total ? Math.min(1, done / total) : 0;
	const filled = Math.round(fraction * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}

export function totalsText(queue: QueueSnapshot): string {
	const t = queue.totals;
	const parts = [`Queue: ${t.byState.done + t.byState.skipped} of ${t.files} done`];
	if (t.byState.failed) parts.push(`${t.byState.failed} failed`);
	parts.push(`${bytes(t.bytesDone)} of ${bytes(t.bytesTotal)}`);
	if (t.paused) parts.push('paused (p resumes)');
	else if (t.rate) parts.push(`${bytes(t.rate)}/s`, `ETA ${duration(t.eta)}`);
	return parts.join(' · ');
}

export function fileLine(file: QueueFile, width: number, cursor: boolean): string {
	const percent = file.total ? `${Math.floor((file.bytes / file.total) * 100)}%` : '';
	const rate = file.state === 'downloading' && file.rate ? `${bytes(file.rate)}/s` : '';
	const eta = file.state === 'downloading' ? duration(file.eta) : '';
	// Names are the service's own (the engine refuses unsafe ones, but keeps them to say so): clean them here.
	const state = file.message ? `${file.state}: ${sanitizeText(file.message)}` : file.state;
	const nameWidth = Math.max(10, Math.min(32, width - 60));
	const barWidth = width >= 100 ? 20 : 10;
	const line = `${cursor ? '›' : ' '} ${fit(sanitizeText(file.name), nameWidth, {cut: 'middle'})} ${progressBar(file.bytes, file.total, barWidth)} ${fit(percent, 4, {align: 'right'})} ${fit(rate, 11, {align: 'right'})} ${fit(eta, 7, {align: 'right'})} ${state}`;
	return fit(line, width);
}

export function QueueView({queue, cursor, width, height}: {queue?: QueueSnapshot; cursor: number; width: number; height: number}) {
	const theme = useTheme();
	if (!queue || queue.files.length === 0) {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<Text bold>{fit('Queue: empty', width)}</Text>
				<Text color={theme.muted}>{fit('Mark files with space in the results (Esc), then press d to download them.', width)}</Text>
			</Box>
		);
	}
	// The cursor file's whole reason, wrapped under the list: at 80 columns the row itself cuts it.
	const reason = reasonLines(queue.files[cursor], width);
	const rows = Math.max(1, height - 1 - reason.length);
	const top = Math.max(0, Math.min(cursor - rows + 1, queue.files.length - rows));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold>{fit(totalsText(queue), width)}</Text>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{queue.files.slice(Math.max(0, top), Math.max(0, top) + rows).map((file, index) => {
					const at = Math.max(0, top) + index;
					const color = file.state === 'failed' ? theme.error : file.state === 'done' || file.state === 'skipped' ? theme.success : undefined;
					return (
						<Text key={`${file.name}-${at}`} inverse={at === cursor} color={color}>
							{fileLine(file, width, at === cursor)}
						</Text>
					);
				})}
			</Box>
			{reason.map((line, index) => (
				<Text key={`reason-${index}`} color={theme.muted}>
					{line}
				</Text>
			))}
		</Box>
	);
}

/** Up to two lines with the cursor file's state and full reason (Enter shows everything). */
export function reasonLines(file: QueueFile | undefined, width: number): string[] {
	if (!file?.message) return [];
	const text = `${sanitizeText(file.name)} ${file.state}: ${sanitizeText(file.message)}`;
	const room = Math.max(10, width - 2);
	const chars = [...text];
	if (chars.length <= room) return [fit(`  ${text}`, width)];
	const second = chars.slice(room).join('');
	return [fit(`  ${chars.slice(0, room).join('')}`, width), fit(`  ${second}`, width)];
}
