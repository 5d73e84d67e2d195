/** First run (no token, nothing saved): what cassi is, and two ways in. */
import {Box} from 'ink';
import React from 'react';
import {useTheme} from '../../theme.js';
import {TextLines, type TextLine} from '../text-lines/text-lines.js';

export function WelcomeScreen({width, height}: {width: number; height: number}) {
	const theme = useTheme();
	const lines: TextLine[] = [
		['Welcome to cassi', theme.accent, true],
		['', undefined],
		['Browse and download Roman CaSSI supplementary and telemetry files from MAST:', undefined],
		['run the daily ingest check, see counts per file type, mark files, fetch them.', undefined],
		['', undefined],
		['  D   open the demo archive (synthetic data served on this machine, no token)', undefined, true],
		['  t   enter your MAST API token (from https://auth.mast.stsci.edu/token)', undefined, true],
		['  ?   keys       q   quit', undefined],
		['', undefined],
		['Later, `cassi login` saves a token and `cassi --help` lists the command-line options.', theme.muted],
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<TextLines lines={lines} width={width} />
		</Box>
	);
}
