/**
 * Keeps the journal on disk in step with the queue: a write at most every 250 ms
 * while states change, serialised so renames never race, and an immediate flush
 * on start, idle and close. A failing disk must not stop the downloads, so write
 * errors are swallowed (the parts on disk are what resume relies on anyway).
 */
import {readdir, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {JOURNAL_NAME, writeJournal, type Journal} from './journal.js';

export class JournalWriter {
	private timer?: NodeJS.Timeout;
	private writing: Promise<void> = Promise.resolve();
	private enabled = false;
	private lastWriteMs = 0;

	constructor(
		private readonly folder: string,
		private readonly state: () => Journal,
		private readonly delayMs = 250,
	) {}

	/** Start writing (the folder is ours: clear temp files a killed run left mid-write). */
	async open(): Promise<void> {
		this.enabled = true;
		const names = await readdir(this.folder).catch(() => [] as string[]);
		await Promise.all(
			names.filter(name => name.startsWith(`${JOURNAL_NAME}.tmp-`)).map(name => rm(join(this.folder, name), {force: true})),
		);
		await this.flush();
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
		if (!this.enabled) return this.writing;
		const started = Date.now();
		const journal = this.state();
		this.writing = this.writing
			.then(() => writeJournal(this.folder, journal))
			.catch(() => undefined)
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
