// A parser for VHS tapes (https://github.com/charmbracelet/vhs), strict enough that a tape the
// replay test accepts is one VHS accepts too: an unknown command or setting is an error that
// names its line, so demo.tape cannot quietly grow commands nobody replays.

export type TapeCommand = {line: number} & (
	| {kind: 'output'; path: string}
	| {kind: 'set'; setting: string; value: string}
	| {kind: 'require'; program: string}
	| {kind: 'env'; name: string; value: string}
	| {kind: 'source'; path: string}
	| {kind: 'sleep'; ms: number}
	| {kind: 'type'; text: string; speedMs?: number}
	/** key is a name keySequence() knows: 'Down', 'Ctrl+C', 'Alt+x', 'Shift+Tab'. */
	| {kind: 'key'; key: string; count: number; speedMs?: number}
	| {kind: 'hide'}
	| {kind: 'show'}
	| {kind: 'wait'; scope: 'Line' | 'Screen'; timeoutMs?: number; pattern?: RegExp}
	| {kind: 'screenshot'; path: string}
	| {kind: 'copy'; text: string}
	| {kind: 'paste'}
);

export class TapeError extends Error {
	constructor(
		readonly line: number,
		message: string,
	) {
		super(`line ${line}: ${message}`);
		this.name = 'TapeError';
	}
}

type Token = {kind: 'word' | 'string' | 'regex' | 'at' | 'plus'; text: string; line: number};

// VHS's repeatable keys; Ctrl, Alt and Shift combinations are parsed separately.
const repeatableKeys = [
	'Backspace',
	'Delete',
	'Insert',
	'Down',
	'Enter',
	'Escape',
	'Left',
	'Right',
	'Space',
	'Tab',
	'Up',
	'PageUp',
	'PageDown',
	'ScrollUp',
	'ScrollDown',
];

const settings = [
	'Shell',
	'FontFamily',
	'FontSize',
	'LetterSpacing',
	'LineHeight',
	'Framerate',
	'PlaybackSpeed',
	'Height',
	'Width',
	'Padding',
	'Theme',
	'TypingSpeed',
	'LoopOffset',
	'MarginFill',
	'Margin',
	'WindowBar',
	'WindowBarSize',
	'BorderRadius',
	'CursorBlink',
	'WaitTimeout',
	'WaitPattern',
];

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let line = 1;
	let i = 0;
	while (i < text.length) {
		const char = text[i]!;
		if (char === '\n') {
			line++;
			i++;
		} else if (/\s/.test(char)) {
			i++;
		} else if (char === '#') {
			while (i < text.length && text[i] !== '\n') i++;
		} else if (char === '"' || char === "'" || char === '`' || char === '/') {
			const end = text.indexOf(char, i + 1);
			const newline = text.indexOf('\n', i + 1);
			if (end < 0 || (newline >= 0 && newline < end)) {
				throw new TapeError(line, `${char === '/' ? 'regular expression' : 'string'} is not closed on its line`);
			}
			tokens.push({kind: char === '/' ? 'regex' : 'string', text: text.slice(i + 1, end), line});
			i = end + 1;
		} else if (char === '@' || char === '+') {
			tokens.push({kind: char === '@' ? 'at' : 'plus', text: char, line});
			i++;
		} else {
			let end = i;
			while (end < text.length && !/[\s@+"'`#]/.test(text[end]!)) end++;
			tokens.push({kind: 'word', text: text.slice(i, end), line});
			i = end;
		}
	}
	return tokens;
}

/** `500ms`, `2s`, `1.5`, `1m` → milliseconds (a bare number is seconds, as in VHS). */
export function parseDuration(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
	if (!match) return undefined;
	const value = Number(match[1]);
	const unit = match[2] ?? 's';
	return unit === 'ms' ? value : unit === 's' ? value * 1000 : value * 60_000;
}

export function parseTape(text: string): TapeCommand[] {
	const tokens = tokenize(text);
	const commands: TapeCommand[] = [];
	let at = 0;
	const peek = () => tokens[at];
	const next = () => tokens[at++];

	const expectString = (command: Token, what: string) => {
		const token = next();
		if (!token || (token.kind !== 'string' && token.kind !== 'word') || token.line !== command.line) {
			throw new TapeError(command.line, `${command.text} expects ${what}`);
		}
		return token.text;
	};
	const optionalSpeed = (command: Token) => {
		if (peek()?.kind !== 'at') return undefined;
		next();
		const token = next();
		const ms = token && token.kind === 'word' ? parseDuration(token.text) : undefined;
		if (ms === undefined) throw new TapeError(command.line, `${command.text}@ expects a time such as 100ms`);
		return ms;
	};
	const optionalCount = (command: Token) => {
		const token = peek();
		if (token?.kind !== 'word' || token.line !== command.line || !/^\d+$/.test(token.text)) return 1;
		next();
		const count = Number(token.text);
		if (count < 1) throw new TapeError(command.line, `${command.text} count must be at least 1`);
		return count;
	};
	const modifierKey = (command: Token) => {
		const parts = [command.text];
		while (peek()?.kind === 'plus') {
			next();
			const token = next();
			if (!token || token.line !== command.line || token.kind !== 'word') {
				throw new TapeError(command.line, `${parts.join('+')}+ expects a key`);
			}
			parts.push(token.text);
		}
		const key = parts.at(-1)!;
		if (parts.length < 2 || (!repeatableKeys.includes(key) && [...key].length !== 1)) {
			throw new TapeError(command.line, `${parts.join('+')} is not a key VHS can press`);
		}
		return parts.join('+');
	};

	while (at < tokens.length) {
		const command = next()!;
		const line = command.line;
		if (command.kind !== 'word') throw new TapeError(line, `expected a command, found ${command.kind} "${command.text}"`);
		const name = command.text;
		if (repeatableKeys.includes(name)) {
			const speedMs = optionalSpeed(command);
			commands.push({kind: 'key', key: name, count: optionalCount(command), speedMs, line});
			continue;
		}
		switch (name) {
			case 'Output':
				commands.push({kind: 'output', path: expectString(command, 'a file path'), line});
				break;
			case 'Set': {
				const setting = expectString(command, 'a setting');
				if (!settings.includes(setting)) throw new TapeError(line, `unknown setting "${setting}"`);
				const value = expectString(command, `a value for ${setting}`);
				commands.push({kind: 'set', setting, value, line});
				break;
			}
			case 'Require':
				commands.push({kind: 'require', program: expectString(command, 'a program name'), line});
				break;
			case 'Env': {
				const envName = expectString(command, 'a variable name');
				commands.push({kind: 'env', name: envName, value: expectString(command, 'a value'), line});
				break;
			}
			case 'Source':
				commands.push({kind: 'source', path: expectString(command, 'a tape path'), line});
				break;
			case 'Sleep': {
				const token = next();
				const ms = token?.kind === 'word' ? parseDuration(token.text) : undefined;
				if (ms === undefined) throw new TapeError(line, 'Sleep expects a time such as 500ms or 2s');
				commands.push({kind: 'sleep', ms, line});
				break;
			}
			case 'Type': {
				const speedMs = optionalSpeed(command);
				const parts: string[] = [];
				while (peek()?.kind === 'string' && peek()!.line === line) parts.push(next()!.text);
				if (parts.length === 0) throw new TapeError(line, 'Type expects a quoted string');
				commands.push({kind: 'type', text: parts.join(' '), speedMs, line});
				break;
			}
			case 'Ctrl':
			case 'Alt':
			case 'Shift':
				commands.push({kind: 'key', key: modifierKey(command), count: 1, line});
				break;
			case 'Hide':
				commands.push({kind: 'hide', line});
				break;
			case 'Show':
				commands.push({kind: 'show', line});
				break;
			case 'Wait': {
				let scope: 'Line' | 'Screen' = 'Line';
				if (peek()?.kind === 'plus') {
					next();
					const token = next();
					if (token?.text !== 'Line' && token?.text !== 'Screen') throw new TapeError(line, 'Wait+ expects Line or Screen');
					scope = token.text;
				}
				const timeoutMs = optionalSpeed(command);
				let pattern: RegExp | undefined;
				if (peek()?.kind === 'regex' && peek()!.line === line) {
					const source = next()!.text;
					try {
						pattern = new RegExp(source);
					} catch {
						throw new TapeError(line, `invalid regular expression /${source}/`);
					}
				}
				commands.push({kind: 'wait', scope, timeoutMs, pattern, line});
				break;
			}
			case 'Screenshot':
				commands.push({kind: 'screenshot', path: expectString(command, 'a file path'), line});
				break;
			case 'Copy':
				commands.push({kind: 'copy', text: expectString(command, 'a string'), line});
				break;
			case 'Paste':
				commands.push({kind: 'paste', line});
				break;
			default:
				throw new TapeError(line, `unknown command "${name}"`);
		}
	}
	return commands;
}
