/**
 * Keeps the journal on disk in step with the queue: a write at most every 250 ms
 * while states change, serialised so renames never race, and an immediate flush
 * on start, idle and close. `cassi resume` relies on the journal, so a write that fails
 * is reported (onError, once) and the queue stops rather than run on unrecorded.
 */
import {readdir, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {JOURNAL_NAME, writeJournal, type Journal} from './journal.js';

export class JournalWriter {
	private timer?: NodeJS.Timeout;
	private writing: Promise<void> = Promise.resolve();
	private enabled = false;
	private lastWriteMs = 0;
	/** The first write that failed; later writes are not attempted. */
	failure?: unknown;

	constructor(
		private readonly folder: string,
		private readonly state: () => Journal,
		private readonly delayMs = 250,
		private readonly onError: (error: unknown) => void = () => undefined,
	) {}

	/** Start writing (the folder is ours: clear temp files a killed run left mid-write). */
	async open(): Promise<void> {
		this.enabled = true;
		const names = await readdir(this.folder).catch(() => [] as string[]);
		await Promise.all(
			names.filter(name => name.startsWith(`${JOURNAL_NAME}.tmp-`)).map(name => rm(join(this.folder, name), {force: true})),
		);
		await this.flush();
		if (this.failure) throw this.failure;
	}

	schedule(): void {
		if (!this.enabled || this.timer) return;
		// A queue of thousands makes a big journal: never spend more than a tenth of the time writing it.
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.flush();
		}, Math.max(this.delayMs, this.lastWriteMs * 10));
		this.timer.unref?.();
	}

	flush(): Promise<void> {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.enabled || this.failure) return this.writing;
		const started = Date.now();
		const journal = this.state();
		this.writing = this.writing
			.then(() => (this.failure ? undefined : writeJournal(this.folder, journal)))
			.catch((error: unknown) => {
				if (this.failure) return;
				this.failure = error;
				this.onError(error);
			})
			.then(() => {
				this.lastWriteMs = Date.now() - started;
			});
		return this.writing;
	}

	/** Last write, then no more. */
	async close(): Promise<void> {
		await this.flush();
		this.enabled = false;
	}
}
