/**
 * The checksum of a file as it streams. MD5 runs at ~0.8 GB/s, as fast as a fast link delivers:
 * hashed on the thread that also receives and writes, it doubles the time per byte. So a large
 * file's bytes go, in 1 MiB batches, to one worker thread that hashes while the main thread goes on
 * receiving; small files are hashed in place (a worker round trip would cost them more than the hash).
 * Both kinds continue across attempts, so a resumed transfer hashes only the new bytes.
 */
import {createHash, type Hash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {Worker} from 'node:worker_threads';
import {CassiError} from '../errors.js';
import type {ChecksumAlgorithm, ExpectedChecksum} from './checksum.js';

export interface StreamHash {
	update(chunk: Uint8Array): void;
	/** False once it cannot give a digest (its thread stopped): start a new one. */
	usable(): boolean;
	/** Settles once the hash has room for more; undefined when it has room now. */
	room(): Promise<void> | undefined;
	/** Lower-case hex of everything given to `update`. */
	digest(): Promise<string>;
}

/** Files at least this large are hashed on the worker thread. */
const HASH_ON_WORKER_FROM = 32 * 1024 * 1024;
const BATCH = 1 << 20;
/** Batches given to the worker and not yet hashed, per file: the memory a slow hash may hold. */
const MAX_QUEUED = 8;

class InlineHash implements StreamHash {
	private readonly hash: Hash;

	constructor(algorithm: ChecksumAlgorithm) {
		this.hash = createHash(algorithm);
	}

	update(chunk: Uint8Array): void {
		this.hash.update(chunk);
	}

	usable(): boolean {
		return true;
	}

	room(): undefined {
		return undefined;
	}

	async digest(): Promise<string> {
		return this.hash.digest('hex');
	}
}

// CommonJS source for an eval'd worker: no file to find next to the compiled module (or the test's TS source).
const WORKER_SOURCE = `
const {parentPort} = require('node:worker_threads');
const {createHash} = require('node:crypto');
const open = new Map();
parentPort.on('message', ({id, algorithm, buffer, length, done, drop}) => {
	if (drop) {
		open.delete(id);
		return;
	}
	let hash = open.get(id);
	if (!hash) open.set(id, (hash = createHash(algorithm)));
	if (buffer) {
		hash.update(new Uint8Array(buffer, 0, length));
		parentPort.postMessage({id, buffer}, [buffer]);
	}
	if (done) {
		open.delete(id);
		parentPort.postMessage({id, hex: hash.digest('hex')});
	}
});
`;

interface Reply {
	id: number;
	buffer?: ArrayBuffer;
	hex?: string;
}

/**
 * The one hashing thread, started on first use; it keeps the process alive only while it owes an
 * answer. A hash is in `owing` only while an answer is owed to it, so one a failed or stopped
 * transfer drops is collected with its batch, and the thread is told to drop its state.
 */
class HashThread {
	private worker?: Worker;
	/** Which worker holds a hash's state: a hash begun on a thread that stopped cannot go on. */
	generation = 0;
	private readonly owing = new Map<number, WorkerHash>();
	private readonly dropped = new FinalizationRegistry<number>(id => this.worker?.postMessage({id, drop: true}));
	private readonly spare: ArrayBuffer[] = [];
	private nextId = 1;
	private owed = 0;

	open(algorithm: ChecksumAlgorithm): WorkerHash {
		const hash = new WorkerHash(this, this.nextId++, algorithm, this.generation);
		this.dropped.register(hash, hash.id);
		return hash;
	}

	buffer(): ArrayBuffer {
		return this.spare.pop() ?? new ArrayBuffer(BATCH);
	}

	send(hash: WorkerHash, message: {id: number; algorithm: ChecksumAlgorithm; buffer?: ArrayBuffer; length?: number; done?: boolean}): void {
		const worker = this.start();
		this.owing.set(hash.id, hash);
		if (this.owed === 0) worker.ref();
		this.owed += (message.buffer ? 1 : 0) + (message.done ? 1 : 0);
		worker.postMessage(message, message.buffer ? [message.buffer] : []);
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(WORKER_SOURCE, {eval: true});
		worker.unref();
		worker.on('message', (reply: Reply) => {
			if (--this.owed === 0) worker.unref();
			const hash = this.owing.get(reply.id);
			if (reply.buffer && this.spare.length < MAX_QUEUED) this.spare.push(reply.buffer);
			hash?.answered(reply);
			if (hash && !hash.owed()) this.owing.delete(reply.id);
		});
		worker.on('error', error => this.lost(worker, error));
		worker.on('exit', code => this.lost(worker, new Error(`exit code ${code}`)));
		this.worker = worker;
		return worker;
	}

	private lost(worker: Worker, error: Error): void {
		if (this.worker !== worker) return;
		this.worker = undefined;
		this.generation++;
		this.owed = 0;
		const stopped = new CassiError('download', `the hashing thread stopped (${error.message})`, {retryable: true});
		for (const hash of this.owing.values()) hash.failed(stopped);
		this.owing.clear();
	}
}

let thread: HashThread | undefined;

class WorkerHash implements StreamHash {
	private batch: Uint8Array;
	private fill = 0;
	private queued = 0;
	private waiting: Array<{resolve(): void; reject(error: Error): void}> = [];
	private result?: {resolve(hex: string): void; reject(error: Error): void};
	private error?: Error;

	constructor(
		private readonly owner: HashThread,
		readonly id: number,
		private readonly algorithm: ChecksumAlgorithm,
		private readonly generation: number,
	) {
		this.batch = new Uint8Array(owner.buffer());
	}

	usable(): boolean {
		return !this.error && this.generation === this.owner.generation;
	}

	/** Whether an answer from the thread is still to come. */
	owed(): boolean {
		return this.queued > 0 || this.result !== undefined;
	}

	update(chunk: Uint8Array): void {
		if (this.error) return; // digest() reports it
		for (let offset = 0; offset < chunk.length; ) {
			const take = Math.min(chunk.length - offset, BATCH - this.fill);
			this.batch.set(chunk.subarray(offset, offset + take), this.fill);
			this.fill += take;
			offset += take;
			if (this.fill === BATCH) this.post(false);
		}
	}

	room(): Promise<void> | undefined {
		if (this.error) return Promise.reject(this.error);
		if (this.queued < MAX_QUEUED) return undefined;
		return new Promise((resolve, reject) => this.waiting.push({resolve, reject}));
	}

	digest(): Promise<string> {
		if (this.error) return Promise.reject(this.error);
		return new Promise((resolve, reject) => {
			this.result = {resolve, reject};
			this.post(true);
		});
	}

	answered(reply: Reply): void {
		if (reply.buffer) {
			this.queued--;
			if (this.queued < MAX_QUEUED) for (const waiter of this.waiting.splice(0)) waiter.resolve();
		}
		if (reply.hex !== undefined) {
			this.result?.resolve(reply.hex);
			this.result = undefined;
		}
	}

	failed(error: Error): void {
		this.error = error;
		for (const waiter of this.waiting.splice(0)) waiter.reject(error);
		this.result?.reject(error);
		this.result = undefined;
	}

	private post(done: boolean): void {
		if (this.generation !== this.owner.generation) {
			this.failed(new CassiError('download', 'the hashing thread stopped', {retryable: true}));
			return;
		}
		const buffer = this.fill > 0 ? (this.batch.buffer as ArrayBuffer) : undefined;
		if (buffer) this.queued++;
		this.owner.send(this, {id: this.id, algorithm: this.algorithm, buffer, length: this.fill, done});
		if (buffer && !done) this.batch = new Uint8Array(this.owner.buffer());
		this.fill = 0;
	}
}

/** A hash for a file of `size` bytes (undefined: not known yet), or none when there is no checksum to check. */
export function newStreamHash(
	expected: ExpectedChecksum | undefined,
	size: number | undefined,
	onWorkerFrom = HASH_ON_WORKER_FROM,
): StreamHash | undefined {
	if (!expected) return undefined;
	if (size === undefined || size < onWorkerFrom) return new InlineHash(expected.algorithm);
	thread ??= new HashThread();
	return thread.open(expected.algorithm);
}

/** Feed the first `length` bytes of `path` into `hash`, streamed (memory stays flat). */
export async function hashPrefix(path: string, length: number, hash: StreamHash, signal?: AbortSignal): Promise<void> {
	if (length <= 0) return;
	const stream = createReadStream(path, {start: 0, end: length - 1, highWaterMark: BATCH, signal});
	for await (const chunk of stream) {
		hash.update(chunk as Buffer);
		await hash.room();
	}
}
