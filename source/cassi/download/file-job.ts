/**
 * Everything that happens to one file: skip it when a complete copy is there,
 * otherwise download into `<name>.part` (resuming what is there), verify, and
 * only then rename to the final name. Retries go through withRetries; pause,
 * cancel and close arrive as an aborted signal.
 */
import {join} from 'node:path';
import {rename, rm, stat, truncate} from 'node:fs/promises';
import type {Dispatcher} from 'undici';
import {CassiError, isCassiError} from '../errors.js';
import {withRetries, type RetryInfo} from '../retry.js';
import {parseChecksum, type ExpectedChecksum} from './checksum.js';
import type {RequestTurn} from './request-gate.js';
import {hashPrefix, newStreamHash, type StreamHash} from './stream-hash.js';
import type {ConnectionLease} from './connections.js';
import {diskError} from './disk.js';
import {RestartFromZero, transferOnce, VerifyError, type AttemptOptions} from './transfer.js';
import type {DownloadItem, FileState} from './types.js';

export interface JobEntry {
	item: DownloadItem;
	bytes: number;
	total?: number;
	etag?: string;
	attempts: number;
	/** A checksum or size mismatch already cost one fresh download. */
	verifyRetried: boolean;
	/** `overwrite` already cleared what was there (a resumed part of this run is kept). */
	overwriteDone: boolean;
	/** The journal says an earlier run completed it: trust the size, skip the re-hash. */
	restoredDone: boolean;
	/** runJob has run for it in this queue (pause, cancel and retry keep what it left on disk). */
	ranBefore?: boolean;
	/** Bytes fetched over the network in this run. */
	transferred: number;
	/** How the finished file was checked, for the queue's detail view. */
	verified?: string;
	/** The part is of an older copy (resume found the record changed): remove it before anything else. */
	startAfresh?: boolean;
}

export interface JobContext {
	endpoint: URL;
	headers(): Record<string, string>;
	/** A fixed dispatcher (tests), or else `lease` picks the connection for each request. */
	dispatcher?: Dispatcher;
	lease?(): ConnectionLease;
	folder: string;
	overwrite: boolean;
	stallMs: number;
	retries: number;
	baseMs: number;
	maxMs: number;
	maxWaitMs: number;
	now: () => number;
	setState(state: FileState, message?: string): void;
	changed(): void;
	createWriteStream?: AttemptOptions['createWriteStream'];
	/** Waits for a request turn (see request-gate.ts). */
	requestTurn?(signal: AbortSignal): Promise<RequestTurn>;
	hashOnWorkerFrom?: number;
	/**
	 * True when neither the file nor its part was in the folder when the queue started (one listing
	 * instead of two stat calls per file: with many small files those calls are much of the time).
	 */
	absentAtStart?(name: string): boolean;
}

export interface JobOutcome {
	state: 'done' | 'skipped';
	message: string;
}

async function sizeOf(path: string): Promise<number | undefined> {
	try {
		const info = await stat(path);
		return info.isFile() ? info.size : undefined;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw diskError(error, path) ?? error;
	}
}

async function removePart(path: string): Promise<void> {
	await rm(path, {force: true});
}

/** Is the final file already the one we want? (undefined: no file there) */
async function existingMatches(
	entry: JobEntry,
	finalPath: string,
	expected: ExpectedChecksum | undefined,
	signal: AbortSignal,
): Promise<{ok: boolean; message: string} | undefined> {
	const size = await sizeOf(finalPath);
	if (size === undefined) return undefined;
	const wanted = entry.item.size;
	if (wanted !== undefined && size !== wanted) {
		return {ok: false, message: `the file there has ${size} bytes, expected ${wanted}: downloading again`};
	}
	if (entry.restoredDone && wanted !== undefined) return {ok: true, message: 'completed in an earlier run'};
	if (expected) {
		const hash = newStreamHash(expected, size)!;
		await hashPrefix(finalPath, size, hash, signal);
		const got = await hash.digest();
		if (got !== expected.hex) return {ok: false, message: 'the file there fails its checksum: downloading again'};
		return {ok: true, message: `already complete (size and ${expected.algorithm.toUpperCase()} match)`};
	}
	if (wanted !== undefined) return {ok: true, message: 'already complete (size matches; no checksum to check)'};
	return {ok: true, message: 'already there (no size or checksum known to check it)'};
}

export async function runJob(entry: JobEntry, ctx: JobContext, signal: AbortSignal): Promise<JobOutcome> {
	const {item} = entry;
	const finalPath = join(ctx.folder, item.name);
	const partPath = `${finalPath}.part`;
	const expected = parseChecksum(item.checksum);
	// Only the first look of the first run: a retry, a resume or a requeue reads the disk.
	let knownAbsent = !entry.ranBefore && !entry.restoredDone && Boolean(ctx.absentAtStart?.(item.name));
	entry.ranBefore = true;
	if (!item.productUrl) throw new CassiError('download', 'the record has no download URL (distribution.url.mast is missing)');

	if (entry.startAfresh) {
		await removePart(partPath);
		entry.startAfresh = false;
		entry.etag = undefined;
	}
	if (ctx.overwrite && !entry.overwriteDone) {
		await removePart(partPath);
		entry.overwriteDone = true;
		entry.etag = undefined;
	} else if (!ctx.overwrite) {
		ctx.setState('verifying', 'checking the file already there');
		const existing = knownAbsent ? undefined : await existingMatches(entry, finalPath, expected, signal);
		if (existing?.ok) {
			entry.verified = existing.message;
			entry.bytes = item.size ?? (await sizeOf(finalPath)) ?? 0;
			entry.total = entry.bytes;
			await removePart(partPath);
			return {state: 'skipped', message: existing.message};
		}
		if (existing) ctx.setState('downloading', existing.message);
	}

	let refused416 = false;
	const carried: {hash?: StreamHash; bytes: number} = {bytes: 0};
	const attempt = async (): Promise<void> => {
		entry.attempts++;
		for (let restarts = 0; ; restarts++) {
			if (restarts > 3) throw new CassiError('download', 'the service keeps answering resumes inconsistently');
			let offset = knownAbsent ? 0 : ((await sizeOf(partPath)) ?? 0);
			knownAbsent = false; // from here on this run writes the part: look at the disk
			if (item.size !== undefined && offset > item.size) {
				await truncate(partPath, 0);
				offset = 0;
			}
			// The last attempt's hash covers exactly the part's bytes when its count matches the
			// part's length (writes are in order); otherwise read the prefix back from disk.
			// From byte 0 the transfer makes its own.
			let hash = carried.hash?.usable() && carried.bytes === offset && offset > 0 ? carried.hash : undefined;
			if (!hash && expected && offset > 0) {
				hash = newStreamHash(expected, item.size ?? entry.total, ctx.hashOnWorkerFrom)!;
				ctx.setState('verifying', 'checking the partial file before resuming');
				await hashPrefix(partPath, offset, hash, signal);
			}
			carried.hash = undefined;
			entry.bytes = offset;
			entry.total = item.size ?? entry.total;
			let result: {bytes: number; hash?: typeof hash; total?: number};
			if (item.size !== undefined && offset === item.size && offset > 0) {
				result = {bytes: offset, hash, total: offset}; // the part is whole; only the rename was missing
			} else {
				ctx.setState('downloading');
				const turn = await ctx.requestTurn?.(signal);
				let pushedBack = false;
				const lease = ctx.lease?.();
				const sentAt = performance.now();
				try {
					result = await transferOnce({
						endpoint: ctx.endpoint,
						productUrl: item.productUrl!,
						headers: ctx.headers(),
						dispatcher: lease?.dispatcher ?? ctx.dispatcher!,
						partPath,
						offset,
						etag: offset > 0 ? entry.etag : undefined,
						expectedSize: item.size,
						expected,
						hash,
						hashOnWorkerFrom: ctx.hashOnWorkerFrom,
						stallMs: ctx.stallMs,
						hashed: carried,
						signal,
						now: ctx.now,
						createWriteStream: ctx.createWriteStream,
						onStart: info => {
							turn?.answered();
							lease?.answered(performance.now() - sentAt);
							entry.bytes = info.start;
							if (info.total !== undefined) entry.total = info.total;
							if (info.etag) entry.etag = info.etag;
							ctx.changed();
						},
						onBytes: count => {
							entry.bytes += count;
							entry.transferred += count;
							ctx.changed();
						},
					});
				} catch (error) {
					pushedBack = isCassiError(error) && (error.status === 429 || error.status === 503);
					if (!(error instanceof RestartFromZero)) throw error;
					const is416 = /416/.test(error.reason);
					if (is416 && refused416) throw new CassiError('download', `${error.reason} twice, even from byte 0`);
					refused416 ||= is416;
					await removePart(partPath);
					entry.etag = undefined;
					ctx.setState('retrying', `${error.reason}: starting the file again`);
					continue;
				} finally {
					lease?.release();
					turn?.leave(pushedBack);
				}
			}
			ctx.setState('verifying');
			if (item.size !== undefined && result.bytes !== item.size) {
				throw new VerifyError(`size mismatch (expected ${item.size} bytes, got ${result.bytes})`);
			}
			// What counted is what streamed; the part must hold exactly that (a stray late write would not show in the count).
			const onDisk = await sizeOf(partPath);
			if (onDisk !== result.bytes) {
				throw new VerifyError(`size mismatch on disk (expected ${result.bytes} bytes, the part has ${onDisk ?? 0})`);
			}
			if (expected && result.hash) {
				const got = await result.hash.digest();
				if (got !== expected.hex) {
					throw new VerifyError(`checksum mismatch (expected ${expected.hex}, got ${got})`);
				}
			}
			try {
				await rename(partPath, finalPath);
			} catch (error) {
				throw diskError(error, finalPath) ?? error;
			}
			entry.bytes = result.bytes;
			entry.total = result.bytes;
			entry.verified = expected
				? `${expected.algorithm === 'md5' ? 'MD5' : 'SHA-256'} and size match the record`
				: item.size !== undefined
					? 'size matches the record (it has no checksum to check)'
					: 'not verified: the record has no size or checksum';
			return;
		}
	};

	const guarded = async (): Promise<void> => {
		try {
			await attempt();
		} catch (error) {
			if (!(error instanceof VerifyError)) throw error;
			await removePart(partPath);
			entry.etag = undefined;
			if (entry.verifyRetried) throw new CassiError('download', `corrupted: ${error.message}`);
			entry.verifyRetried = true;
			throw new CassiError('download', `${error.message}: downloading it again`, {retryable: true});
		}
	};

	try {
		await withRetries(guarded, {
			retries: ctx.retries,
			baseMs: ctx.baseMs,
			maxMs: ctx.maxMs,
			maxWaitMs: ctx.maxWaitMs,
			signal,
			onRetry: (info: RetryInfo) => {
				const wait = info.waitMs >= 1000 ? `${Math.round(info.waitMs / 1000)} s` : `${info.waitMs} ms`;
				ctx.setState('retrying', `${info.reason}; retry ${info.attempt} of ${ctx.retries} in ${wait}`);
			},
		});
	} catch (error) {
		if (isCassiError(error) && error.retryable) {
			throw new CassiError(error.kind, `gave up after ${entry.attempts} attempts: ${error.message}`, {
				status: error.status,
				cause: error,
			});
		}
		throw error;
	}
	return {state: 'done', message: ''};
}
