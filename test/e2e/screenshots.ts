// Renders the README's screenshots from the real app: replays scripts/screenshots.tape in a
// headless terminal and writes each `Screenshot x.png` as x.svg. Run by scripts/screenshots.mjs.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parseTape} from './tape/parse.js';
import {replayTape} from './tape/replay.js';
import {spawnTapeShell} from './tape/shell.js';
import {renderSvg} from './svg.js';

export async function renderScreenshots(repo: string, tapePath = path.join(repo, 'scripts', 'screenshots.tape')): Promise<string[]> {
	const commands = parseTape(readFileSync(tapePath, 'utf8'));
	const terminal = await spawnTapeShell(commands, {cwd: repo});
	const written: string[] = [];
	try {
		await replayTape(commands, terminal, {
			onScreenshot(file, term) {
				const target = path.resolve(repo, file.replace(/\.png$/, '.svg'));
				mkdirSync(path.dirname(target), {recursive: true});
				writeFileSync(target, renderSvg(term.xterm, {title: 'cassi --demo'}));
				written.push(path.relative(repo, target));
			},
		});
	} finally {
		await terminal.close();
	}
	return written;
}
