/**
 * Colour goes through these tokens only. NO_COLOR (any non-empty value) turns every colour
 * off; meaning never rests on colour alone (the cursor row also has a glyph and inverse video).
 */
import {createContext, useContext} from 'react';

export interface Theme {
	color: boolean;
	accent?: string;
	muted?: string;
	error?: string;
	success?: string;
	warning?: string;
	marked?: string;
}

export function themeFor(env: NodeJS.ProcessEnv = process.env): Theme {
	const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	if (noColor) return {color: false};
	return {color: true, accent: 'cyan', muted: 'gray', error: 'red', success: 'green', warning: 'yellow', marked: 'yellow'};
}

export const ThemeContext = createContext<Theme>(themeFor());

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

export const GLYPH = {cursor: '›', marked: '●', unmarked: ' ', anchor: '┃'} as const;
