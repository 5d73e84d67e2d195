/** A block of one-line texts, each cut to the width, for the welcome and token screens. */
import {Text} from 'ink';
import React from 'react';
import {fit} from '../../text.js';

export type TextLine = [text: string, color?: string, bold?: boolean];

export function TextLines({lines, width}: {lines: TextLine[]; width: number}) {
	return (
		<>
			{lines.map(([text, color, bold], index) => (
				<Text key={index} color={color} bold={bold}>
					{fit(text, width)}
				</Text>
			))}
		</>
	);
}
