/** The one-line key hint bar, from the key table; "? help" always fits. */
import {Text} from 'ink';
import React from 'react';
import {fit, widthOf} from '../../text.js';
import {useTheme} from '../../theme.js';

export function footerText(hints: Array<{keys: string; label: string}>, width: number): string {
	const help = hints.find(hint => hint.label === 'help');
	const others = hints.filter(hint => hint !== help);
	const tail = help ? `${help.keys} help` : '';
	let text = '';
	for (const hint of others) {
		const piece = `${text ? '  ' : ''}${hint.keys} ${hint.label}`;
		if (widthOf(text + piece) + (tail ? widthOf(tail) + 2 : 0) > width - 1) break;
		text += piece;
	}
	if (tail) text += `${text ? '  ' : ''}${tail}`;
	return fit(text, width);
}

export const Footer = React.memo(function Footer({hints, width}: {hints: Array<{keys: string; label: string}>; width: number}) {
	const theme = useTheme();
	return <Text color={theme.muted}>{footerText(hints, width)}</Text>;
});
