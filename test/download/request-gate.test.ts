/** Requests at once: wide while the service takes them, narrower as soon as it pushes back. */
import {describe, expect, it} from 'vitest';
import {RequestGate} from '../../source/cassi/download/request-gate.js';

type Leave = (pushedBack: boolean) => void;

/** Enter `count` times; the turns granted now, and the promises of the ones left waiting. */
async function enterMany(gate: RequestGate, count: number, signal?: AbortSignal) {
	const granted: Leave[] = [];
	const waiting: Array<Promise<Leave>> = [];
	for (let index = 0; index < count; index++) {
		const turn = gate.enter(signal);
		const settled = await Promise.race([turn, new Promise<undefined>(resolve => setImmediate(() => resolve(undefined)))]);
		if (settled) granted.push(settled);
		else waiting.push(turn);
	}
	return {granted, waiting};
}

describe('the request gate', () => {
	it('starts at 4 and doubles after each full width of answers, up to its bound', async () => {
		const gate = new RequestGate(16);
		const widths = [gate.allowed];
		for (let round = 0; round < 4; round++) {
			const {granted} = await enterMany(gate, gate.allowed);
			for (const leave of granted) leave(false);
			widths.push(gate.allowed);
		}
		expect(widths).toEqual([4, 8, 16, 16, 16]);
	});

	it('never lets more requests out than its width; the next waits for a turn', async () => {
		const gate = new RequestGate(16);
		const {granted, waiting} = await enterMany(gate, 6);
		expect(granted).toHaveLength(4);
		expect(waiting).toHaveLength(2);
		granted[0]!(false);
		const next = await waiting[0]!;
		expect(typeof next).toBe('function');
	});

	it('halves to what was in flight when the service pushed back, then tries one more only after a run through', async () => {
		const gate = new RequestGate(16);
		for (const width of [4, 8]) {
			const {granted} = await enterMany(gate, width);
			for (const leave of granted) leave(false);
		}
		expect(gate.allowed).toBe(16);
		const {granted} = await enterMany(gate, 16);
		// A service that takes 3 at once: 13 are refused as they come back.
		for (const leave of granted.slice(3)) leave(true);
		expect(gate.allowed).toBe(2);
		for (const leave of granted.slice(0, 3)) leave(false);
		expect(gate.allowed).toBe(2);
		for (let answered = 0; answered < 32; answered += 2) {
			const turns = await enterMany(gate, 2);
			for (const leave of turns.granted) leave(false);
		}
		expect(gate.allowed).toBe(3);
	});

	it('a file stopped while it waits gives up its place', async () => {
		const gate = new RequestGate(1);
		const controller = new AbortController();
		const {granted, waiting} = await enterMany(gate, 2, controller.signal);
		controller.abort(new Error('paused'));
		await expect(waiting[0]).rejects.toThrow('paused');
		granted[0]!(false);
		const {granted: again} = await enterMany(gate, 1);
		expect(again).toHaveLength(1);
	});
});
