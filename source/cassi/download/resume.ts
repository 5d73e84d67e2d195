/** Continue a folder's queue from its journal (`cassi resume [FOLDER]`, the TUI on start). */
import {CassiError} from '../errors.js';
import {DownloadEngine, type EngineOptions} from './engine.js';
import {journalPath, loadJournal, unfinished, type Journal} from './journal.js';
import {displayName} from './names.js';
import {changedBecause, refreshItems, type RecordLookup} from './refresh.js';
import type {DownloadItem} from './types.js';

export interface RefreshOptions {
	/** Ask the service for the current records of the unfinished files (by name) before continuing. */
	lookup?: RecordLookup;
	/** One line per thing worth saying (a changed file, a lookup that failed). */
	note?: (line: string) => void;
}

export async function resumeFromJournal(
	folder: string,
	options: Omit<EngineOptions, 'folder'>,
	refresh: RefreshOptions = {},
): Promise<{engine: DownloadEngine; journal: Journal}> {
	const journal = await loadJournal(folder);
	if (!journal) {
		throw new CassiError('usage', `nothing to resume: no download journal (${journalPath(folder)}); start one with --download`);
	}
	let items: DownloadItem[] = journal.items.map(entry => ({
		name: entry.name,
		productUrl: entry.productUrl,
		size: entry.size,
		checksum: entry.checksum,
		fileType: entry.fileType,
		ingest: entry.ingest,
	}));
	const afresh: string[] = [];
	const left = unfinished(journal).map(entry => entry.name);
	if (refresh.lookup && left.length > 0) {
		const current = await refreshItems(left, refresh.lookup);
		if (current.error) refresh.note?.(`could not ask the archive for the current records (${current.error}): resuming with the journal's`);
		const open = new Set(left);
		items = items.map(item => {
			const now = open.has(item.name) ? current.items.get(item.name) : undefined;
			if (!now) return item;
			const changed = changedBecause(item, now);
			if (changed) {
				afresh.push(item.name);
				refresh.note?.(`${displayName(item.name)}: the archive's copy changed since it was queued (${changed}): downloading it afresh`);
			}
			return now;
		});
	}
	const engine = new DownloadEngine({...options, folder});
	engine.add(items);
	for (const name of afresh) engine.startAfresh(name);
	trustJournal(engine, journal, items);
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
