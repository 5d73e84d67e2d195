/**
 * `cassi ... --download` and `cassi resume` without the TUI: progress lines on a
 * terminal (one per active file plus totals, redrawn a few times a second), one
 * line per finished file otherwise, a summary, and the exit code.
 */
import {CassiClient, NO_TOKEN_MESSAGE} from '../cassi/client.js';
import {CassiError, EXIT} from '../cassi/errors.js';
import {sanitizeDeep} from '../cassi/sanitize.js';
import {writeAtomically, fileErrorReason} from '../cassi/write-atomically.js';
import type {CassiRecord} from '../cassi/types.js';
import {DownloadEngine, itemFromRecord, type EngineOptions} from '../cassi/download/engine.js';
import {formatFinishedLine, formatSummary, formatTotalsLine, formatTransferLine, shortenMiddle} from './progress-line.js';
import type {Journal} from '../cassi/download/journal.js';
import {resumeFromJournal, trustJournal} from '../cassi/download/resume.js';
import type {FileSnapshot, Manifest, QueueSnapshot} from '../cassi/download/types.js';

interface Output {
	write(text: string): unknown;
}

export interface HeadlessOutputOptions {
	quiet?: boolean;
	manifestPath?: string;
	json?: boolean;
	stdout: Output;
	/** Progress, per-file lines and the summary go here. */
	stderr: Output;
	/** Whether `stderr` is a terminal (redraw in place) or not (one line per finished file). */
	isTTY: boolean;
	columns: number;
	/** Aborted on SIGINT/SIGTERM/SIGHUP: stop, keep parts resumable, flush the journal. */
	signal?: AbortSignal;
	/** Tests: engine knobs (stallMs, retries, statfs, ...). */
	engine?: Partial<EngineOptions>;
}

export interface HeadlessDownloadOptions extends HeadlessOutputOptions {
	records: CassiRecord[];
	apiUrl: string;
	token: string;
	folder: string;
	parallel?: number;
	overwrite?: boolean;
	/** An earlier run's journal (`cassi sync`): files it finished, unchanged since, are not checked again. */
	trusted?: Journal;
}

export interface ResumeOptions extends HeadlessOutputOptions {
	folder: string;
	apiUrl: string;
	token?: string;
	parallel?: number;
}

const ACTIVE = new Set(['downloading', 'retrying', 'verifying']);
const FINISHED = new Set(['done', 'skipped', 'failed', 'cancelled']);
const REDRAW_MS = 250;
/** Transfer lines shown at once; more would scroll a small terminal on every redraw. */
const MAX_LINES = 12;

/** The in-place block of progress lines on a terminal. */
class Display {
	private drawn = 0;
	private last?: QueueSnapshot;
	private lastDraw = 0;

	constructor(private readonly options: HeadlessOutputOptions) {}

	file(file: FileSnapshot): void {
		if (this.options.quiet || !FINISHED.has(file.state)) return;
		if (!this.options.isTTY) {
			this.options.stderr.write(`${formatFinishedLine(file)}\n`);
			return;
		}
		this.erase();
		this.options.stderr.write(`${shortenMiddle(formatFinishedLine(file), Math.max(20, this.options.columns) - 1)}\x1b[K\n`);
		if (this.last) this.draw(this.last);
	}

	progress(snapshot: QueueSnapshot): void {
		this.last = snapshot;
		if (this.options.quiet || !this.options.isTTY) return;
		const now = Date.now();
		if (now - this.lastDraw < REDRAW_MS) return;
		this.lastDraw = now;
		this.erase();
		this.draw(snapshot);
	}

	finish(): void {
		if (this.options.isTTY) this.erase();
	}

	private draw(snapshot: QueueSnapshot): void {
		const width = Math.max(20, this.options.columns);
		const active = snapshot.files.filter(file => ACTIVE.has(file.state));
		const lines = active.slice(0, MAX_LINES).map(file => formatTransferLine(file, width));
		if (active.length > MAX_LINES) lines.push(shortenMiddle(`… and ${active.length - MAX_LINES} more`, width - 1));
		lines.push(formatTotalsLine(snapshot, width));
		this.options.stderr.write(lines.map(line => `\r${line}\x1b[K\n`).join(''));
		this.drawn = lines.length;
	}

	private erase(): void {
		if (this.drawn === 0) return;
		this.options.stderr.write(`\x1b[${this.drawn}A\r\x1b[J`);
		this.drawn = 0;
	}
}

async function drive(engine: DownloadEngine, options: HeadlessOutputOptions): Promise<number> {
	const display = new Display(options);
	let authRejected = false;
	let interrupted = false;
	engine.on('file', file => display.file(file));
	engine.on('progress', snapshot => display.progress(snapshot));
	engine.on('auth', () => {
		// Nobody to ask for a new token here: let the running files end, then stop.
		authRejected = true;
	});
	const onAbort = () => {
		interrupted = true;
		void engine.close();
	};
	options.signal?.addEventListener('abort', onAbort, {once: true});
	try {
		if (options.signal?.aborted) onAbort();
		else {
			try {
				await engine.start();
			} catch (error) {
				await engine.close();
				throw error;
			}
		}
		await engine.whenIdle();
		await engine.close();
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
		display.finish();
	}
	const manifest = engine.manifest();
	const manifestWritten = await report(manifest, options);
	if (interrupted) {
		options.stderr.write(`interrupted: run \`${engine.resumeCommand()}\` to continue\n`);
		return EXIT.interrupted;
	}
	if (engine.stoppedBy) {
		options.stderr.write(`${engine.stoppedBy.message}\n`);
		return EXIT.failed;
	}
	if (authRejected) {
		options.stderr.write(`${NO_TOKEN_REJECTED}\n`);
		return EXIT.auth;
	}
	// A --manifest a script asked for and cannot read is a failure too.
	return manifest.totals.failed === 0 && manifest.totals.incomplete === 0 && manifestWritten ? EXIT.ok : EXIT.failed;
}

const NO_TOKEN_REJECTED = 'the token was rejected or has expired: run `cassi login` with a new one, then `cassi resume` to continue';

/** Prints the summary (and JSON) and writes --manifest; false when the manifest could not be written. */
async function report(raw: Manifest, options: HeadlessOutputOptions): Promise<boolean> {
	// A refused name is the service's raw one, and JSON escapes C0 but not C1 (U+0080–U+009F),
	// which some terminals obey: what is printed or written for people is cleaned.
	const manifest = sanitizeDeep(raw);
	let written = true;
	if (options.manifestPath) {
		try {
			await writeAtomically(options.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
		} catch (error) {
			written = false;
			options.stderr.write(`could not write the manifest ${options.manifestPath}: ${fileErrorReason(error)}\n`);
		}
	}
	options.stderr.write(formatSummary(manifest));
	if (options.json) options.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
	return written;
}

/** Download every record into `folder`; resolves with the exit code (0 only if all complete or rightly skipped). */
export async function runHeadlessDownload(options: HeadlessDownloadOptions): Promise<number> {
	if (options.records.length === 0) {
		options.stderr.write('nothing to download: the query matched no files\n');
		if (options.json) options.stdout.write(`${JSON.stringify({folder: options.folder, files: [], totals: {files: 0, complete: 0, skipped: 0, failed: 0, incomplete: 0, bytes: 0, seconds: 0}}, null, 2)}\n`);
		return EXIT.ok;
	}
	const engine = new DownloadEngine({
		...options.engine,
		apiUrl: options.apiUrl,
		token: options.token,
		folder: options.folder,
		parallel: options.parallel,
		overwrite: options.overwrite,
	});
	const items = options.records.map(itemFromRecord);
	engine.add(items);
	if (options.trusted) trustJournal(engine, options.trusted, items);
	return drive(engine, options);
}

/** `cassi resume [FOLDER]`: continue what the folder's journal says is left. */
export async function runResume(options: ResumeOptions): Promise<number> {
	if (!options.token) throw new CassiError('auth', NO_TOKEN_MESSAGE);
	const client = new CassiClient({apiUrl: options.apiUrl, token: options.token});
	const {engine} = await resumeFromJournal(
		options.folder,
		{
			...options.engine,
			apiUrl: options.apiUrl,
			token: options.token,
			parallel: options.parallel,
		},
		{
			lookup: async names => (await client.search({fileNames: names.join(','), limit: Math.min(50_000, names.length * 10)}, {signal: options.signal})).records,
			note: line => options.stderr.write(`${line}\n`),
		},
	);
	return drive(engine, options);
}
