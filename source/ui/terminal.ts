/** Alternate screen in and out; the way out must run on every exit path, exactly once. */
export const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
export const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';

export interface ScreenGuard {
	leave(): void;
	readonly active: boolean;
}

export function enterAltScreen(stdout: NodeJS.WriteStream): ScreenGuard {
	let active = true;
	const write = (text: string) => {
		try {
			stdout.write(text);
		} catch {
			// The terminal is gone (EPIPE, lost TTY): nothing left to restore.
		}
	};
	write(ENTER_ALT_SCREEN);
	const onExit = () => guard.leave();
	process.once('exit', onExit);
	const guard: ScreenGuard = {
		leave() {
			if (!active) return;
			active = false;
			process.off('exit', onExit);
			write(LEAVE_ALT_SCREEN);
		},
		get active() {
			return active;
		},
	};
	return guard;
}
