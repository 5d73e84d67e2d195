/** Requests at once: wide while the service takes them, narrower as soon as it pushes back. */
import {describe, expect, it} from 'vitest';
import {RequestGate, type RequestTurn} from '../../source/cassi/download/request-gate.js';

/** Enter `count` times; the turns granted now, and the promises of the ones left waiting. */
async function enterMany(gate: RequestGate, count: number, signal?: AbortSignal) {
	const granted: RequestTurn[] = [];
	const waiting: Array<Promise<RequestTurn>> = [];
	for (let index = 0; index < count; index++) {
		const turn = gate.enter(signal);
		const settled = await Promise.race([turn, new Promise<undefined>(resolve => setImmediate(() => resolve(undefined)))]);
		if (settled) granted.push(settled);
		else waiting.push(turn);
	}
	return {granted, waiting};
}

const through = (turn: RequestTurn) => {
	turn.answered();
	turn.leave(false);
};
const refused = (turn: RequestTurn) => turn.leave(true);

describe('the request gate', () => {
	it('starts at 4 and doubles after each full width of answers, up to its bound', async () => {
		const gate = new RequestGate(16);
		const widths = [gate.allowed];
		for (let round = 0; round < 4; round++) {
			const {granted} = await enterMany(gate, gate.allowed);
			granted.forEach(through);
			widths.push(gate.allowed);
		}
		expect(widths).toEqual([4, 8, 16, 16, 16]);
	});

	it('starts at the width asked for (-j)', () => {
		expect(new RequestGate(8, 8).allowed).toBe(8);
		expect(new RequestGate(2, 2).allowed).toBe(2);
	});

	it('counts an answer when its headers come, not at a big file\'s last byte', async () => {
		const gate = new RequestGate(8);
		const first = await enterMany(gate, 4);
		for (const turn of first.granted) turn.answered();
		const more = await enterMany(gate, 4);
		expect(more.granted).toHaveLength(4);
	});

	it('never lets more requests out than its width; the next waits for a turn', async () => {
		const gate = new RequestGate(16);
		const {granted, waiting} = await enterMany(gate, 6);
		expect(granted).toHaveLength(4);
		expect(waiting).toHaveLength(2);
		through(granted[0]!);
		const next = await waiting[0]!;
		expect(typeof next.leave).toBe('function');
	});

	it('halves to what was in flight when the service pushed back, then tries one more only after a run through', async () => {
		const gate = new RequestGate(16);
		for (const width of [4, 8]) {
			const {granted} = await enterMany(gate, width);
			granted.forEach(through);
		}
		expect(gate.allowed).toBe(16);
		const {granted} = await enterMany(gate, 16);
		// A service that takes 3 at once: 13 are refused as they come back.
		granted.slice(3).forEach(refused);
		expect(gate.allowed).toBe(2);
		granted.slice(0, 3).forEach(through);
		expect(gate.allowed).toBe(2);
		for (let answered = 0; answered < 32; answered += 2) {
			const turns = await enterMany(gate, 2);
			turns.granted.forEach(through);
		}
		expect(gate.allowed).toBe(3);
	});

	it('a file stopped while it waits gives up its place', async () => {
		const gate = new RequestGate(1, 1);
		const controller = new AbortController();
		const {granted, waiting} = await enterMany(gate, 2, controller.signal);
		controller.abort(new Error('paused'));
		await expect(waiting[0]).rejects.toThrow('paused');
		through(granted[0]!);
		const {granted: again} = await enterMany(gate, 1);
		expect(again).toHaveLength(1);
	});
});
