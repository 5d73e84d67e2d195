/**
 * Validation of search and download request bodies. Anything malformed becomes a
 * PayloadError, which the server answers with 400 and its message.
 */
import {GrammarError, type FieldKind, parseCondition, type ParsedCondition} from './grammar.js';

export class PayloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PayloadError';
	}
}

/** The condition keys the Eng search accepts, and how each is matched. */
export const CONDITION_FIELDS: Record<string, FieldKind> = {
	ingestCompletionDate: 'date',
	fileType: 'text',
	archiveFileName: 'filename',
	startTime: 'date',
	endTime: 'date',
};

export interface SearchRequest {
	conditions: Array<Record<string, string>>;
	parsed: Array<{field: string; condition: ParsedCondition}>;
	limit?: number;
	offset: number;
}

function parseJsonObject(text: string): Record<string, unknown> {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new PayloadError('request body is not valid JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new PayloadError('request body must be a JSON object');
	return body as Record<string, unknown>;
}

/** `scope` is the value source/dataGroup must have ('Eng'), or undefined to accept any (RITA). */
export function parseSearchBody(text: string, scope: string | undefined): SearchRequest {
	const body = parseJsonObject(text);
	const conditions = body.conditions ?? [];
	if (!Array.isArray(conditions)) throw new PayloadError('"conditions" must be an array of one-key objects');
	const parsed: SearchRequest['parsed'] = [];
	for (const item of conditions) {
		if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new PayloadError('each condition must be an object with one key');
		const keys = Object.keys(item);
		if (keys.length !== 1) throw new PayloadError(`each condition must have exactly one key, not ${keys.length}`);
		const key = keys[0];
		const value = (item as Record<string, unknown>)[key];
		if (typeof value !== 'string') throw new PayloadError(`condition "${key}" must have a string value`);
		if (key === 'source' || key === 'dataGroup') {
			if (scope !== undefined && value !== scope) throw new PayloadError(`condition "${key}" must be "${scope}"`);
			continue;
		}
		const kind = CONDITION_FIELDS[key];
		if (!kind) throw new PayloadError(`unknown condition "${key}"`);
		try {
			parsed.push({field: key, condition: parseCondition(kind, value)});
		} catch (error) {
			if (error instanceof GrammarError) throw new PayloadError(`condition "${key}": ${error.message}`);
			throw error;
		}
	}
	let limit: number | undefined;
	if (body.limit !== undefined) {
		if (typeof body.limit !== 'number' || !Number.isInteger(body.limit) || body.limit < 1) throw new PayloadError('"limit" must be a whole number above 0');
		limit = body.limit;
	}
	let offset = 0;
	if (body.offset !== undefined) {
		if (typeof body.offset !== 'number' || !Number.isInteger(body.offset) || body.offset < 0) throw new PayloadError('"offset" must be a whole number >= 0');
		offset = body.offset;
	}
	if (body.select_cols !== undefined && (!Array.isArray(body.select_cols) || body.select_cols.some(c => typeof c !== 'string'))) {
		throw new PayloadError('"select_cols" must be an array of column names');
	}
	return {conditions: conditions as Array<Record<string, string>>, parsed, limit, offset};
}

export function parseDownloadBody(text: string): string {
	const body = parseJsonObject(text);
	if (typeof body.product_url !== 'string' || body.product_url === '') throw new PayloadError('"product_url" must be a non-empty string');
	return body.product_url;
}
