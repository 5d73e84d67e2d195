/** Every field of one file: checksum, product URL, size, exposure times, and any field the service added. */
import {Box, Text} from 'ink';
import React from 'react';
import {productUrl} from '../../../cassi/records.js';
import {sanitizeText} from '../../../cassi/sanitize.js';
import type {Row} from '../../../state/types.js';
import {bytes} from '../../format.js';
import {fit} from '../../text.js';
import {FieldTable} from '../field-table/field-table.js';

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

export function DetailView({row, marked, scroll, width, height}: {row?: Row; marked: boolean; scroll: number; width: number; height: number}) {
	if (!row) return <Text>{fit('That file is no longer in the results (Esc goes back)', width)}</Text>;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold inverse>
				{fit(` Detail: ${row.name}`, width)}
			</Text>
			<FieldTable fields={detailFields(row, marked)} width={width} height={height - 1} scroll={scroll} />
		</Box>
	);
}
