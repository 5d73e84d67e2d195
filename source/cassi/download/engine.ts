/**
 * The download queue: a pool of workers over per-slot connections (connections.ts), per-file state,
 * throttled progress events, the journal and the folder lock. The work on one
 * file lives in file-job.ts; this file decides what runs when.
 */
import {EventEmitter} from 'node:events';
import {existsSync} from 'node:fs';
import {mkdir, readdir} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import type {Dispatcher} from 'undici';
import {assertTokenShape, authHeaders} from '../client.js';
import {endpoints, assertSafeForToken} from '../endpoints.js';
import {CassiError, isCassiError} from '../errors.js';
import {fileErrorReason} from '../write-atomically.js';
import {assertFreeSpace, bytesToFetch, defaultStatfs, diskError} from './disk.js';
import {ConnectionPool} from './connections.js';
import {runJob, type JobEntry} from './file-job.js';
import {journalPath, removeStaleJournalTemps, type Journal} from './journal.js';
import {JournalWriter} from './journal-writer.js';

export {itemFromRecord} from './items.js';
import {acquireLock, type FolderLock} from './lock.js';
import {foldName, localNameProblem} from './names.js';
import {parseChecksum} from './checksum.js';
import {RateMeter} from './rate.js';
import {RequestGate} from './request-gate.js';
import {resumeCommandLine} from './resume-hint.js';
import {buildManifest, buildSnapshot, fileSnapshot, type EntryView} from './report.js';
import type {AttemptOptions} from './transfer.js';
import type {DownloadItem, FileSnapshot, FileState, Manifest, QueueSnapshot, StatfsFn} from './types.js';

export interface EngineOptions {
	apiUrl: string;
	token: string;
	folder: string;
	/**
	 * At most this many files at once (`-j`). Unset: 3 big files at a time, and small ones
	 * (whose time is mostly waiting for the answer) up to MAX_IN_FLIGHT in all.
	 */
	parallel?: number;
	overwrite?: boolean;
	/** Abort a transfer that received nothing for this long (default 30 s). */
	stallMs?: number;
	/** Retries per file after the first attempt (default 5). */
	retries?: number;
	retryBaseMs?: number;
	retryMaxMs?: number;
	/** The longest Retry-After worth waiting for (default 5 min); longer fails the file. */
	maxWaitMs?: number;
	/** Shared dispatcher (tests); by default the engine picks between kept and fresh connections (connections.ts). */
	dispatcher?: Dispatcher;
	/** Keep `.cassi-journal.json` and `.cassi.lock` in the folder (default true). */
	journal?: boolean;
	now?: () => number;
	statfs?: StatfsFn;
	/** Progress events at most this often (default 100 ms). */
	progressMs?: number;
	createWriteStream?: AttemptOptions['createWriteStream'];
	/** Files at least this large are hashed on a worker thread (default 32 MiB; tests lower it). */
	hashOnWorkerFrom?: number;
	/** The files come from the embedded demo archive: `cassi resume` restarts it instead of using apiUrl. */
	demo?: boolean;
	/** The folder's lock, already held by the caller (`cassi sync` holds it from search to saved state): used, never released here. */
	heldLock?: FolderLock;
}

export interface DownloadEngineEvents {
	progress: [QueueSnapshot];
	file: [FileSnapshot];
	/** The token was refused: the whole queue is paused until setToken() and resume(). */
	auth: [FileSnapshot];
	idle: [Manifest];
	/** The queue stopped on its own (the journal cannot be written): why, in one line. */
	stopped: [string];
}

type StopReason = 'pause' | 'cancel' | 'remove' | 'close';

/** Files at once without `-j`: this many big ones... */
export const DEFAULT_PARALLEL = 3;
/** ...and small ones on top, up to this many in flight in all. */
export const MAX_IN_FLIGHT = 16;
/** Below this size a file's time is mostly the request's round trip, not its bytes. */
export const SMALL_FILE_BYTES = 2 * 1024 * 1024;
/** Folder listings up to this many names are kept to skip per-file stat calls. */
const MAX_LISTED = 100_000;

function isSmall(entry: Entry): boolean {
	return entry.item.size !== undefined && entry.item.size < SMALL_FILE_BYTES;
}

interface Entry extends JobEntry, EntryView {
	controller?: AbortController;
	stop?: StopReason;
	meter: RateMeter;
	/** When the name is unusable: the file can never run. */
	invalid?: string;
	startedAt?: number;
	seconds: number;
}

export class DownloadEngine extends EventEmitter<DownloadEngineEvents> {
	readonly folder: string;
	private token: string;
	private readonly endpoint: URL;
	private readonly apiUrl: string;
	/** Files in flight at most, and big files in flight at most. */
	private readonly maxInFlight: number;
	private readonly bigSlots: number;
	private readonly gate: RequestGate;
	private readonly dispatcher?: Dispatcher;
	private readonly connections?: ConnectionPool;
	private readonly entries = new Map<string, Entry>();
	private starting?: Promise<void>;
	private journalOpened = false;
	/** Products not downloaded because another of the same name was (see sameName). */
	private readonly superseded: Array<{name: string; message: string}> = [];
	private readonly now: () => number;
	private active = 0;
	private activeBig = 0;
	private paused = false;
	private authPaused = false;
	private started = false;
	private closed = false;
	private closing?: Promise<void>;
	private startedAt = 0;
	private lock?: FolderLock;
	private idleWaiters: Array<(manifest: Manifest) => void> = [];
	private ticker?: NodeJS.Timeout;
	private dirty = false;
	private readonly journal: JournalWriter;
	/** The folder's names when the queue started, when there were not too many. */
	private present?: Set<string>;

	constructor(private readonly options: EngineOptions) {
		super();
		this.endpoint = endpoints(options.apiUrl).download;
		assertSafeForToken(this.endpoint);
		assertTokenShape(options.token);
		this.apiUrl = options.apiUrl;
		this.token = options.token;
		this.folder = resolve(options.folder);
		const given = options.parallel === undefined ? undefined : Math.max(1, Math.floor(options.parallel));
		this.maxInFlight = given ?? MAX_IN_FLIGHT;
		this.bigSlots = given ?? DEFAULT_PARALLEL;
		this.gate = new RequestGate(this.maxInFlight, given);
		this.now = options.now ?? Date.now;
		this.dispatcher = options.dispatcher;
		if (!options.dispatcher) this.connections = new ConnectionPool(this.endpoint.origin, this.maxInFlight);
		this.journal = new JournalWriter(this.folder, () => this.journalState(), undefined, error => this.journalFailed(error));
	}

	setToken(token: string): void {
		assertTokenShape(token);
		this.token = token;
	}

	/** Queue files. Unusable names fail at once with their reason; the rest of the queue goes on. */
	add(items: DownloadItem[]): void {
		const added: Entry[] = [];
		for (const item of items) {
			const existing = this.entries.get(item.name);
			if (existing && item.productUrl && existing.item.productUrl && item.productUrl !== existing.item.productUrl) {
				this.sameName(existing, item);
				continue;
			}
			if (existing) {
				if (!existing.invalid && (existing.state === 'failed' || existing.state === 'cancelled')) this.requeue(existing);
				continue;
			}
			const entry: Entry = {
				item: {...item},
				name: item.name,
				state: 'queued',
				bytes: 0,
				total: item.size,
				attempts: 0,
				verifyRetried: false,
				overwriteDone: false,
				restoredDone: false,
				transferred: 0,
				meter: new RateMeter(),
				seconds: 0,
			};
			const problem = localNameProblem(item.name) ?? this.collision(item.name);
			entry.path = problem ? null : join(this.folder, item.name);
			const algorithm = parseChecksum(item.checksum)?.algorithm;
			if (algorithm) entry.algorithm = algorithm === 'md5' ? 'MD5' : 'SHA-256';
			if (problem) {
				entry.invalid = problem;
				entry.state = 'failed';
				entry.message = problem;
			} else if (!item.productUrl) {
				entry.state = 'failed';
				entry.message = 'the record has no download URL (distribution.url.mast is missing)';
			}
			this.entries.set(item.name, entry);
			added.push(entry);
		}
		for (const entry of added) this.emit('file', fileSnapshot(entry));
		this.changed();
		if (this.started && !this.closed) {
			void this.checkSpace(added.filter(entry => entry.state === 'queued'))
				.then(() => this.pump())
				.catch((error: unknown) => {
					for (const entry of added) if (entry.state === 'queued') this.finish(entry, 'failed', (error as Error).message);
				});
		}
	}

	/**
	 * Two different products under one file name: only one can be the file. The newer ingest wins
	 * (the one queued first keeps its place once it has started); the other is reported SKIPPED.
	 */
	private sameName(existing: Entry, item: DownloadItem): void {
		const untouched = existing.state === 'queued' && existing.attempts === 0 && !existing.controller;
		const newer = (item.ingest ?? '') > (existing.item.ingest ?? '');
		const [kept, dropped] = newer && untouched ? [item, existing.item] : [existing.item, item];
		if (kept === item) {
			existing.item = {...item};
			existing.total = item.size;
		}
		const why = newer && !untouched ? 'the other had already started' : 'it was ingested later';
		const message = `another product with this name (${describe(kept)}) is downloaded instead, as ${why}; this one is ${describe(dropped)}`;
		this.superseded.push({name: dropped.name, message});
		this.emit('file', {name: dropped.name, state: 'skipped', bytes: 0, rate: 0, attempts: 0, message, ...(dropped.fileType ? {fileType: dropped.fileType} : {})});
	}

	/** Mark journal items an earlier run finished, so they are skipped without re-hashing. */
	markRestoredDone(name: string): void {
		const entry = this.entries.get(name);
		if (entry) entry.restoredDone = true;
	}

	/** The part on disk is of an older copy of the file: drop it (with the folder held) and fetch the file whole. */
	startAfresh(name: string): void {
		const entry = this.entries.get(name);
		if (entry) entry.startAfresh = true;
	}

	/** Restore the ETag an earlier run saw, for If-Range. */
	restoreEtag(name: string, etag: string | undefined): void {
		const entry = this.entries.get(name);
		if (entry && etag) entry.etag = etag;
	}

	/** Take the folder, check the free space, and set the workers going. Throws a CassiError when it cannot. */
	start(): Promise<void> {
		if (this.started) return Promise.resolve();
		// A close() arriving mid-start waits for it, so the journal it wrote is the closing state.
		this.starting ??= this.startOnce().finally(() => {
			this.starting = undefined;
		});
		return this.starting;
	}

	/** True when the folder has a journal (this queue's, or the one it was restored from): `cassi resume` has something to continue. */
	hasJournal(): boolean {
		return this.journalOpened || existsSync(journalPath(this.folder));
	}

	private async startOnce(): Promise<void> {
		if (this.closed) throw new CassiError('usage', 'this download queue was closed');
		try {
			await mkdir(this.folder, {recursive: true});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
				throw new CassiError('disk', `${this.folder} is a file, not a folder: choose another with --folder`);
			}
			throw diskError(error, this.folder) ?? new CassiError('disk', `cannot create the folder ${this.folder}: ${fileErrorReason(error)}`);
		}
		if (this.options.journal !== false) {
			const held = this.options.heldLock;
			this.lock = held ? {...held, release: async () => {}} : await acquireLock(this.folder, this.now);
			await removeStaleJournalTemps(this.folder);
		}
		await this.listFolder();
		try {
			await this.checkSpace([...this.entries.values()].filter(entry => entry.state === 'queued'));
		} catch (error) {
			await this.lock?.release();
			this.lock = undefined;
			throw error;
		}
		this.started = true;
		this.startedAt = this.now();
		// On disk before the first byte moves, so even a SIGKILL leaves something to resume.
		if (this.lock) {
			try {
				await this.journal.open();
				this.journalOpened = true;
			} catch (error) {
				this.started = false;
				await this.lock.release();
				this.lock = undefined;
				throw this.journalError(error);
			}
		}
		this.pump();
	}

	pause(name?: string): void {
		if (name === undefined) {
			this.paused = true;
			for (const entry of this.entries.values()) if (entry.controller) this.stopEntry(entry, 'pause');
			this.changed();
			return;
		}
		const entry = this.entries.get(name);
		if (!entry) return;
		if (entry.controller) this.stopEntry(entry, 'pause');
		else if (entry.state === 'queued') this.setState(entry, 'paused', 'paused');
	}

	resume(name?: string): void {
		if (name === undefined) {
			this.paused = false;
			this.authPaused = false;
			for (const entry of this.entries.values()) if (entry.state === 'paused') this.requeue(entry);
		} else {
			const entry = this.entries.get(name);
			const stopped = entry?.state === 'paused' || entry?.state === 'cancelled' || (entry?.state === 'failed' && entry.item.productUrl);
			if (entry && !entry.invalid && stopped) this.requeue(entry);
		}
		this.changed();
		this.pump();
	}

	cancel(name?: string): void {
		const targets = name === undefined ? [...this.entries.values()] : [this.entries.get(name)].filter(Boolean) as Entry[];
		for (const entry of targets) {
			if (entry.controller) this.stopEntry(entry, 'cancel');
			else if (entry.state === 'queued' || entry.state === 'paused') this.finish(entry, 'cancelled', 'cancelled (partial file kept for resume)');
		}
	}

	retryFailed(): void {
		for (const entry of this.entries.values()) {
			if (entry.state === 'failed' && !entry.invalid && entry.item.productUrl) this.requeue(entry);
		}
		this.pump();
	}

	remove(name: string): void {
		const entry = this.entries.get(name);
		if (!entry) return;
		if (entry.controller) this.stopEntry(entry, 'remove');
		else this.entries.delete(name);
		this.changed();
		this.checkIdle();
	}

	snapshot(): QueueSnapshot {
		return buildSnapshot([...this.entries.values()], this.paused, this.now());
	}

	manifest(): Manifest {
		const manifest = buildManifest([...this.entries.values()], this.folder, this.started ? (this.now() - this.startedAt) / 1000 : 0);
		for (const {name, message} of this.superseded) {
			manifest.files.push({name, path: null, status: 'SKIPPED', bytes: 0, seconds: 0, message});
			manifest.totals.files++;
			manifest.totals.skipped++;
		}
		return manifest;
	}

	/** Resolves with the manifest once nothing runs and nothing runnable waits (a paused queue counts as idle). */
	whenIdle(): Promise<Manifest> {
		if (this.closing) return this.closing.then(() => this.manifest());
		return new Promise(resolve => {
			this.idleWaiters.push(resolve);
			this.checkIdle();
		});
	}

	/** Stop everything, keep parts resumable, flush the journal, release the lock. Safe to call twice. */
	close(): Promise<void> {
		this.closing ??= this.shutDown();
		return this.closing;
	}

	private async shutDown(): Promise<void> {
		this.closed = true;
		await this.starting?.catch(() => undefined);
		for (const entry of this.entries.values()) if (entry.controller) this.stopEntry(entry, 'close');
		await waitForActive(() => this.active === 0);
		clearInterval(this.ticker);
		this.ticker = undefined;
		await this.journal.close();
		await this.lock?.release();
		this.lock = undefined;
		await this.connections?.close();
		const manifest = this.manifest();
		for (const resolve of this.idleWaiters.splice(0)) resolve(manifest);
	}

	// ---- internals ----

	private collision(name: string): string | undefined {
		const folded = foldName(name);
		for (const other of this.entries.values()) {
			if (!other.invalid && other.name !== name && foldName(other.name) === folded) {
				return `another file in the queue ("${other.name}") differs only in letter case; on a case-insensitive disk one would overwrite the other`;
			}
		}
		return undefined;
	}

	/** What is in the folder as the queue starts (the lock is held: only this queue writes there now). */
	private async listFolder(): Promise<void> {
		const names = await readdir(this.folder).catch(() => undefined);
		// A folder of very many files: the per-file stat calls cost less than holding the listing.
		this.present = names && names.length <= MAX_LISTED ? new Set(names) : undefined;
	}

	private absentAtStart(name: string): boolean {
		return this.present !== undefined && !this.present.has(name) && !this.present.has(`${name}.part`);
	}

	private async checkSpace(entries: Entry[]): Promise<void> {
		const needed = await bytesToFetch(
			this.folder,
			entries.map(entry => ({name: entry.name, size: entry.item.size})),
			Boolean(this.options.overwrite),
		);
		await assertFreeSpace(this.folder, needed, this.options.statfs ?? defaultStatfs);
	}

	private requeue(entry: Entry): void {
		entry.attempts = 0;
		entry.verifyRetried = false;
		entry.stop = undefined;
		this.setState(entry, 'queued', undefined);
	}

	private stopEntry(entry: Entry, reason: StopReason): void {
		entry.stop = reason;
		entry.controller?.abort(new CassiError('aborted', reason));
	}

	private setState(entry: Entry, state: FileState, message?: string): void {
		const changed = entry.state !== state || entry.message !== message;
		entry.state = state;
		entry.message = message;
		if (state !== 'downloading') entry.meter.reset();
		if (changed) {
			this.emit('file', fileSnapshot(entry, this.now()));
			this.journal.schedule();
		}
		this.changed();
	}

	private finish(entry: Entry, state: FileState, message?: string): void {
		this.setState(entry, state, message);
		this.checkIdle();
	}

	private changed(): void {
		this.dirty = true;
		if (this.ticker || this.closed) return;
		const interval = this.options.progressMs ?? 100;
		this.ticker = setInterval(() => this.tick(), interval);
		this.ticker.unref?.();
	}

	private tick(): void {
		const at = this.now();
		for (const entry of this.entries.values()) if (entry.controller) entry.meter.sample(at, entry.bytes);
		// While files run, keep reporting: a stalled transfer's rate must be seen falling.
		if (this.dirty || this.active > 0) {
			this.dirty = false;
			this.emit('progress', this.snapshot());
		} else if (this.active === 0) {
			clearInterval(this.ticker);
			this.ticker = undefined;
		}
	}

	private pump(): void {
		if (!this.started || this.closed || this.paused || this.stoppedBy) return;
		for (const entry of this.entries.values()) {
			if (this.active >= this.maxInFlight) break;
			if (entry.state !== 'queued') continue;
			if (!isSmall(entry) && this.activeBig >= this.bigSlots) continue;
			void this.run(entry);
		}
		this.checkIdle();
	}

	private async run(entry: Entry): Promise<void> {
		this.active++;
		const big = !isSmall(entry);
		if (big) this.activeBig++;
		const controller = new AbortController();
		entry.controller = controller;
		entry.stop = undefined;
		entry.startedAt = this.now();
		entry.meter.reset();
		this.setState(entry, 'downloading');
		let state: FileState;
		let message: string | undefined;
		try {
			const outcome = await runJob(entry, this.jobContext(entry), controller.signal);
			state = outcome.state;
			message = outcome.message || undefined;
		} catch (error) {
			[state, message] = this.classify(entry, error, controller.signal.aborted);
		}
		entry.controller = undefined;
		entry.seconds += (this.now() - (entry.startedAt ?? this.now())) / 1000;
		this.active--;
		if (big) this.activeBig--;
		if (entry.stop === 'remove') {
			this.entries.delete(entry.name);
			this.emit('file', fileSnapshot({...entry, state: 'cancelled', message: 'removed'}));
		} else {
			this.setState(entry, state, message);
		}
		this.pump();
		this.checkIdle();
	}

	private classify(entry: Entry, error: unknown, aborted: boolean): [FileState, string | undefined] {
		if (aborted && entry.stop) {
			if (entry.stop === 'cancel') return ['cancelled', 'cancelled (partial file kept for resume)'];
			if (entry.stop === 'close') return ['queued', 'interrupted (partial file kept for resume)'];
			return ['paused', 'paused'];
		}
		if (isCassiError(error) && error.kind === 'auth') {
			// Several workers may meet the same expired token: ask for a new one once.
			if (!this.authPaused) {
				const snapshot = {...fileSnapshot(entry), state: 'paused' as const, message: error.message};
				queueMicrotask(() => this.emit('auth', snapshot));
			}
			this.paused = true;
			this.authPaused = true;
			return ['paused', error.message];
		}
		const message = error instanceof Error ? error.message : String(error);
		return ['failed', message];
	}

	private jobContext(entry: Entry) {
		return {
			endpoint: this.endpoint,
			headers: () => authHeaders(this.token),
			dispatcher: this.dispatcher,
			lease: this.connections ? () => this.connections!.lease() : undefined,
			absentAtStart: (name: string) => this.absentAtStart(name),
			folder: this.folder,
			overwrite: Boolean(this.options.overwrite),
			stallMs: this.options.stallMs ?? 30_000,
			retries: this.options.retries ?? 5,
			baseMs: this.options.retryBaseMs ?? 500,
			maxMs: this.options.retryMaxMs ?? 30_000,
			maxWaitMs: this.options.maxWaitMs ?? 300_000,
			now: this.now,
			createWriteStream: this.options.createWriteStream,
			requestTurn: (signal: AbortSignal) => this.gate.enter(signal),
			hashOnWorkerFrom: this.options.hashOnWorkerFrom,
			setState: (state: FileState, message?: string) => this.setState(entry, state, message),
			changed: () => this.changed(),
		};
	}

	private checkIdle(): void {
		if (!this.started || this.closed || this.active > 0 || this.idleWaiters.length === 0) return;
		const runnable = !this.paused && [...this.entries.values()].some(entry => entry.state === 'queued');
		if (runnable) return;
		const manifest = this.manifest();
		this.emit('progress', this.snapshot());
		this.emit('idle', manifest);
		// Resolve once the journal on disk says the same (no temp file left in flight).
		const waiters = this.idleWaiters.splice(0);
		void this.journal.flush().then(() => {
			for (const resolve of waiters) resolve(manifest);
		});
	}

	/** Set when the journal could not be written: the queue was stopped, and this says why. */
	stoppedBy?: CassiError;

	private journalError(error: unknown): CassiError {
		const reason = diskError(error, journalPath(this.folder))?.message ?? `cannot write ${journalPath(this.folder)}: ${fileErrorReason(error)}`;
		return new CassiError('disk', `the download journal cannot be written (${reason}): downloads stopped, partial files kept; fix the folder, then run \`${this.resumeCommand()}\``);
	}

	/** Without a journal `cassi resume` could not continue: stop rather than run on unrecorded. */
	private journalFailed(error: unknown): void {
		if (!this.started || this.stoppedBy) return;
		this.stoppedBy = this.journalError(error);
		this.pause();
		this.emit('stopped', this.stoppedBy.message);
		this.checkIdle();
	}

	/** The exact command that continues this folder's queue (with `--api-url` when a bare one would not do). */
	resumeCommand(): string {
		return resumeCommandLine(this.folder, this.apiUrl, Boolean(this.options.demo));
	}

	private journalState(): Journal {
		return {
			version: 1,
			apiUrl: this.apiUrl,
			...(this.options.demo ? {demo: true} : {}),
			updatedAt: new Date(this.now()).toISOString(),
			items: [...this.entries.values()].map(entry => ({
				...entry.item,
				state: entry.state,
				bytes: entry.bytes,
				etag: entry.etag,
				message: entry.message,
				attempts: entry.attempts,
			})),
			manifest: this.manifest(),
		};
	}
}

function describe(item: DownloadItem): string {
	const parts = [item.fileType, item.ingest ? `ingested ${item.ingest}` : undefined, item.productUrl].filter(Boolean);
	return parts.join(', ');
}

async function waitForActive(done: () => boolean): Promise<void> {
	while (!done()) await new Promise(resolve => setTimeout(resolve, 10));
}
