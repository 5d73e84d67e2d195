/** Continue a folder's queue from its journal (`cassi resume [FOLDER]`, the TUI on start). */
import {CassiError} from '../errors.js';
import {DownloadEngine, type EngineOptions} from './engine.js';
import {journalPath, loadJournal, type Journal} from './journal.js';
import type {DownloadItem} from './types.js';

export async function resumeFromJournal(
	folder: string,
	options: Omit<EngineOptions, 'folder'>,
): Promise<{engine: DownloadEngine; journal: Journal}> {
	const journal = await loadJournal(folder);
	if (!journal) {
		throw new CassiError('usage', `nothing to resume: no download journal (${journalPath(folder)}); start one with --download`);
	}
	const engine = new DownloadEngine({...options, folder});
	engine.add(
		journal.items.map(entry => ({
			name: entry.name,
			productUrl: entry.productUrl,
			size: entry.size,
			checksum: entry.checksum,
			fileType: entry.fileType,
		})),
	);
	trustJournal(engine, journal);
	return {engine, journal};
}

/**
 * What an earlier run finished is skipped without re-hashing, and its ETags are kept for
 * If-Range. With `current` (the items queued now, `cassi sync`), only an entry whose size and
 * checksum are still the ones the service lists is trusted: a changed file is checked again.
 */
export function trustJournal(engine: DownloadEngine, journal: Journal, current?: readonly DownloadItem[]): void {
	const now = current && new Map(current.map(item => [item.name, item]));
	for (const entry of journal.items) {
		const item = now?.get(entry.name);
		if (now && (!item || item.size !== entry.size || item.checksum !== entry.checksum)) continue;
		if (entry.state === 'done' || entry.state === 'skipped') engine.markRestoredDone(entry.name);
		engine.restoreEtag(entry.name, entry.etag);
	}
}
