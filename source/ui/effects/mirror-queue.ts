/**
 * Mirrors a download engine's snapshots into the state. Every dispatch re-renders and redraws
 * the whole screen, and Ink spaces frames (maxFps), so a progress frame drawn just before a key
 * delays that key's frame. Outside the queue view (where only the status line's "↓ 1/3 68 MB/s"
 * shows them) progress ticks are therefore thinned to two a second, and while the user is
 * pressing keys they ride along with a key's own frame instead of drawing one of their own.
 * A file's state change (done, failed, paused…) and the auth prompt still reach the state at
 * once, and so does every tick while the queue view is open.
 */
import type {Dispatch} from 'react';
import type {QueueSnapshot} from '../../cassi/download/types.js';
import type {Action} from '../../state/actions.js';
import type {QueueEngine} from '../services.js';

/** Outside the queue view, at most one progress dispatch per this many ms (the engine ticks every 100). */
export const BACKGROUND_PROGRESS_MS = 500;
/** A key this recent means more are coming: progress waits to share their frame… */
export const TYPING_MS = 250;
/** …but never for longer than this since the last figures shown. */
export const MAX_STALE_MS = 1500;

export interface MirrorOptions {
	/** True while the user watches live progress (the queue view): every tick goes through. */
	live?: () => boolean;
	backgroundMs?: number;
	typingMs?: number;
	maxStaleMs?: number;
	now?: () => number;
}

export interface QueueMirror {
	/** Call just before dispatching a key: held-back progress that is due joins the key's frame. */
	keyPressed(): void;
}

/** Mirror an engine's snapshots into the state; a refused token brings the token screen. */
export function attachEngine(engine: QueueEngine, dispatch: Dispatch<Action>, options: MirrorOptions = {}): QueueMirror {
	const live = options.live ?? (() => true);
	const backgroundMs = options.backgroundMs ?? BACKGROUND_PROGRESS_MS;
	const typingMs = options.typingMs ?? TYPING_MS;
	const maxStaleMs = options.maxStaleMs ?? MAX_STALE_MS;
	const now = options.now ?? Date.now;
	let last = Number.NEGATIVE_INFINITY;
	let lastKey = Number.NEGATIVE_INFINITY;
	let pending: QueueSnapshot | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const send = (snapshot: QueueSnapshot) => {
		if (timer) clearTimeout(timer);
		timer = undefined;
		pending = undefined;
		last = now();
		dispatch({type: 'queue-snapshot', snapshot});
	};
	const mirror = () => send(engine.snapshot());

	/** How long held-back progress should still wait (0: send it now). */
	const holdFor = (): number => {
		if (live()) return 0;
		const at = now();
		const wait = last + backgroundMs - at;
		if (wait > 0) return wait;
		const typing = lastKey + typingMs - at;
		const stale = last + maxStaleMs - at;
		return typing > 0 && stale > 0 ? Math.min(typing, stale) : 0;
	};
	const offer = () => {
		if (!pending) return;
		const wait = holdFor();
		if (wait <= 0) {
			send(pending);
			return;
		}
		// The newest figures go out when the wait is up, so the last ones are never lost.
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			timer = undefined;
			offer();
		}, wait);
		timer.unref?.();
	};

	engine.on('progress', (snapshot: QueueSnapshot) => {
		pending = snapshot;
		offer();
	});
	engine.on('file', mirror);
	engine.on('stopped', (reason: string) => {
		mirror();
		dispatch({type: 'message', text: reason, tone: 'error'});
	});
	engine.on('auth', () => {
		mirror();
		dispatch({type: 'auth-required', message: 'Downloads paused: token rejected or expired. Enter a new one to continue'});
	});
	mirror();
	return {
		keyPressed() {
			lastKey = now();
			if (pending && now() - last >= backgroundMs) send(pending);
		},
	};
}
