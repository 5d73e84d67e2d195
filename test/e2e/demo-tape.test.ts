// demo.tape must stay true: its keys are replayed against the built binary in a real terminal on
// the demo archive, its `Wait` lines are the assertions, and the screens they matched are checked
// for what the tape is meant to show: per-type counts, three marked files, a finished queue.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {e2eFile, repo} from './app.js';
import {parseTape} from './tape/parse.js';
import {replayTape, type ReplayStep} from './tape/replay.js';
import {spawnTapeShell} from './tape/shell.js';
import {terminalRestoreProblems} from './terminal.js';

const track = e2eFile();

/** The screen a tape's Wait matched, found by a piece of its pattern. */
function screenAfter(steps: ReplayStep[], patternPart: string): string {
	const step = steps.find((candidate) => candidate.command.kind === 'wait' && candidate.command.pattern?.source.includes(patternPart));
	if (!step) throw new Error(`demo.tape has no Wait whose pattern contains "${patternPart}"`);
	return step.screen;
}

function downloadedFiles(tmp: string): string[] {
	const files: string[] = [];
	for (const dir of readdirSync(tmp)) {
		const folder = path.join(tmp, dir, 'cassi-data');
		if (!existsSync(folder)) continue;
		for (const name of readdirSync(folder)) {
			if (!name.startsWith('.') && statSync(path.join(folder, name)).isFile()) files.push(name);
		}
	}
	return files.sort();
}

it('demo.tape replays against the built binary and shows what it promises', async () => {
	const commands = parseTape(readFileSync(path.join(repo, 'demo.tape'), 'utf8'));
	const term = await spawnTapeShell(commands, {cwd: repo});
	track(term);
	const steps = await replayTape(commands, term);

	// Per-type counts: the panel's types add up to "All types", and to the status line's total.
	const counts = screenAfter(steps, 'All types');
	const total = Number(/All types +(\d+)/.exec(counts)?.[1]);
	// Full type names where the panel has room, the list's short labels where not.
	const perType = [...counts.matchAll(/ (Cal Eng|FSW Logs|GW L0|HK Telem|Ephem|CGI L0|WFI L0|Calibrated Engineering Data|FSW Event Message Logs|Guide Window Level 0|Housekeeping Ancillary Telemetry Data|Observatory Predicted Ephemeris|Science CGI Level 0|Science WFI Level 0) +(\d+)(?: +~\S+)?$/gm)].map((match) => Number(match[2]));
	expect(total).toBeGreaterThan(0);
	expect(counts).toMatch(new RegExp(`^${total} files · (.* · )?0 marked`, 'm'));
	expect(perType.reduce((sum, n) => sum + n, 0)).toBe(total);

	// Three marked rows, all of the type the list was filtered to.
	const marked = screenAfter(steps, '3 marked');
	const type = /showing \d+: (\S.*?)(?: ·|$)/m.exec(marked)?.[1];
	const markedRows = marked.split('\n').filter((line) => /^[› ]●/.test(line));
	expect(markedRows).toHaveLength(3);
	for (const row of markedRows) expect(row).toContain(` ${type} `);

	// The finished queue: three files, each done, and the same three on disk.
	const queue = screenAfter(steps, 'of 3 done');
	const doneRows = queue.split('\n').filter((line) => / done$/.test(line));
	expect(doneRows).toHaveLength(3);
	const names = markedRows.map((row) => /^..(\S+)/.exec(row)![1]!).sort();
	expect(downloadedFiles(term.dirs.tmp)).toEqual(names);

	// The tape ends back at the shell with the terminal restored.
	expect(term.isAltScreen()).toBe(false);
	expect(terminalRestoreProblems(term.output())).toEqual([]);
}, 180_000);
