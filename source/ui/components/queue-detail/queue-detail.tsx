/** One queued file in full (Enter in the queue): state, the whole reason, attempts, bytes and rate, path, checksum. */
import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeText} from '../../../cassi/sanitize.js';
import type {QueueFile} from '../../../state/types.js';
import {bytes, duration} from '../../format.js';
import {fit} from '../../text.js';
import {FieldTable} from '../field-table/field-table.js';

export function queueFileFields(file: QueueFile): Array<[string, string]> {
	const size = file.total === undefined ? `${bytes(file.bytes)} of an unknown size` : `${bytes(file.bytes)} of ${bytes(file.total)} (${file.bytes} of ${file.total} bytes)`;
	const finished = file.state === 'done' || file.state === 'skipped';
	return [
		['Name', sanitizeText(file.name)],
		['State', file.state],
		['Reason', file.message ? sanitizeText(file.message) : '—'],
		['Attempts', String(file.attempts)],
		['Bytes', size],
		['Rate', file.state === 'downloading' ? `${bytes(file.rate)}/s, ETA ${duration(file.eta)}` : '—'],
		['Path', file.path === null ? 'none: the name was refused' : file.path ? sanitizeText(file.path) : '—'],
		['Checksum', file.checksum ?? 'none usable in the record (size only)'],
		['Verified', file.verified ? sanitizeText(file.verified) : finished ? 'yes' : 'not yet'],
	];
}

export function QueueDetail({file, width, height}: {file?: QueueFile; width: number; height: number}) {
	if (!file) return <Text>{fit('That file left the queue (Esc goes back)', width)}</Text>;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold inverse>
				{fit(` Download: ${sanitizeText(file.name)}`, width)}
			</Text>
			<FieldTable fields={queueFileFields(file)} width={width} height={height - 1} />
		</Box>
	);
}
