/**
 * The queue's state on disk, so a crash, Ctrl-C or a dropped SSH session can be
 * continued with `cassi resume`. Written atomically (temp file, then rename) so a
 * reader sees the old journal or the new one, never half of one. Never holds the token.
 */
import {join} from 'node:path';
import {open, readdir, readFile, rename, unlink} from 'node:fs/promises';
import {fileErrorReason} from '../write-atomically.js';
import {CassiError} from '../errors.js';
import type {DownloadItem, FileState, Manifest} from './types.js';

export const JOURNAL_NAME = '.cassi-journal.json';
export const JOURNAL_VERSION = 1;

export interface JournalEntry extends DownloadItem {
	state: FileState;
	bytes: number;
	etag?: string;
	message?: string;
	attempts: number;
}

export interface Journal {
	version: number;
	/** The API base the items came from (no credentials). */
	apiUrl?: string;
	/** From the embedded demo archive, whose loopback URL dies with the process that served it. */
	demo?: boolean;
	updatedAt: string;
	items: JournalEntry[];
	manifest?: Manifest;
}

export function journalPath(folder: string): string {
	return join(folder, JOURNAL_NAME);
}

export async function writeJournal(folder: string, journal: Journal): Promise<void> {
	const path = journalPath(folder);
	const temp = `${path}.tmp-${process.pid}`;
	const handle = await open(temp, 'w', 0o644);
	try {
		await handle.writeFile(`${JSON.stringify(journal, null, '\t')}\n`);
		await handle.sync();
	} finally {
		await handle.close();
	}
	try {
		await rename(temp, path);
	} catch (error) {
		await unlink(temp).catch(() => undefined);
		throw error;
	}
}

/**
 * A run killed while writing its journal leaves `<journal>.tmp-<pid>` behind. Called with the
 * folder's lock held, so no other writer's temp file can be in the middle of a rename.
 */
export async function removeStaleJournalTemps(folder: string): Promise<void> {
	const prefix = `${JOURNAL_NAME}.tmp-`;
	const names = await readdir(folder).catch(() => [] as string[]);
	await Promise.all(names.filter(name => name.startsWith(prefix)).map(name => unlink(join(folder, name)).catch(() => undefined)));
}

function isEntry(value: unknown): value is JournalEntry {
	if (!value || typeof value !== 'object') return false;
	const entry = value as Record<string, unknown>;
	return typeof entry.name === 'string' && typeof entry.state === 'string';
}

/** The folder's journal, or undefined when there is none. Throws a CassiError when it is unreadable. */
export async function loadJournal(folder: string): Promise<Journal | undefined> {
	let text: string;
	try {
		text = await readFile(journalPath(folder), 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'ENOTDIR') throw new CassiError('usage', `${folder} is a file, not a download folder: name the folder you downloaded into`);
		throw new CassiError('disk', `cannot read the download journal in ${folder}: ${fileErrorReason(error)}`);
	}
	let parsed: Partial<Journal>;
	try {
		parsed = JSON.parse(text) as Partial<Journal>;
	} catch {
		throw new CassiError('download', `the download journal ${journalPath(folder)} is damaged: delete it and queue the files again`);
	}
	if (!parsed || !Array.isArray(parsed.items)) {
		throw new CassiError('download', `the download journal ${journalPath(folder)} is not one cassi wrote: delete it and queue the files again`);
	}
	return {
		version: Number(parsed.version ?? JOURNAL_VERSION),
		apiUrl: typeof parsed.apiUrl === 'string' ? parsed.apiUrl : undefined,
		demo: parsed.demo === true,
		updatedAt: String(parsed.updatedAt ?? ''),
		items: parsed.items.filter(isEntry).map(entry => ({
			name: entry.name,
			productUrl: typeof entry.productUrl === 'string' ? entry.productUrl : undefined,
			size: typeof entry.size === 'number' ? entry.size : undefined,
			checksum: typeof entry.checksum === 'string' ? entry.checksum : undefined,
			fileType: typeof entry.fileType === 'string' ? entry.fileType : undefined,
			ingest: typeof entry.ingest === 'string' ? entry.ingest : undefined,
			state: entry.state,
			bytes: typeof entry.bytes === 'number' ? entry.bytes : 0,
			etag: typeof entry.etag === 'string' ? entry.etag : undefined,
			message: typeof entry.message === 'string' ? entry.message : undefined,
			attempts: typeof entry.attempts === 'number' ? entry.attempts : 0,
		})),
		manifest: parsed.manifest,
	};
}

/** Items of a journal still worth downloading (not done, not skipped). */
export function unfinished(journal: Journal): JournalEntry[] {
	return journal.items.filter(entry => entry.state !== 'done' && entry.state !== 'skipped');
}
