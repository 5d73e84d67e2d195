// Key names (as VHS tapes and tests spell them) → the bytes a real xterm sends.
const named: Record<string, string> = {
	Up: '\x1b[A',
	Down: '\x1b[B',
	Right: '\x1b[C',
	Left: '\x1b[D',
	Home: '\x1b[H',
	End: '\x1b[F',
	PageUp: '\x1b[5~',
	PageDown: '\x1b[6~',
	Insert: '\x1b[2~',
	Delete: '\x1b[3~',
	Enter: '\r',
	Space: ' ',
	Tab: '\t',
	Backspace: '\x7f',
	Escape: '\x1b',
	F1: '\x1bOP',
	F2: '\x1bOQ',
	F3: '\x1bOR',
	F4: '\x1bOS',
};

// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
const cursorFinal: Record<string, string> = {Up: 'A', Down: 'B', Right: 'C', Left: 'D', Home: 'H', End: 'F'};

export const keyNames = Object.keys(named);

/** The byte sequence for a key such as 'Down', 'Ctrl+C', 'Shift+Tab', 'Alt+x' or 'Shift+Up'. */
export function keySequence(name: string): string {
	if (named[name] !== undefined) return named[name];
	const parts = name.split('+');
	const key = parts.pop() ?? '';
	const mods = new Set(parts.map((part) => part.toLowerCase()));
	for (const mod of mods) {
		if (!['ctrl', 'alt', 'shift'].includes(mod)) throw new Error(`unknown key modifier "${mod}" in "${name}"`);
	}
	if (mods.size === 0) {
		if ([...key].length === 1) return key;
		throw new Error(`unknown key "${name}"`);
	}
	if (mods.size === 1 && mods.has('shift') && key === 'Tab') return '\x1b[Z';
	if (cursorFinal[key] !== undefined) {
		const param = 1 + (mods.has('shift') ? 1 : 0) + (mods.has('alt') ? 2 : 0) + (mods.has('ctrl') ? 4 : 0);
		return `\x1b[1;${param}${cursorFinal[key]}`;
	}
	let base: string;
	if (named[key] !== undefined) base = named[key];
	else if ([...key].length === 1) base = key;
	else throw new Error(`unknown key "${name}"`);
	if (mods.has('ctrl')) {
		const code = base.toUpperCase().charCodeAt(0);
		if (base.length !== 1 || code < 0x40 || code > 0x5f) throw new Error(`no control code for "${name}"`);
		base = String.fromCharCode(code & 0x1f);
	}
	if (mods.has('shift') && base.length === 1) base = base.toUpperCase();
	if (mods.has('alt')) base = `\x1b${base}`;
	return base;
}
