/**
 * Shapes shared by the service module, the state, the UI and the emulator.
 * Record fields follow the CaSSI service's JSON as far as it is known
 * (../shared/cassi-api.md); unknown keys are kept so `--json` passes them on.
 */

export interface CassiRecord {
	archiveFileName: string;
	fileType: string;
	/** `2025-10-04T00:01:27.8970000`: seven fractional digits, no zone, UTC. */
	ingestCompletionDate: string;
	checksum?: string | null;
	search_key?: string | null;
	distribution?: {
		url?: {mast?: string | null} | null;
		size?: number | null;
	} | null;
	times?: {startTime?: string | null; endTime?: string | null} | null;
	[extra: string]: unknown;
}

/** A search as the user states it; dates already normalised to `YYYY-MM-DDTHH:MM:SS` UTC. */
export interface Query {
	ingestStart?: string;
	ingestEnd?: string;
	expStart?: string;
	expEnd?: string;
	/** Comma-separated in the payload; kept as the user's list. */
	fileTypes?: string[];
	/** Raw pattern list (`CGI_*,!CGI_0001*`), passed through to the service. */
	fileNames?: string;
	limit: number;
}

export interface SearchPayload {
	conditions: Array<Record<string, string>>;
	limit: number;
	offset: number;
	select_cols: string[];
}

/** One response page, validated and de-duplicated against the pages before it. */
export interface SearchPage {
	/** Files not in an earlier page, up to the limit. */
	records: CassiRecord[];
	/** Each record's de-duplication hash (h1, h2 for records[i] at 2i, 2i + 1), when the pager made them. */
	hashes?: Int32Array;
	/** Rows received so far (before de-duplication; rows we asked for twice count once). */
	received: number;
	/** `totalResults` when the service sent it, else undefined. */
	total?: number;
	/** Duplicates dropped so far. */
	duplicates: number;
	done: boolean;
	/** On the last page only: set when more files match than were fetched. */
	cut?: SearchCut;
}

/**
 * An incomplete answer. `limit`: the user's limit stopped it; results come oldest first, so
 * the newest files are the missing ones. `service`: the service reported more than it sent.
 */
export interface SearchCut {
	by: 'limit' | 'service';
	/** The service's totalResults, when sent. */
	total?: number;
	/** The total may count repeated rows (repeats were seen and offsets did not count files). */
	approximate?: boolean;
	/** False when more are only likely: the limit was reached and the service sent no total. */
	known: boolean;
}

export const DEFAULT_API_URL = 'https://mast.stsci.edu/cassi/api/v0.1';
export const DEFAULT_LIMIT = 50_000;
export const TOKEN_URL = 'https://auth.mast.stsci.edu/token';
/** The token `cassi emulator` and the demo archive accept unless started with --token. */
export const EMULATOR_TOKEN = 'cassi-demo-token';

/** The seven Roman file types known today; new ones seen in results are added at run time. */
export const KNOWN_FILE_TYPES = [
	'Calibrated Engineering Data',
	'FSW Event Message Logs',
	'Guide Window Level 0',
	'Housekeeping Ancillary Telemetry Data',
	'Observatory Predicted Ephemeris',
	'Science CGI Level 0',
	'Science WFI Level 0',
] as const;

/** Where requests go and with which token: the one shape the browser, headless commands and the engine share. */
export interface Connection {
	apiUrl: string;
	token?: string;
	/** Where the token came from (flag, environment, store), for messages that name it. */
	tokenSource?: string;
	/** The embedded demo archive: its journal is marked so a bare `cassi resume` restarts it. */
	demo?: boolean;
}
