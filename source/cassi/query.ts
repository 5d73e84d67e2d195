/**
 * The query model and the search payload, built exactly as the companion script builds it
 * (see ../shared/cassi-api.md): the order of conditions and the select_cols are part of the
 * protocol, and unit tests pin them.
 */
import {checkRange, parseDateInput} from './dates.js';
import {CassiError} from './errors.js';
import {DEFAULT_LIMIT, type Query, type SearchPayload} from './types.js';

export const SELECT_COLS = ['fileType', 'archiveFileName', 'startTime', 'endTime', 'ingestCompletionDate'];

function range(start: string | undefined, end: string | undefined): string | undefined {
	if (start !== undefined && end !== undefined) return `>=${start},<=${end}`;
	if (start !== undefined) return `>=${start}`;
	if (end !== undefined) return `<=${end}`;
	return undefined;
}

export function buildPayload(query: Query, offset = 0, limit = query.limit): SearchPayload {
	const conditions: Array<Record<string, string>> = [{source: 'Eng'}, {dataGroup: 'Eng'}];
	const ingest = range(query.ingestStart, query.ingestEnd);
	if (ingest !== undefined) conditions.push({ingestCompletionDate: ingest});
	if (query.fileTypes && query.fileTypes.length > 0) conditions.push({fileType: query.fileTypes.join(',')});
	if (query.fileNames) conditions.push({archiveFileName: query.fileNames});
	if (query.expStart !== undefined) conditions.push({startTime: `>=${query.expStart}`});
	if (query.expEnd !== undefined) conditions.push({endTime: `<=${query.expEnd}`});
	return {conditions, limit, offset, select_cols: [...SELECT_COLS]};
}

/** `--limit`: a positive whole number, or a usage error. */
export function validateLimit(text: string | number): number {
	const raw = String(text).trim();
	const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
	if (!Number.isSafeInteger(value) || value < 1) {
		throw new CassiError('usage', `limit "${raw}" is not a positive whole number: pass e.g. --limit ${DEFAULT_LIMIT}`);
	}
	return value;
}

export interface QueryOptions {
	ingestStart?: string;
	ingestEnd?: string;
	expStart?: string;
	expEnd?: string;
	/** `"A,B"` as typed, or already a list. */
	filetype?: string | string[];
	/** Patterns as typed (`CGI_*,!CGI_0001*`): passed through to the service. */
	filename?: string;
	limit?: string | number;
}

/** Split a comma list; blanks around commas are the user's typing, not part of a file type. */
export function splitFileTypes(value: string | string[] | undefined): string[] | undefined {
	if (value === undefined) return undefined;
	const items = (Array.isArray(value) ? value : value.split(','))
		.map(item => item.trim())
		.filter(item => item.length > 0);
	return items.length > 0 ? items : undefined;
}

function present(value: string | undefined): string | undefined {
	const text = value?.trim();
	return text ? text : undefined;
}

/**
 * A flag given with nothing in it (`-s ""`, `--filetype ","`) is a mistake, never "everything":
 * an empty filter would silently query the whole archive.
 */
function refuseEmpty(options: QueryOptions): void {
	const dates: Array<[string | undefined, string]> = [
		[options.ingestStart, '-s/--ingestion-start-date'],
		[options.ingestEnd, '-e/--ingestion-end-date'],
		[options.expStart, '--exp-start-date'],
		[options.expEnd, '--exp-end-date'],
	];
	for (const [value, flag] of dates) {
		if (value !== undefined && value.trim() === '') {
			throw new CassiError('usage', `${flag} is empty: pass a date (YYYY-MM-DD, yesterday, -12h) or leave the flag out`);
		}
	}
	if (options.filetype !== undefined && splitFileTypes(options.filetype) === undefined) {
		throw new CassiError('usage', '--filetype names no file type: pass e.g. --filetype "Science CGI Level 0" (see --list-filetypes) or leave the flag out');
	}
	if (options.filename !== undefined && options.filename.split(',').every(name => name.trim() === '')) {
		throw new CassiError('usage', '--filename names no file: pass e.g. --filename "CGI_00011850,CGI_*" or leave the flag out');
	}
}

/** Options as the CLI or the form hold them → a checked Query (usage errors name the flag). */
export function queryFromOptions(options: QueryOptions, now: Date = new Date()): Query {
	refuseEmpty(options);
	const date = (value: string | undefined, edge: 'start' | 'end', flag: string) => {
		const text = present(value);
		return text === undefined ? undefined : parseDateInput(text, edge, now, flag);
	};
	const query: Query = {
		ingestStart: date(options.ingestStart, 'start', '--ingestion-start-date'),
		ingestEnd: date(options.ingestEnd, 'end', '--ingestion-end-date'),
		expStart: date(options.expStart, 'start', '--exp-start-date'),
		expEnd: date(options.expEnd, 'end', '--exp-end-date'),
		fileTypes: splitFileTypes(options.filetype),
		fileNames: present(options.filename),
		limit: options.limit === undefined ? DEFAULT_LIMIT : validateLimit(options.limit),
	};
	checkRange(query.ingestStart, query.ingestEnd, 'ingestion');
	checkRange(query.expStart, query.expEnd, 'exposure');
	for (const key of Object.keys(query) as Array<keyof Query>) {
		if (query[key] === undefined) delete query[key];
	}
	return query;
}
