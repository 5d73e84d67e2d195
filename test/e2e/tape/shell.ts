// The shell a tape runs in, as VHS gives it: bash with the prompt "> " (VHS's default WaitPattern
// is />$/), started in the repository so the tape's own set-up lines work unchanged.
import {spawnTerminal, type TerminalHandle} from '../terminal.js';
import type {TapeCommand} from './parse.js';
import {tapeEnv, tapeSetting} from './replay.js';

/**
 * The terminal size VHS would give the tape, estimated from its pixel settings with a monospace
 * cell of 0.6 × 1.2 font sizes (VHS renders with xterm.js, whose cell metrics depend on the font).
 */
export function tapeTerminalSize(commands: TapeCommand[]): {cols: number; rows: number} {
	const number = (setting: string, fallback: number) => {
		const value = Number.parseFloat(tapeSetting(commands, setting) ?? '');
		return Number.isFinite(value) ? value : fallback;
	};
	const width = number('Width', 1200);
	const height = number('Height', 600);
	const padding = number('Padding', 60);
	const fontSize = number('FontSize', 22);
	const lineHeight = number('LineHeight', 1);
	const letterSpacing = number('LetterSpacing', 1);
	return {
		cols: Math.floor((width - 2 * padding) / (fontSize * 0.6 * letterSpacing)),
		rows: Math.floor((height - 2 * padding) / (fontSize * 1.2 * lineHeight)),
	};
}

export type TapeShellOptions = {
	cwd: string;
	env?: Record<string, string | undefined>;
	size?: {cols: number; rows: number};
};

/** Starts the shell and waits for its first prompt, as VHS does before it runs a tape. */
export async function spawnTapeShell(commands: TapeCommand[], options: TapeShellOptions): Promise<TerminalHandle> {
	const size = options.size ?? tapeTerminalSize(commands);
	const terminal = spawnTerminal({
		cmd: 'bash',
		args: ['--norc', '--noprofile', '-i'],
		cols: size.cols,
		rows: size.rows,
		cwd: options.cwd,
		env: {PS1: '> ', PROMPT_COMMAND: undefined, HISTFILE: '/dev/null', ...tapeEnv(commands), ...options.env},
	});
	try {
		await terminal.waitFor(/^>/m);
	} catch (error) {
		await terminal.close();
		throw error;
	}
	return terminal;
}
