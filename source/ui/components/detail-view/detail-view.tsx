/** Every field of one file: checksum, product URL, size, exposure times, and any field the service added. */
import {Box, Text} from 'ink';
import React from 'react';
import {productUrl} from '../../../cassi/records.js';
import {sanitizeText} from '../../../cassi/sanitize.js';
import type {Row} from '../../../state/types.js';
import {bytes} from '../../format.js';
import {fit, widthOf} from '../../text.js';
import {useTheme} from '../../theme.js';

const KNOWN = new Set(['archiveFileName', 'fileType', 'ingestCompletionDate', 'checksum', 'search_key', 'distribution', 'times', 'startTime', 'endTime']);

// The client sanitised these already; extra fields are shown raw, so clean them once more here.
function show(value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	return sanitizeText(typeof value === 'string' ? value : JSON.stringify(value));
}

export function detailFields(row: Row, marked: boolean): Array<[string, string]> {
	const record = row.record;
	const fields: Array<[string, string]> = [
		['Name', sanitizeText(row.name)],
		['File type', sanitizeText(row.type)],
		['Ingested (UTC)', show(record.ingestCompletionDate)],
		['Exposure start', show(row.expStart)],
		['Exposure end', show(row.expEnd)],
		['Size', row.size === undefined ? 'unknown' : `${bytes(row.size)} (${row.size} bytes)`],
		['Checksum', show(record.checksum)],
		['Product URL', sanitizeText(productUrl(record) ?? 'missing: this file cannot be downloaded')],
		['Search key', show(record.search_key)],
		['Marked', marked ? 'yes' : 'no'],
	];
	for (const [key, value] of Object.entries(record)) {
		if (!KNOWN.has(key)) fields.push([sanitizeText(key), show(value)]);
	}
	return fields;
}

/** Long values (URLs, checksums) continue on the next lines instead of being cut. */
export function detailLines(fields: Array<[string, string]>, width: number): Array<{label: string; value: string}> {
	const labelWidth = Math.min(16, Math.max(...fields.map(([label]) => widthOf(label))) + 1);
	const room = Math.max(8, width - labelWidth - 1);
	const lines: Array<{label: string; value: string}> = [];
	for (const [label, value] of fields) {
		const chars = [...value];
		for (let start = 0, first = true; first || start < chars.length; start += room, first = false) {
			lines.push({label: first ? fit(label, labelWidth) : fit('', labelWidth), value: chars.slice(start, start + room).join('')});
		}
	}
	return lines;
}

export function DetailView({row, marked, scroll, width, height}: {row?: Row; marked: boolean; scroll: number; width: number; height: number}) {
	const theme = useTheme();
	if (!row) return <Text>{fit('That file is no longer in the results (Esc goes back)', width)}</Text>;
	const lines = detailLines(detailFields(row, marked), width);
	const top = Math.min(scroll, Math.max(0, lines.length - (height - 1)));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold inverse>
				{fit(` Detail: ${row.name}`, width)}
			</Text>
			{lines.slice(top, top + height - 1).map((line, index) => (
				<Text key={index}>
					<Text color={theme.accent}>{line.label} </Text>
					<Text>{fit(line.value, width - widthOf(line.label) - 1)}</Text>
				</Text>
			))}
		</Box>
	);
}
