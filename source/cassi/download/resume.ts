/** Continue a folder's queue from its journal (`cassi resume [FOLDER]`, the TUI on start). */
import {CassiError} from '../errors.js';
import {DownloadEngine, type EngineOptions} from './engine.js';
import {journalPath, loadJournal, type Journal} from './journal.js';

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
	for (const entry of journal.items) {
		if (entry.state === 'done' || entry.state === 'skipped') engine.markRestoredDone(entry.name);
		engine.restoreEtag(entry.name, entry.etag);
	}
	return {engine, journal};
}
