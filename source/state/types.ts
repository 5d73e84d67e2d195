/**
 * The browser's whole state: one pure reducer owns it (reducer.ts), selectors derive what
 * is drawn (selectors.ts), effects feed it (../ui/effects/). Rows are precomputed once on
 * arrival so sorting, filtering and drawing 50,000 of them never re-reads the raw records.
 */
import type {QueueSnapshot} from '../cassi/download/types.js';
import type {CheckReport} from '../cassi/check.js';
import type {CassiRecord, Query, SearchCut} from '../cassi/types.js';
import type {MarkSet} from './mark-set.js';

/** The query form as the user types it (dates may be relative: `today`, `-3d`). */
export interface FormValues {
	ingestStart: string;
	ingestEnd: string;
	expStart: string;
	expEnd: string;
	fileTypes: string[];
	fileNames: string;
	limit: string;
}

/** What the CLI may prefill: either form text or an already normalised Query. */
export type InitialQuery = Partial<Omit<FormValues, 'limit'>> & {limit?: string | number};

export type FormFieldKey = 'ingestStart' | 'ingestEnd' | 'expStart' | 'expEnd' | 'fileNames' | 'limit';

export interface FormState {
	values: FormValues;
	/** Position in the query history while recalling (^P/^N); undefined when not recalling. */
	historyIndex?: number;
	/** Focus row: 'presets', a text field, or `type:<name>` for one file-type checkbox. */
	focus: string;
}

/** One result row, with everything the list, sort, filter and timeline need precomputed. */
export interface Row {
	id: string;
	/** The id's small-integer key, for the marks bitmap (mark-set.ts). */
	key: number;
	record: CassiRecord;
	name: string;
	/** The lower-cased name for the `/` filter, only when the name is not plain ASCII. */
	lowerName?: string;
	type: string;
	/** As sent, trimmed to seconds: `2025-10-04T00:01:27` (for showing). */
	ingest: string;
	/** The full time, for sorting: two files in one second keep their fractional order. */
	ingestKey: string;
	/**
	 * The same time as numbers, when it is in the service's form (`…T00:01:27.8970000`): whole
	 * seconds and the seven fractional digits, which compare as ingestKey does. Otherwise the
	 * fraction is -1 (compare ingestKey).
	 */
	ingestSeconds: number;
	ingestFraction: number;
	/** Milliseconds since epoch (UTC), NaN when unreadable. */
	ingestMs: number;
	expStart?: string;
	expEnd?: string;
	size?: number;
}

export type SortKey = 'ingest' | 'name' | 'type' | 'size';
export interface Sort {
	key: SortKey;
	descending: boolean;
}

export type Screen = 'welcome' | 'token' | 'form' | 'browse' | 'detail' | 'queue' | 'export' | 'check';

export type ConfirmKind = 'clear-marks' | 'quit' | 'download' | 'overwrite-export';
export interface Confirm {
	kind: ConfirmKind;
	message: string;
	/** The download question: where to, what is new, and the free space there. */
	download?: DownloadAsk;
	/** The export waiting for "overwrite the file that is there?". */
	exportRequest?: ExportRequest;
}

export interface DownloadAsk {
	folder: string;
	/** The folder line is open for typing (f): printable keys edit it, Enter keeps, Esc restores. */
	editing: boolean;
	folderBefore: string;
	/** Marked rows not yet complete or in the queue: only these are queued. */
	rows: Row[];
	/** Marked rows already complete or queued. */
	already: number;
	bytes: number;
	unknownSize: number;
	/** Free bytes in `folder` (or the nearest existing parent), once known. */
	free?: number;
}

export type ExportFormat = 'csv' | 'json' | 'names';
export type ExportScope = 'marked' | 'view';
export interface ExportForm {
	format: ExportFormat;
	scope: ExportScope;
	file: string;
	focus: 'scope' | 'format' | 'file';
}

export interface SearchStatus {
	/** Increments with every run; pages from an older run are dropped. */
	id: number;
	running: boolean;
	received: number;
	total?: number;
	duplicates: number;
	/** The query as it was sent (normalised), for the header and the timeline range. */
	query?: Query;
	finishedAt?: string;
	error?: string;
	/** The last page said more files match than were fetched. */
	cut?: SearchCut;
	/** "no answer from … for 5 s" or "retrying in …": the service keeps us waiting. */
	waiting?: string;
}

/**
 * The typical counts for a one-day query: the 7 days before it, fetched after the results
 * (never before them), judged as `cassi check` judges them (../cassi/check.ts).
 */
export interface Baseline {
	/** The search whose day this is: a newer search drops it. */
	searchId: number;
	day: string;
	status: 'loading' | 'ready' | 'failed';
	report?: CheckReport;
	error?: string;
}

/** The download engine's snapshot, mirrored as plain data (see ../cassi/download/types.ts). */
export type {FileSnapshot as QueueFile, QueueSnapshot} from '../cassi/download/types.js';

export interface ExportRequest {
	format: ExportFormat;
	file: string;
	rows: Row[];
	/** The user agreed to replace the file already there. */
	overwrite?: boolean;
}

export type QueueOp = 'pause' | 'resume' | 'cancel' | 'retry' | 'remove' | 'resume-file' | 'resume-all';

/** Requests the reducer makes of the effects: each bumps `seq`, effects react to the change. */
export interface Requests {
	search?: {seq: number; query: Query};
	export?: ExportRequest & {seq: number};
	download?: {seq: number; rows: Row[]; folder: string; already: number};
	queue?: {seq: number; op: QueueOp; name?: string};
	token?: {seq: number; token: string; save: boolean};
	demo?: {seq: number};
	quit?: {seq: number};
	/** Free space where downloads go, shown in the download question. */
	freeSpace?: {seq: number; folder: string};
	/** The baseline days of a one-day query, after its results arrived. */
	baseline?: {seq: number; searchId: number; day: string; query: Query};
}

export interface TokenForm {
	value: string;
	save: boolean;
	checking: boolean;
	error?: string;
	/** Why the screen is showing: no token at all, or one the service rejected. */
	reason: 'missing' | 'rejected';
}

export interface AppState {
	width: number;
	height: number;
	/** ISO time of the last command, for relative dates (kept here so the reducer stays pure). */
	now: string;
	screen: Screen;
	/** Where Esc returns to from the token or welcome screen. */
	previousScreen: Screen;
	helpOpen: boolean;
	/** First help line shown, when the keys do not fit the screen. */
	helpScroll: number;
	confirm?: Confirm;
	form: FormState;
	/** File types offered in the form: the known seven plus any seen in results. */
	knownTypes: string[];
	rows: Row[];
	/** Rows per file type, maintained as pages arrive. */
	counts: Record<string, number>;
	search: SearchStatus;
	filter: string;
	/** The filter line is open (`/`); `filterBefore` is restored on Esc. */
	filtering: boolean;
	filterBefore: string;
	typeFilter?: string;
	sort: Sort;
	cursor: number;
	scroll: number;
	marks: MarkSet;
	rangeAnchor?: number;
	detailId?: string;
	detailScroll: number;
	baseline?: Baseline;
	/** First line of the check report shown. */
	checkScroll: number;
	exportForm: ExportForm;
	token: TokenForm;
	hasToken: boolean;
	demo: boolean;
	/** The service's host when it is not MAST (`127.0.0.1:8123`): named in the header and on the token screen. */
	service?: string;
	lastCheck?: string;
	/** Earlier queries, newest first (from the settings store), for ^P/^N in the form. */
	history: Query[];
	queue?: QueueSnapshot;
	queueCursor: number;
	/** The queue view shows the cursor file's detail (Enter) instead of the list. */
	queueDetail: boolean;
	/** Where the next `d` proposes to download: -f, else the last folder used, else cassi-data. */
	downloadFolder: string;
	message?: {text: string; tone: 'info' | 'error' | 'success'};
	spinner: number;
	requests: Requests;
	seq: number;
	/** No token and no saved settings: the welcome screen was shown. */
	firstRun: boolean;
}
