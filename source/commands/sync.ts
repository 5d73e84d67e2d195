/**
 * `cassi sync FOLDER`: a nightly mirror. The first run takes a start (-s) and the query options
 * and saves them in the folder; every run asks for files ingested since the last complete run's
 * end minus an overlap, up to now, and downloads only what the folder lacks or what changed.
 * The folder's one lock is held from the search to the saved end, so two syncs never interleave.
 */
import {mkdir} from 'node:fs/promises';
import {NO_TOKEN_MESSAGE} from '../cassi/client.js';
import {diskError} from '../cassi/download/disk.js';
import {loadJournal} from '../cassi/download/journal.js';
import {acquireLock} from '../cassi/download/lock.js';
import {CassiError, EXIT} from '../cassi/errors.js';
import {queryFromOptions, validateLimit} from '../cassi/query.js';
import {sanitizeText} from '../cassi/sanitize.js';
import {DEFAULT_OVERLAP_HOURS, loadSyncState, saveSyncState, syncPath, syncWindow, type SyncState} from '../cassi/sync.js';
import {cutLine} from '../cassi/cut.js';
import {connect} from '../cli/connection.js';
import {downloadOutput, parseParallel} from '../cli/download-output.js';
import {fileTypeHints} from '../cli/file-type-hint.js';
import {onShutdown} from '../cli/shutdown.js';
import {waitingFor} from '../cli/timeout.js';
import {runSearch} from '../headless/search.js';
import {describeWindow} from '../headless/window.js';
import {connectAsRecorded} from './resume.js';

export interface SyncFlags {
	ingestionStartDate?: string;
	filetype?: string;
	filename?: string;
	limit?: string;
	token?: string;
	apiUrl?: string;
	timeout?: string;
	demo?: boolean;
	/** Unset: the engine's own pace (3 big files, up to 16 small ones), as for --download. */
	parallel?: string;
	quiet?: boolean;
	json?: boolean;
	manifest?: string;
}

/** The saved query, or the first run's new one; a later run given query options is refused. */
function stateFor(folder: string, saved: SyncState | undefined, flags: SyncFlags): SyncState {
	const given = [flags.ingestionStartDate !== undefined && '-s', flags.filetype !== undefined && '--filetype', flags.filename !== undefined && '--filename'].filter(Boolean);
	const where = sanitizeText(folder);
	if (saved) {
		if (given.length > 0) {
			throw new CassiError('usage', `${where} already mirrors the query saved in ${syncPath(where)}: later runs take no ${given.join(' or ')} (mirror another query into another folder)`);
		}
		return flags.limit === undefined ? saved : {...saved, query: {...saved.query, limit: validateLimit(flags.limit)}};
	}
	if (flags.ingestionStartDate === undefined) {
		throw new CassiError('usage', `${where} has no saved sync yet: the first run needs a start, e.g. cassi sync ${where} -s 2025-10-01 --filetype "Science CGI Level 0"`);
	}
	const query = queryFromOptions({ingestStart: flags.ingestionStartDate, filetype: flags.filetype, filename: flags.filename, limit: flags.limit});
	return {version: 1, query, overlapHours: DEFAULT_OVERLAP_HOURS};
}

export async function syncCommand(folder: string, flags: SyncFlags): Promise<number> {
	const parallel = parseParallel(flags.parallel);
	const waiting = waitingFor(flags);
	const saved = await loadSyncState(folder);
	let state = stateFor(folder, saved, flags);
	const connection = saved ? await connectAsRecorded(saved, folder, flags, 'sync') : await connect(flags);
	const controller = new AbortController();
	const stop = onShutdown(() => controller.abort());
	let lock: Awaited<ReturnType<typeof acquireLock>> | undefined;
	try {
		if (connection.token === undefined) throw new CassiError('auth', NO_TOKEN_MESSAGE);
		state = {...state, demo: connection.demo || undefined, apiUrl: connection.demo ? undefined : connection.apiUrl};
		try {
			await mkdir(folder, {recursive: true});
		} catch (error) {
			throw diskError(error, folder) ?? new CassiError('disk', `cannot create the folder ${sanitizeText(folder)}`);
		}
		lock = await acquireLock(folder);
		// The query is on disk before the first byte moves: a bare `cassi sync FOLDER` can carry on.
		if (!saved) await saveSyncState(folder, state);
		const query = syncWindow(state, new Date());
		if (!flags.quiet) process.stderr.write(`sync: ${describeWindow(query)}\n`);
		const {records, count, cut, fileTypes: found} = await runSearch({
			apiUrl: connection.apiUrl,
			token: connection.token,
			query,
			signal: controller.signal,
			progress: flags.quiet ? undefined : process.stderr,
			...waiting,
		});
		for (const hint of fileTypeHints(query.fileTypes, found)) process.stderr.write(`cassi: ${hint}\n`);
		const previous = await loadJournal(folder).catch(() => undefined);
		const {runHeadlessDownload} = await import('../headless/download.js');
		const output = downloadOutput(flags, controller.signal, connection.demo);
		let code = await runHeadlessDownload({
			records,
			apiUrl: connection.apiUrl,
			token: connection.token,
			folder,
			parallel,
			trusted: previous,
			...output,
			engine: {...output.engine, heldLock: lock},
		});
		if (cut) {
			process.stderr.write(`sync: the folder is not complete: ${cutLine(count, cut, query.limit)}\n`);
			if (code === EXIT.ok) code = EXIT.failed;
		}
		// Only a complete window moves the mark: otherwise the next run asks for it again.
		if (code === EXIT.ok) await saveSyncState(folder, {...state, lastEnd: query.ingestEnd});
		return code;
	} catch (error) {
		if (controller.signal.aborted) {
			process.stderr.write(`cassi: interrupted: run \`cassi sync ${sanitizeText(folder)}\` again to continue\n`);
			return EXIT.interrupted;
		}
		throw error;
	} finally {
		stop();
		await lock?.release();
		await connection.close();
	}
}
