/**
 * Which connections the downloads use. Normally kept-alive ones (one handshake, then reused);
 * but some servers answer a reused connection tens of milliseconds slower than a new one, and
 * with many small files that delay is most of the time. Each request slot has its own undici
 * Client (one socket), so every answer is known to have come over a new or a reused
 * connection; the time to the response headers of each kind decides whether connections are
 * kept or closed after each request. A few requests go the other way to keep both estimates
 * current, so a change either way is noticed.
 */
import type {Client, Dispatcher} from 'undici';
import {UndiciClient} from '../undici-request.js';

export type ConnectionKind = 'new' | 'reused';

/** Latest samples per kind that the decision looks at. */
const WINDOW = 8;
/** Samples of each kind before reused connections may be given up. */
const LEARN = 3;
/** One request in this many goes the other way (more often while learning). */
const EXPLORE_EVERY = 16;
const LEARN_EVERY = 4;
/** A new connection costs a handshake (more with TLS): close connections only when that clearly pays. */
const MARGIN_MS = 5;
const MARGIN_RATIO = 1.25;


/** The decision, from samples of time to headers (pure: the sockets are ConnectionPool's). */
export class ModePicker {
	private readonly samples: Record<ConnectionKind, number[]> = {new: [], reused: []};
	private picks = 0;

	/** Whether reused connections answer clearly slower than new ones, by the latest samples. */
	closeAfterEach(): boolean {
		const {new: fresh, reused} = this.samples;
		if (fresh.length < LEARN || reused.length < LEARN) return false;
		// The fastest of each: a busy machine or link only ever adds time, so the minimum is the
		// one figure that load does not move.
		return Math.min(...reused) > Math.min(...fresh) * MARGIN_RATIO + MARGIN_MS;
	}

	/** Whether this request should close its connection when done (so the next one on its slot opens a new one). */
	closeThisOne(): boolean {
		this.picks++;
		const close = this.closeAfterEach();
		const every = this.samples.new.length < LEARN || this.samples.reused.length < LEARN ? LEARN_EVERY : EXPLORE_EVERY;
		return this.picks % every === 0 ? !close : close;
	}

	record(kind: ConnectionKind, ms: number): void {
		const list = this.samples[kind];
		list.push(ms);
		if (list.length > WINDOW) list.shift();
	}
}

export interface ConnectionLease {
	dispatcher: Dispatcher;
	kind: ConnectionKind;
	/** The response headers arrived this long after the request started. */
	answered(ms: number): void;
	/** The request is over (body read or dropped): the slot may take the next one. */
	release(): void;
}

interface Slot {
	client: Client;
	/** The same client, with every request asking to close the connection afterwards. */
	closing: Dispatcher;
	busy: boolean;
}

export class ConnectionPool {
	private readonly slots: Slot[] = [];
	private readonly picker = new ModePicker();

	constructor(
		private readonly origin: string,
		private readonly size: number,
	) {}

	/** A slot for one request; the engine never has more requests in flight than `size`. */
	lease(): ConnectionLease {
		const close = this.picker.closeThisOne();
		// Keeping connections means reusing one that is open; closing them, taking one that is not
		// (a slot left open by an earlier kept request would answer this one slowly, the very cost avoided).
		const idle = this.slots.filter(slot => !slot.busy);
		const slot = idle.find(each => each.client.stats.connected !== close) ?? (this.slots.length < this.size ? this.addSlot() : idle[0] ?? this.slots[0]);
		slot.busy = true;
		const kind: ConnectionKind = slot.client.stats.connected ? 'reused' : 'new';
		let released = false;
		return {
			dispatcher: close ? slot.closing : slot.client,
			kind,
			answered: ms => this.picker.record(kind, ms),
			release: () => {
				if (released) return;
				released = true;
				slot.busy = false;
			},
		};
	}

	private addSlot(): Slot {
		const client = new UndiciClient(this.origin, {pipelining: 1});
		const slot: Slot = {
			client,
			closing: client.compose(dispatch => (options, handler) => dispatch({...options, reset: true}, handler)),
			busy: false,
		};
		this.slots.push(slot);
		return slot;
	}

	async close(): Promise<void> {
		await Promise.all(this.slots.map(slot => slot.client.close().catch(() => undefined)));
	}
}
