/** Top line: the app, the query in force (normalised) and whether this is the demo archive. */
import {Text} from 'ink';
import React from 'react';
import type {Query} from '../../../cassi/types.js';
import {shortType} from '../../format.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';

export function describeQuery(query: Query | undefined): string {
	if (!query) return 'none yet (e edits, Y runs yesterday)';
	const parts: string[] = [];
	const range = (start?: string, end?: string) => `${start?.replace('T', ' ') ?? '…'} → ${end?.replace('T', ' ') ?? 'now'}`;
	if (query.ingestStart || query.ingestEnd) parts.push(`ingest ${range(query.ingestStart, query.ingestEnd)}`);
	else parts.push('any ingest time');
	if (query.expStart || query.expEnd) parts.push(`exposure ${range(query.expStart, query.expEnd)}`);
	if (query.fileTypes?.length) parts.push(query.fileTypes.length === 1 ? shortType(query.fileTypes[0]) : `${query.fileTypes.length} types`);
	if (query.fileNames) parts.push(`names ${query.fileNames}`);
	return parts.join(' · ');
}

/** Where the results come from, when it is not MAST: `DEMO`, or the host (`127.0.0.1:8123`). */
export const Header = React.memo(function Header({query, demo, service, width}: {query?: Query; demo: boolean; service?: string; width: number}) {
	const theme = useTheme();
	const source = demo ? 'DEMO' : service ? fit(service, Math.max(8, Math.floor(width / 3)), {cut: 'middle'}).trimEnd() : '';
	const badge = source ? ` ${source} ` : '';
	const text = fit(`Query: ${describeQuery(query)}`, Math.max(0, width - 7 - badge.length));
	return (
		<Text>
			<Text bold color={theme.accent}>
				cassi{' '}
			</Text>
			<Text> {text}</Text>
			{badge ? <Text inverse>{badge}</Text> : null}
		</Text>
	);
});
