// Replays a parsed VHS tape in a TerminalHandle. Keys and typed text are sent as VHS sends them;
// `Wait` lines are the assertions (a timeout fails with the tape's line and the screen);
// `Sleep` waits only until the screen settles (never longer than the tape asked), so a replay is
// as fast as the program allows and does not depend on this machine's speed.
import {keySequence} from '../keys.js';
import type {TerminalHandle} from '../terminal.js';
import {type TapeCommand, TapeError} from './parse.js';

export type ReplayOptions = {
	/** Called at every `Screenshot` with the terminal showing what VHS would capture. */
	onScreenshot?: (path: string, terminal: TerminalHandle, command: TapeCommand) => Promise<void> | void;
	/** Called before each command runs (for logs). */
	onCommand?: (command: TapeCommand) => void;
	/** Upper bound on the delay between typed characters and keys (default: the tape's own speed, as VHS). */
	maxTypingDelayMs?: number;
	/** Wait timeout when the tape sets none (VHS's default is 15 s). */
	waitTimeoutMs?: number;
};

export type ReplayStep = {command: TapeCommand; screen: string};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment a tape's `Env` lines give the shell it runs in. */
export function tapeEnv(commands: TapeCommand[]): Record<string, string> {
	const env: Record<string, string> = {};
	for (const command of commands) if (command.kind === 'env') env[command.name] = command.value;
	return env;
}

/** The value of a tape's `Set` for a setting (the last one wins), if any. */
export function tapeSetting(commands: TapeCommand[], setting: string): string | undefined {
	let value: string | undefined;
	for (const command of commands) if (command.kind === 'set' && command.setting === setting) value = command.value;
	return value;
}

function describe(command: TapeCommand): string {
	switch (command.kind) {
		case 'wait':
			return `Wait+${command.scope}${command.pattern ? ` ${String(command.pattern)}` : ''}`;
		case 'key':
			return `${command.key}${command.count > 1 ? ` ${command.count}` : ''}`;
		case 'type':
			return `Type ${JSON.stringify(command.text)}`;
		default:
			return command.kind;
	}
}

/** Replays the commands; returns the screen after every `Wait` (what the tape asserted). */
export async function replayTape(
	commands: TapeCommand[],
	terminal: TerminalHandle,
	options: ReplayOptions = {},
): Promise<ReplayStep[]> {
	const steps: ReplayStep[] = [];
	const maxTypingDelayMs = options.maxTypingDelayMs ?? Number.POSITIVE_INFINITY;
	let typingSpeedMs = 50;
	let waitTimeoutMs = options.waitTimeoutMs ?? 15_000;
	let waitPattern = />$/;

	for (const command of commands) {
		options.onCommand?.(command);
		switch (command.kind) {
			case 'set':
				if (command.setting === 'TypingSpeed') typingSpeedMs = parseFloat(command.value) * (command.value.endsWith('ms') ? 1 : 1000);
				if (command.setting === 'WaitTimeout' && options.waitTimeoutMs === undefined) {
					waitTimeoutMs = parseFloat(command.value) * (command.value.endsWith('ms') ? 1 : 1000);
				}
				if (command.setting === 'WaitPattern') waitPattern = new RegExp(command.value);
				break;
			case 'type':
				await terminal.type(command.text, Math.min(command.speedMs ?? typingSpeedMs, maxTypingDelayMs));
				break;
			case 'key':
				// VHS presses a repeated key at the typing speed; an app that drops keys at that pace fails here too.
				for (let i = 0; i < command.count; i++) {
					terminal.write(keySequence(command.key));
					await sleep(Math.min(command.speedMs ?? typingSpeedMs, maxTypingDelayMs));
				}
				break;
			case 'sleep':
				// A spinner may never let the screen settle: then the tape's own sleep is the bound.
				await terminal.settle({quietMs: Math.min(150, command.ms), timeout: command.ms}).catch(() => undefined);
				break;
			case 'wait': {
				const pattern = command.pattern ?? waitPattern;
				const timeout = command.timeoutMs ?? waitTimeoutMs;
				const text = () => (command.scope === 'Screen' ? terminal.screen() : terminal.cursorLine());
				const deadline = Date.now() + timeout;
				while (!pattern.test(text())) {
					if (Date.now() > deadline || terminal.exited) {
						const why = terminal.exited ? 'the program exited' : `timed out after ${timeout} ms`;
						throw new TapeError(command.line, `${describe(command)}: ${why}; the screen was:\n${terminal.screen()}`);
					}
					await sleep(25);
				}
				steps.push({command, screen: terminal.screen()});
				break;
			}
			case 'screenshot':
				await terminal.settle({quietMs: 150, timeout: 2000}).catch(() => undefined);
				await options.onScreenshot?.(command.path, terminal, command);
				break;
			case 'source':
				throw new TapeError(command.line, 'Source is not replayed: keep the demo in one tape');
			case 'copy':
			case 'paste':
				throw new TapeError(command.line, `${command.kind} needs a system clipboard and is not replayed`);
			// Output, Require, Env (applied at spawn), Hide and Show change nothing in the terminal.
			default:
				break;
		}
	}
	return steps;
}
