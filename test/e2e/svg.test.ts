import xtermHeadless from '@xterm/headless';
import {afterEach, describe, expect, it} from 'vitest';
import {mocha, renderSvg} from './svg.js';

const {Terminal} = xtermHeadless;
let terminals: InstanceType<typeof Terminal>[] = [];
afterEach(() => {
	for (const terminal of terminals) terminal.dispose();
	terminals = [];
});

async function screenOf(text: string, cols = 30, rows = 3) {
	const terminal = new Terminal({cols, rows, allowProposedApi: true});
	terminals.push(terminal);
	await new Promise<void>((resolve) => terminal.write(text, resolve));
	return terminal;
}

describe('renderSvg', () => {
	it('draws each run of same-styled cells as one tspan at its column', async () => {
		const svg = renderSvg(await screenOf('ab\x1b[1;31mred\x1b[0m'));
		expect(svg).toContain(`<tspan x="16.0" fill="${mocha.foreground}" textLength="16.8" lengthAdjust="spacingAndGlyphs">ab</tspan>`);
		expect(svg).toContain(`<tspan x="32.8" fill="${mocha.ansi[1]}" font-weight="bold" textLength="25.2"`);
	});

	it('swaps colours for inverse video, so the cursor row shows without colour names', async () => {
		const svg = renderSvg(await screenOf('\x1b[7m> row\x1b[0m'));
		expect(svg).toMatch(new RegExp(`<rect x="16.0" y="16" width="42.0" height="18" fill="${mocha.foreground}"/>`));
		expect(svg).toContain(`fill="${mocha.background}" textLength="42.0" lengthAdjust="spacingAndGlyphs">&gt; row</tspan>`);
	});

	it('maps 256-colour and true-colour cells', async () => {
		const svg = renderSvg(await screenOf('\x1b[38;5;196mA\x1b[38;2;1;2;3mB\x1b[48;5;244mC'));
		expect(svg).toContain('fill="#ff0000"');
		expect(svg).toContain('fill="#010203"');
		expect(svg).toContain('fill="#808080"');
	});

	it('escapes markup in screen text and sizes the picture to the terminal', async () => {
		const svg = renderSvg(await screenOf('<a & "b">', 40, 5), {title: 'cassi'});
		expect(svg).toContain('&lt;a &amp; &quot;b&quot;&gt;');
		expect(svg).not.toContain('<a &');
		expect(svg).toMatch(/^<svg [^>]*width="368" height="150"/);
		expect(svg).toContain('>cassi</text>');
	});
});
