/** Public shapes of the emulator (re-exported from index.ts; others code against these names). */

/** One injected fault; it applies to the endpoint it is registered on. */
export interface FaultRule {
	/** How many matching requests it applies to (default: unlimited). */
	times?: number;
	/** Answer with this status instead (429, 500, 503, 401, ...). */
	status?: number;
	/** Retry-After header value sent with `status` (seconds or an HTTP date). */
	retryAfter?: string;
	/** Body to send with `status` (an HTML error page, say); default a small JSON error. */
	body?: string;
	contentType?: string;
	/** Send the headers with the full Content-Length, then destroy the socket after N body bytes. */
	cutAfterBytes?: number;
	/** After N body bytes stop sending but keep the socket open. */
	stallAfterBytes?: number;
	/** Download: answer Range requests with a full 200. */
	ignoreRange?: boolean;
	/** Download: flip the byte at this absolute offset of the file. */
	corruptByteAt?: number;
	/** Throttle this response. */
	bytesPerSecond?: number;
	/** Only for requests whose product_url (download) or body (search) contains this. */
	match?: string;
}

export interface Faults {
	search?: FaultRule[];
	download?: FaultRule[];
}

/** A hand-made product for tests: odd names, missing URLs, wrong checksums, huge sizes. */
export interface ExtraRecord {
	name: string;
	fileType: string;
	/** `YYYY-MM-DDTHH:MM:SS[.fff]` (UTC) or a Date. */
	ingest: string | Date;
	size: number;
	/** Exposure window, for the types that have one. */
	startTime?: string | Date;
	endTime?: string | Date;
	/** Put the MD5 of the content in the record whatever its size (default: the size rule). */
	withChecksum?: boolean;
	/** Fields that replace the generated record's (e.g. `{checksum: 'bad', distribution: null}`). */
	raw?: Record<string, unknown>;
	/** Send its row twice, back to back, as the service does for some rows (default false). */
	repeat?: boolean;
}

/**
 * What `offset`, `limit`, `totalResults` and the page cap count (the real service's choice is
 * unknown): `raw` rows, the repeated ones included (the default), or `distinct` files, each
 * page then holding its files' repeated rows on top.
 */
export type CountMode = 'raw' | 'distinct';
export const COUNT_MODES: readonly CountMode[] = ['raw', 'distinct'];

export interface EmulatorOptions {
	/** Default 0: a free port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 1. */
	seed?: number;
	/** The accepted token; default DEMO_TOKEN. */
	token?: string;
	/** "Today" for the last-30-days part of the archive; default new Date(). */
	now?: Date;
	/** Multiplies the daily volume (default 1); 100 gives >= 50,000 rows in any 7-day range. */
	scale?: number;
	/** Most rows (files, in `distinct` count mode) one search response returns (default 5000); totalResults tells the rest. */
	pageSize?: number;
	/** What offset, limit, totalResults and pageSize count (default `raw`). */
	countMode?: CountMode;
	/** Added before each response. */
	latencyMs?: number;
	/** Added before each response on a kept-alive connection's second and later requests (some servers are slow there). */
	reuseLatencyMs?: number;
	/**
	 * Downloads in progress at once beyond this are answered 429 with Retry-After: 1, as a server
	 * that limits each client does (the seed's serial loop never meets it).
	 */
	maxDownloads?: number;
	/** Per-connection download throttle. */
	bytesPerSecond?: number;
	/** Fraction of rows sent twice (default 0.03; 0 disables). */
	duplicateRate?: number;
	/** MD5 in records only for files up to this size (default 8 MiB), plus CGI_00011850/1. */
	checksumMaxBytes?: number;
	/** Test hook: extra hand-made products. */
	extraRecords?: ExtraRecord[];
	/** No per-request log lines. */
	quiet?: boolean;
	/** Where per-request log lines go when not quiet (default stderr). */
	log?: (line: string) => void;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	/** Request headers; `authorization` is replaced by 'present' or absent, never the token. */
	headers: Record<string, string>;
	/** Parsed body summary: conditions/limit/offset for a search, product_url for a download. */
	body?: unknown;
	status: number;
	/** Body bytes sent (downloads), when known. */
	bytesSent?: number;
	/** Which fault rule applied, if any. */
	fault?: FaultRule;
	time: string;
}

export interface ProductInfo {
	name: string;
	fileType: string;
	size: number;
	etag: string;
	productUrl: string;
	/** MD5 hex of the content when the record carries it (computed on demand), else null. */
	checksum: string | null;
	ingestMs: number;
	ingestCompletionDate: string;
	startTime: string | null;
	endTime: string | null;
	searchKey: string;
	/** Which endpoint serves it. */
	collection: 'eng' | 'rita';
	/** With name and size, what content.ts needs to regenerate the bytes. */
	seed: number;
	header?: string;
}

export interface Emulator {
	/** API base, e.g. 'http://127.0.0.1:PORT/cassi/api/v0.1'. */
	url: string;
	token: string;
	port: number;
	/** Replaces the current faults. */
	setFaults(faults: Faults): void;
	requests(): RequestLogEntry[];
	findProduct(name: string): ProductInfo | undefined;
	close(): Promise<void>;
}
