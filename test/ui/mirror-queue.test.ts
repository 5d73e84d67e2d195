import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {QueueSnapshot} from '../../source/cassi/download/types.js';
import type {Action} from '../../source/state/actions.js';
import {attachEngine} from '../../source/ui/effects/mirror-queue.js';
import type {QueueEngine} from '../../source/ui/services.js';

function snap(bytesDone: number): QueueSnapshot {
	return {files: [], totals: {bytesDone} as QueueSnapshot['totals']};
}

function setup(live: boolean) {
	vi.useFakeTimers();
	let current = snap(0);
	const engine = Object.assign(new EventEmitter(), {snapshot: () => current}) as unknown as QueueEngine;
	const actions: Action[] = [];
	const watching = {live};
	const mirror = attachEngine(engine, action => actions.push(action), {live: () => watching.live, backgroundMs: 300, typingMs: 250, maxStaleMs: 1500, now: () => Date.now()});
	const shown = () => actions.filter(action => action.type === 'queue-snapshot').map(action => (action as {snapshot: QueueSnapshot}).snapshot.totals.bytesDone);
	const tick = (bytes: number) => {
		current = snap(bytes);
		engine.emit('progress', current);
	};
	return {engine, mirror, actions, shown, tick, watching, setCurrent: (bytes: number) => (current = snap(bytes))};
}

afterEach(() => {
	vi.useRealTimers();
});

describe('attachEngine', () => {
	it('passes every progress tick through while the queue view is open', () => {
		const {shown, tick} = setup(true);
		for (let step = 1; step <= 10; step++) {
			tick(step);
			vi.advanceTimersByTime(100);
		}
		expect(shown()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('thins progress ticks elsewhere but always delivers the newest figures', () => {
		const {shown, tick} = setup(false);
		for (let step = 1; step <= 10; step++) {
			tick(step);
			vi.advanceTimersByTime(100);
		}
		expect(shown().length).toBeLessThanOrEqual(5);
		// The last held-back tick still arrives once the interval is up.
		vi.advanceTimersByTime(300);
		expect(shown().at(-1)).toBe(10);
		tick(11);
		vi.advanceTimersByTime(300);
		expect(shown().at(-1)).toBe(11);
	});

	it('sends a file state change at once, even between thinned ticks', () => {
		const {engine, shown, tick, setCurrent} = setup(false);
		tick(1);
		setCurrent(2);
		engine.emit('file', {});
		expect(shown().at(-1)).toBe(2);
	});

	it('goes back to every tick as soon as the queue view opens', () => {
		const {shown, tick, watching} = setup(false);
		tick(1);
		watching.live = true;
		tick(2);
		tick(3);
		expect(shown().slice(-2)).toEqual([2, 3]);
	});

	it('while keys are pressed, progress waits for a key and joins its frame', () => {
		const {mirror, shown, tick} = setup(false);
		vi.advanceTimersByTime(400);
		mirror.keyPressed();
		tick(1);
		vi.advanceTimersByTime(200);
		// No frame of its own while the user is typing…
		expect(shown()).toEqual([0]);
		// …the next key carries it.
		mirror.keyPressed();
		expect(shown()).toEqual([0, 1]);
	});

	it('while keys keep coming, they carry the newest figures a few times a second', () => {
		const {mirror, shown, tick} = setup(false);
		for (let step = 1; step <= 40; step++) {
			mirror.keyPressed();
			tick(step);
			vi.advanceTimersByTime(100);
		}
		expect(shown().length).toBeGreaterThan(5);
		expect(shown().length).toBeLessThan(20);
		expect(shown().at(-1)).toBeGreaterThan(35);
	});

	it('asks for the token when the engine reports a refused one', () => {
		const {engine, actions} = setup(false);
		engine.emit('auth', {});
		expect(actions.at(-1)?.type).toBe('auth-required');
	});
});
