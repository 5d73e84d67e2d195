/**
 * `cassi sync FOLDER`'s saved query, beside the download journal: what to mirror, from where,
 * and where the last complete run ended. Each run asks for files ingested since that end minus
 * an overlap (files that arrive late), up to now. Written atomically; never holds the token.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {toServiceDate} from './dates.js';
import {CassiError} from './errors.js';
import {queryFromOptions} from './query.js';
import type {Query} from './types.js';
import {fileErrorReason, writeAtomically} from './write-atomically.js';

export const SYNC_NAME = '.cassi-sync.json';
export const SYNC_VERSION = 1;
/** Late arrivals: a file whose ingest time is this far before the last run's end is still found. */
export const DEFAULT_OVERLAP_HOURS = 24;

export interface SyncState {
	version: number;
	/** The first run's query; its ingestStart is where the mirror begins, it has no end. */
	query: Query;
	apiUrl?: string;
	demo?: boolean;
	overlapHours: number;
	/** The end (service date, UTC) of the last run that left the folder complete. */
	lastEnd?: string;
}

export function syncPath(folder: string): string {
	return join(folder, SYNC_NAME);
}

export async function loadSyncState(folder: string): Promise<SyncState | undefined> {
	let text: string;
	try {
		text = await readFile(syncPath(folder), 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'ENOTDIR') throw new CassiError('usage', `${folder} is a file, not a folder: name the folder to mirror into`);
		throw new CassiError('disk', `cannot read ${syncPath(folder)}: ${fileErrorReason(error)}`);
	}
	let parsed: Partial<SyncState>;
	try {
		parsed = JSON.parse(text) as Partial<SyncState>;
	} catch {
		parsed = {};
	}
	const damaged = () => new CassiError('usage', `${syncPath(folder)} is damaged: delete it and start again with \`cassi sync ${folder} -s DATE\``);
	const saved = parsed.query as Partial<Record<keyof Query, unknown>> | undefined;
	if (!saved || typeof saved !== 'object' || typeof saved.ingestStart !== 'string') throw damaged();
	const types = saved.fileTypes;
	if (types !== undefined && !(Array.isArray(types) && types.every(type => typeof type === 'string'))) throw damaged();
	if (saved.fileNames !== undefined && typeof saved.fileNames !== 'string') throw damaged();
	let query: Query;
	try {
		// Checked as the flags were on the first run: a file in the folder is input like any other.
		query = queryFromOptions({ingestStart: saved.ingestStart, filetype: types as string[] | undefined, filename: saved.fileNames as string | undefined, limit: saved.limit as number});
	} catch {
		throw damaged();
	}
	return {
		version: Number(parsed.version ?? SYNC_VERSION),
		query,
		apiUrl: typeof parsed.apiUrl === 'string' ? parsed.apiUrl : undefined,
		demo: parsed.demo === true,
		overlapHours: typeof parsed.overlapHours === 'number' && parsed.overlapHours >= 0 ? parsed.overlapHours : DEFAULT_OVERLAP_HOURS,
		lastEnd: typeof parsed.lastEnd === 'string' ? parsed.lastEnd : undefined,
	};
}

export async function saveSyncState(folder: string, state: SyncState): Promise<void> {
	try {
		await writeAtomically(syncPath(folder), `${JSON.stringify(state, null, '\t')}\n`);
	} catch (error) {
		throw new CassiError('disk', `cannot write ${syncPath(folder)}: ${fileErrorReason(error)}`);
	}
}

/** This run's query: from the last end minus the overlap (never before the first start) to now. */
export function syncWindow(state: SyncState, now: Date): Query {
	const first = state.query.ingestStart!;
	let start = first;
	if (state.lastEnd !== undefined) {
		const back = toServiceDate(new Date(Date.parse(`${state.lastEnd}Z`) - state.overlapHours * 3_600_000));
		if (back > start) start = back;
	}
	return {...state.query, ingestStart: start, ingestEnd: toServiceDate(now)};
}
