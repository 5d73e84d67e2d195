/**
 * Shapes the download engine hands to its callers (headless output, the TUI's
 * queue view) and keeps in its journal. No token ever appears in any of them.
 */

export interface DownloadItem {
	/** Local file name (the record's archiveFileName); validated before use. */
	name: string;
	productUrl?: string;
	/** Expected size in bytes, when the record carries it. */
	size?: number;
	/** Expected checksum: 32 hex digits (MD5) or 64 (SHA-256); anything else is ignored. */
	checksum?: string;
	fileType?: string;
	/** The record's ingestCompletionDate: of two products with one name, the newer is downloaded. */
	ingest?: string;
}

export type FileState =
	| 'queued'
	| 'downloading'
	| 'retrying'
	| 'verifying'
	| 'done'
	| 'skipped'
	| 'failed'
	| 'paused'
	| 'cancelled';

export const FILE_STATES: readonly FileState[] = [
	'queued',
	'downloading',
	'retrying',
	'verifying',
	'done',
	'skipped',
	'failed',
	'paused',
	'cancelled',
];

export interface FileSnapshot {
	name: string;
	state: FileState;
	/** Bytes on disk for this file (part or final). */
	bytes: number;
	/** Expected total, when known (record size or the server's length). */
	total?: number;
	/** Bytes per second over the last few seconds; 0 when idle. */
	rate: number;
	/** Seconds left at the current rate, when it can be told. */
	eta?: number;
	/** Why it is retrying, failed, paused or skipped. */
	message?: string;
	attempts: number;
	fileType?: string;
	/** Where the final file goes; null for a name refused as unsafe. */
	path?: string | null;
	/** The record's checksum algorithm (`MD5`, `SHA-256`), when it has a usable one. */
	checksum?: string;
	/** How the finished file was checked (e.g. "SHA-256 matches the record"). */
	verified?: string;
}

export interface QueueTotals {
	files: number;
	byState: Record<FileState, number>;
	bytesDone: number;
	/** Sum of the known totals (files without a known size count what they have). */
	bytesTotal: number;
	rate: number;
	eta?: number;
	/** True while the whole queue is paused (by the user or a rejected token). */
	paused: boolean;
}

export interface QueueSnapshot {
	files: FileSnapshot[];
	totals: QueueTotals;
}

/**
 * COMPLETE: the verified file is there. SKIPPED: not fetched, rightly (already complete, or another
 * product of the same name won). FAILED: it cannot be fetched as things stand. INCOMPLETE: interrupted,
 * paused, cancelled or not started; `cassi resume` continues it.
 */
export type ManifestStatus = 'COMPLETE' | 'SKIPPED' | 'FAILED' | 'INCOMPLETE';

export interface ManifestEntry {
	name: string;
	/** Absolute path of the final file (where it is, or would be); null for a name that was refused. */
	path: string | null;
	status: ManifestStatus;
	bytes: number;
	seconds: number;
	message: string;
}

export interface Manifest {
	folder: string;
	files: ManifestEntry[];
	totals: {
		files: number;
		complete: number;
		skipped: number;
		failed: number;
		/** Interrupted, paused, cancelled or not started: left for `cassi resume`. */
		incomplete: number;
		/** Bytes transferred in this run (not counting skipped files). */
		bytes: number;
		seconds: number;
	};
}

export interface StatfsResult {
	bavail: number | bigint;
	bsize: number | bigint;
}
export type StatfsFn = (path: string) => Promise<StatfsResult>;
