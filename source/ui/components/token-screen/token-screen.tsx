/** No token, or a rejected one: where to get it, masked entry, save or not, or the demo archive. */
import {Box, Text} from 'ink';
import React from 'react';
import {TOKEN_URL} from '../../../cassi/types.js';
import type {TokenForm} from '../../../state/types.js';
import {SPINNER} from '../../format.js';
import {fit} from '../../text.js';
import {useTheme} from '../../theme.js';
import {TextLines, type TextLine} from '../text-lines/text-lines.js';

export interface TokenScreenProps {
	token: TokenForm;
	storePath?: string;
	spinner: number;
	width: number;
	height: number;
}

export function TokenScreen({token, storePath, spinner, width, height}: TokenScreenProps) {
	const theme = useTheme();
	const masked = '•'.repeat(Math.min(token.value.length, Math.max(0, width - 20)));
	const why =
		token.reason === 'rejected'
			? 'The MAST service rejected the token, or it expired (tokens last 10 days unused, 60 at most).'
			: 'Searching CaSSI needs a MAST API token.';
	const lines: TextLine[] = [
		[why, undefined, true],
		['', undefined],
		[`Create one at ${TOKEN_URL}`, theme.accent],
		['Roman data also needs authorisation: write to archive@stsci.edu.', theme.muted],
		['Your results, marks and downloads are kept while you do this.', theme.muted],
		['', undefined],
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<TextLines lines={lines} width={width} />
			<Text>
				{fit(`Paste your MAST token: ${masked}▏`, width)}
			</Text>
			<Text>{fit(`[${token.save ? 'x' : ' '}] Save it for next time (Tab toggles)${storePath ? ` in ${storePath}` : ''}`, width)}</Text>
			<Text> </Text>
			{token.checking ? (
				<Text color={theme.accent}>{fit(`${SPINNER[spinner % SPINNER.length]} Checking the token…`, width)}</Text>
			) : token.error ? (
				<Text color={theme.error} bold>
					{fit(`✗ ${token.error}`, width)}
				</Text>
			) : (
				<Text color={theme.muted}>{fit('Enter checks it · D (with the field empty) opens the demo archive · ^C quits', width)}</Text>
			)}
		</Box>
	);
}
