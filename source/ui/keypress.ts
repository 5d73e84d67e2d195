/**
 * Raw terminal input → one named key. Ink's input parser has already split the stream into
 * single sequences (or one pasted chunk); this names them the way keys.ts spells them:
 * `j`, `G`, `space`, `return`, `escape`, `up`, `shift+down`, `pagedown`, `ctrl+f`, `f1`.
 */
export interface Keypress {
	name: string;
	/** Printable text the key (or a paste) produces, for text fields. */
	text?: string;
	/** For several keys in one read (`paste`): the bytes, so they can be replayed one by one. */
	raw?: string;
}

const SEQUENCES: Record<string, string> = {
	'\u001b[A': 'up',
	'\u001b[B': 'down',
	'\u001b[C': 'right',
	'\u001b[D': 'left',
	'\u001bOA': 'up',
	'\u001bOB': 'down',
	'\u001bOC': 'right',
	'\u001bOD': 'left',
	'\u001b[H': 'home',
	'\u001b[F': 'end',
	'\u001bOH': 'home',
	'\u001bOF': 'end',
	'\u001b[1~': 'home',
	'\u001b[4~': 'end',
	'\u001b[7~': 'home',
	'\u001b[8~': 'end',
	'\u001b[5~': 'pageup',
	'\u001b[6~': 'pagedown',
	'\u001b[2~': 'insert',
	'\u001b[3~': 'delete',
	'\u001b[Z': 'shift+tab',
	'\u001bOP': 'f1',
	'\u001b[11~': 'f1',
	'\u001b[[A': 'f1',
	'\u001b[1;2A': 'shift+up',
	'\u001b[1;2B': 'shift+down',
	'\u001b[a': 'shift+up',
	'\u001b[b': 'shift+down',
	'\u001b[1;5A': 'ctrl+up',
	'\u001b[1;5B': 'ctrl+down',
	'\u001b[1;2H': 'shift+home',
	'\u001b[1;2F': 'shift+end',
	'\u001b[1;2P': 'shift+f1',
};

export function parseKeypress(data: string): Keypress {
	if (data in SEQUENCES) return {name: SEQUENCES[data]};
	if (data === '\r' || data === '\n' || data === '\r\n') return {name: 'return'};
	if (data === '\t') return {name: 'tab'};
	if (data === '\u001b' || data === '\u001b\u001b') return {name: 'escape'};
	if (data === '\u007f' || data === '\b') return {name: 'backspace'};
	if (data === ' ') return {name: 'space', text: ' '};
	if (data.length === 1) {
		const code = data.charCodeAt(0);
		if (code === 0) return {name: 'ctrl+space'};
		if (code < 27) return {name: `ctrl+${String.fromCharCode(code + 96)}`};
		if (code < 32) return {name: 'unknown'};
	}
	// ESC + key is how Alt+key arrives, but cassi binds no Alt key: it is Esc pressed just before the
	// key, the two read at once (coalesced over SSH, or typed during a redraw). Replayed as two keys.
	if (data.length === 2 && data[0] === '\u001b' && data.charCodeAt(1) >= 32) return {name: 'paste', text: data[1], raw: data};
	if (data.startsWith('\u001b')) return {name: 'unknown'};
	// A single character, or several keys that arrived in one read (typed during a redraw, or pasted).
	const text = data.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
	if ([...data].length === 1) return text ? {name: text, text} : {name: 'unknown'};
	return {name: 'paste', text, raw: data};
}
