/** Snapshots for the UI and the manifest for the record, built from the engine's entries. */
import {join} from 'node:path';
import {etaSeconds, type RateMeter} from './rate.js';
import {FILE_STATES, type DownloadItem, type FileSnapshot, type FileState, type Manifest, type ManifestEntry, type QueueSnapshot} from './types.js';

export interface EntryView {
	item: DownloadItem;
	name: string;
	state: FileState;
	bytes: number;
	total?: number;
	message?: string;
	attempts: number;
	meter: RateMeter;
	seconds: number;
	transferred: number;
	/** Why the name was refused (the file was never written anywhere). */
	invalid?: string;
	path?: string | null;
	/** `MD5` or `SHA-256` when the record's checksum is usable. */
	algorithm?: string;
	verified?: string;
}

const MOVING: ReadonlySet<FileState> = new Set(['downloading', 'retrying', 'verifying']);

export function fileSnapshot(entry: EntryView, _now?: number): FileSnapshot {
	const rate = entry.state === 'downloading' ? entry.meter.rate() : 0;
	const total = entry.total ?? entry.item.size;
	const snapshot: FileSnapshot = {
		name: entry.name,
		state: entry.state,
		bytes: entry.bytes,
		total,
		rate,
		attempts: entry.attempts,
	};
	if (total !== undefined && MOVING.has(entry.state)) snapshot.eta = etaSeconds(total - entry.bytes, rate);
	if (entry.message) snapshot.message = entry.message;
	if (entry.item.fileType) snapshot.fileType = entry.item.fileType;
	if (entry.path !== undefined) snapshot.path = entry.path;
	if (entry.algorithm) snapshot.checksum = entry.algorithm;
	if (entry.verified) snapshot.verified = entry.verified;
	return snapshot;
}

export function buildSnapshot(entries: EntryView[], paused: boolean, now?: number): QueueSnapshot {
	const files = entries.map(entry => fileSnapshot(entry, now));
	const byState = Object.fromEntries(FILE_STATES.map(state => [state, 0])) as Record<FileState, number>;
	let bytesDone = 0;
	let bytesTotal = 0;
	let rate = 0;
	for (const file of files) {
		byState[file.state]++;
		rate += file.rate;
		if (file.state === 'skipped') continue;
		bytesDone += file.bytes;
		bytesTotal += Math.max(file.total ?? 0, file.bytes);
	}
	const running = byState.downloading + byState.retrying + byState.verifying + byState.queued;
	const totals: QueueSnapshot['totals'] = {files: files.length, byState, bytesDone, bytesTotal, rate, paused};
	if (running > 0) totals.eta = etaSeconds(bytesTotal - bytesDone, rate);
	return {files, totals};
}

const STATUS: Record<FileState, ManifestEntry['status']> = {
	done: 'COMPLETE',
	skipped: 'SKIPPED',
	failed: 'FAILED',
	queued: 'INCOMPLETE',
	downloading: 'INCOMPLETE',
	retrying: 'INCOMPLETE',
	verifying: 'INCOMPLETE',
	paused: 'INCOMPLETE',
	cancelled: 'INCOMPLETE',
};

function failureMessage(entry: EntryView): string {
	switch (entry.state) {
		case 'queued':
			return entry.message ?? 'not started';
		case 'paused':
			return entry.message && entry.message !== 'paused' ? entry.message : 'paused (partial file kept for resume)';
		case 'cancelled':
			return entry.message ?? 'cancelled';
		default:
			return entry.message ?? 'failed';
	}
}

export function buildManifest(entries: EntryView[], folder: string, seconds: number): Manifest {
	const files: ManifestEntry[] = entries.map(entry => {
		const status = STATUS[entry.state];
		const finished = status === 'COMPLETE' || status === 'SKIPPED';
		return {
			name: entry.name,
			path: entry.invalid ? null : (entry.path ?? join(folder, entry.name)),
			status,
			bytes: finished ? entry.bytes : entry.transferred,
			seconds: Math.round(entry.seconds * 1000) / 1000,
			message: status === 'COMPLETE' ? '' : status === 'SKIPPED' ? (entry.message ?? 'already complete') : failureMessage(entry),
		};
	});
	const count = (status: ManifestEntry['status']) => files.filter(file => file.status === status).length;
	return {
		folder,
		files,
		totals: {
			files: files.length,
			complete: count('COMPLETE'),
			skipped: count('SKIPPED'),
			failed: count('FAILED'),
			incomplete: count('INCOMPLETE'),
			bytes: entries.reduce((sum, entry) => sum + entry.transferred, 0),
			seconds: Math.round(seconds * 1000) / 1000,
		},
	};
}
