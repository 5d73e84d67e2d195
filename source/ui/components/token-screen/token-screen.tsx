/** No token, or a rejected one: where to get it, masked entry, save or not, or the demo archive. */
import {Box, Text} from 'ink';
import React from 'react';
import {EMULATOR_TOKEN, TOKEN_URL} from '../../../cassi/types.js';
import type {TokenForm} from '../../../state/types.js';
import {SPINNER} from '../../format.js';
import {fit} from '../../text.js';
import {keyFor} from '../../keys.js';
import {useTheme} from '../../theme.js';
import {TextField} from '../text-field/text-field.js';
import {TextLines, type TextLine} from '../text-lines/text-lines.js';

export interface TokenScreenProps {
	token: TokenForm;
	/** The service's host when it is not MAST: its token is not MAST's. */
	service?: string;
	storePath?: string;
	spinner: number;
	width: number;
	height: number;
}

function mastLines(token: TokenForm, accent: string | undefined, muted: string | undefined): TextLine[] {
	const why =
		token.reason === 'rejected'
			? 'The MAST service rejected the token, or it expired (tokens last 10 days unused, 60 at most).'
			: 'Searching CaSSI needs a MAST API token.';
	return [
		[why, undefined, true],
		['', undefined],
		[`Create one at ${TOKEN_URL}`, accent],
		['Roman data also needs authorisation: write to archive@stsci.edu.', muted],
	];
}

/** Another service (an emulator, a test server) has its own token: MAST's token page would mislead. */
function serviceLines(token: TokenForm, service: string, accent: string | undefined, muted: string | undefined): TextLine[] {
	const why = token.reason === 'rejected' ? `The service at ${service} rejected the token.` : `The service at ${service} needs a token.`;
	return [
		[why, undefined, true],
		['', undefined],
		[`This is not MAST: enter the token ${service} accepts.`, accent],
		[`A \`cassi emulator\` accepts "${EMULATOR_TOKEN}" unless it was started with --token.`, muted],
	];
}

export function TokenScreen({token, service, storePath, spinner, width, height}: TokenScreenProps) {
	const theme = useTheme();
	const lines: TextLine[] = [
		...(service ? serviceLines(token, service, theme.accent, theme.muted) : mastLines(token, theme.accent, theme.muted)),
		['Your results, marks and downloads are kept while you do this.', theme.muted],
		['', undefined],
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<TextLines lines={lines} width={width} />
			<Box width={width} height={1} overflow="hidden">
				<Text>{`Paste your ${service ? '' : 'MAST '}token: `}</Text>
				<TextField field="token" value={token.value} focus={!token.checking} mask="•" placeholder="paste or type it here" />
			</Box>
			<Text>{fit(`[${token.save ? 'x' : ' '}] Save it for next time (${keyFor('token-toggle-save', 'token')} toggles)${storePath ? ` in ${storePath}` : ''}`, width)}</Text>
			<Text> </Text>
			{token.checking ? (
				<Text color={theme.accent}>{fit(`${SPINNER[spinner % SPINNER.length]} Checking the token…`, width)}</Text>
			) : token.error ? (
				<Text color={theme.error} bold>
					{fit(`✗ ${token.error}`, width)}
				</Text>
			) : (
				<Text color={theme.muted}>{fit(`${keyFor('token-submit', 'token')} checks it · ${keyFor('open-demo', 'token-empty')} (with the field empty) opens the demo archive · ${keyFor('force-quit', 'global')} quits`, width)}</Text>
			)}
		</Box>
	);
}
