// Renders what a headless xterm shows to an SVG: one <text> per row, one <tspan> per run of cells
// with the same style, background rectangles for coloured or inverse cells, on a dark window.
import type {IBufferCell, Terminal as XTerm} from '@xterm/headless';

export type SvgTheme = {background: string; foreground: string; ansi: string[]};

// Catppuccin Mocha, the theme demo.tape sets for VHS, so screenshots and the GIF look alike.
export const mocha: SvgTheme = {
	background: '#1e1e2e',
	foreground: '#cdd6f4',
	ansi: [
		'#45475a', '#f38ba8', '#a6e3a1', '#f9e2af', '#89b4fa', '#f5c2e7', '#94e2d5', '#bac2de',
		'#585b70', '#f38ba8', '#a6e3a1', '#f9e2af', '#89b4fa', '#f5c2e7', '#94e2d5', '#a6adc8',
	],
};

export type SvgOptions = {
	theme?: SvgTheme;
	fontSize?: number;
	/** Shown in the window's title bar. */
	title?: string;
};

type Style = {fg: string; bg: string | undefined; bold: boolean; dim: boolean; italic: boolean; underline: boolean; strike: boolean};

const hex = (value: number) => `#${value.toString(16).padStart(6, '0')}`;

/** xterm's 256-colour palette: the theme's 16, a 6×6×6 cube, then 24 greys. */
function paletteColour(index: number, theme: SvgTheme): string {
	if (index < 16) return theme.ansi[index] ?? theme.foreground;
	if (index < 232) {
		const steps = [0, 95, 135, 175, 215, 255];
		const i = index - 16;
		const channel = (n: number) => steps[n]!.toString(16).padStart(2, '0');
		return `#${channel(Math.floor(i / 36))}${channel(Math.floor(i / 6) % 6)}${channel(i % 6)}`;
	}
	const grey = (8 + (index - 232) * 10).toString(16).padStart(2, '0');
	return `#${grey}${grey}${grey}`;
}

function cellStyle(cell: IBufferCell, theme: SvgTheme): Style {
	const colour = (isDefault: boolean, isRgb: boolean, value: number, fallback: string) =>
		isDefault ? fallback : isRgb ? hex(value) : paletteColour(value, theme);
	let fg = colour(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor(), theme.foreground);
	let bg: string | undefined = cell.isBgDefault() ? undefined : colour(false, cell.isBgRGB(), cell.getBgColor(), theme.background);
	if (cell.isInverse()) {
		[fg, bg] = [bg ?? theme.background, fg];
	}
	if (cell.isInvisible()) fg = bg ?? theme.background;
	return {
		fg,
		bg,
		bold: cell.isBold() !== 0,
		dim: cell.isDim() !== 0,
		italic: cell.isItalic() !== 0,
		underline: cell.isUnderline() !== 0,
		strike: cell.isStrikethrough() !== 0,
	};
}

const sameStyle = (a: Style, b: Style) =>
	a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike;

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Run = {start: number; width: number; text: string; style: Style};

function rowRuns(xterm: XTerm, y: number, theme: SvgTheme): Run[] {
	const buffer = xterm.buffer.active;
	const line = buffer.getLine(buffer.viewportY + y);
	const runs: Run[] = [];
	if (!line) return runs;
	const cell = buffer.getNullCell();
	for (let x = 0; x < xterm.cols; x++) {
		line.getCell(x, cell);
		const width = cell.getWidth();
		if (width === 0) continue; // the second half of a wide character
		const style = cellStyle(cell, theme);
		const chars = cell.getChars() || ' ';
		const last = runs.at(-1);
		if (last && sameStyle(last.style, style) && last.start + last.width === x) {
			last.text += chars;
			last.width += width;
		} else {
			runs.push({start: x, width, text: chars, style});
		}
	}
	return runs;
}

/** An SVG picture of the terminal's visible screen. */
export function renderSvg(xterm: XTerm, options: SvgOptions = {}): string {
	const theme = options.theme ?? mocha;
	const fontSize = options.fontSize ?? 14;
	const cellWidth = fontSize * 0.6;
	const lineHeight = Math.round(fontSize * 1.3);
	const pad = 16;
	const bar = options.title === undefined ? 0 : 28;
	const width = Math.ceil(xterm.cols * cellWidth + pad * 2);
	const height = Math.ceil(xterm.rows * lineHeight + pad * 2 + bar);
	const x = (column: number) => (pad + column * cellWidth).toFixed(1);
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'JetBrains Mono','Fira Code','DejaVu Sans Mono',Menlo,Consolas,monospace" font-size="${fontSize}">`,
		`<rect width="${width}" height="${height}" rx="8" fill="${theme.background}"/>`,
	];
	if (options.title !== undefined) {
		out.push(
			`<circle cx="${pad + 6}" cy="${bar / 2 + 4}" r="6" fill="#f38ba8"/><circle cx="${pad + 26}" cy="${bar / 2 + 4}" r="6" fill="#f9e2af"/><circle cx="${pad + 46}" cy="${bar / 2 + 4}" r="6" fill="#a6e3a1"/>`,
			`<text x="${width / 2}" y="${bar / 2 + 8}" text-anchor="middle" fill="#6c7086">${escapeXml(options.title)}</text>`,
		);
	}
	for (let y = 0; y < xterm.rows; y++) {
		const top = pad + bar + y * lineHeight;
		const runs = rowRuns(xterm, y, theme);
		for (const run of runs) {
			if (run.style.bg !== undefined) {
				out.push(`<rect x="${x(run.start)}" y="${top}" width="${(run.width * cellWidth).toFixed(1)}" height="${lineHeight}" fill="${run.style.bg}"/>`);
			}
		}
		const spans = runs
			.filter((run) => run.text.trim() !== '')
			.map((run) => {
				// Trailing blanks draw nothing (backgrounds are rects above); dropping them keeps files small.
				const text = run.text.replace(/ +$/, '');
				run = {...run, text, width: run.width - (run.text.length - text.length)};
				const attributes = [`x="${x(run.start)}"`, `fill="${run.style.fg}"`];
				if (run.style.bold) attributes.push('font-weight="bold"');
				if (run.style.dim) attributes.push('opacity="0.6"');
				if (run.style.italic) attributes.push('font-style="italic"');
				const decorations = [run.style.underline && 'underline', run.style.strike && 'line-through'].filter(Boolean);
				if (decorations.length > 0) attributes.push(`text-decoration="${decorations.join(' ')}"`);
				// textLength pins each run to its cells whatever monospace font the viewer has.
				attributes.push(`textLength="${(run.width * cellWidth).toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"');
				return `<tspan ${attributes.join(' ')}>${escapeXml(run.text)}</tspan>`;
			});
		if (spans.length > 0) {
			out.push(`<text y="${(top + lineHeight * 0.75).toFixed(1)}" xml:space="preserve">${spans.join('')}</text>`);
		}
	}
	out.push('</svg>', '');
	return out.join('\n');
}
