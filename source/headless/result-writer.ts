/**
 * Headless output written page by page as the search goes, so memory does not grow with the
 * answer and nothing builds the whole output as one string: the list (table, CSV, or one JSON
 * array opened on the first page and closed at the end) writes each page's new files; count and
 * list-filetypes keep only counters and print at the end. Each call returns the text to write.
 */
import {csvCell} from '../cassi/sanitize.js';
import type {CassiRecord, SearchCut} from '../cassi/types.js';
import {countJson, formatCountCsv, formatCountText, listColumns, type Column, type TypeCount} from './format.js';

export type HeadlessAction = 'list' | 'count' | 'types';
export type OutputFormat = 'text' | 'json' | 'csv';

export interface ResultWriter {
	/** Text for one page of files not seen before ('' when there is nothing to write yet). */
	page(records: readonly CassiRecord[]): string;
	/** Text after the last page. */
	end(cut?: SearchCut): string;
}

/** `JSON.stringify(records, null, 2)`'s text for one element, indented as inside the array. */
function jsonElement(record: CassiRecord): string {
	return `  ${JSON.stringify(record, null, 2).replaceAll('\n', '\n  ')}`;
}

class JsonList implements ResultWriter {
	private opened = false;

	page(records: readonly CassiRecord[]): string {
		if (records.length === 0) return '';
		const parts: string[] = [];
		for (const record of records) parts.push(jsonElement(record));
		const head = this.opened ? ',\n' : '[\n';
		this.opened = true;
		return head + parts.join(',\n');
	}

	end(): string {
		return this.opened ? '\n]\n' : '[]\n';
	}
}

class CsvList implements ResultWriter {
	private headed = false;
	constructor(private readonly columns: Column[]) {}

	private header(): string {
		if (this.headed) return '';
		this.headed = true;
		return `${this.columns.map(column => csvCell(column.header)).join(',')}\n`;
	}

	page(records: readonly CassiRecord[]): string {
		if (records.length === 0) return '';
		const lines: string[] = [];
		for (const record of records) lines.push(this.columns.map(column => csvCell(column.value(record))).join(','));
		return `${this.header()}${lines.join('\n')}\n`;
	}

	end(): string {
		return this.header();
	}
}

/**
 * A plain aligned table: fixed columns for grep and awk, one record a line. The widths come from
 * the header and the first page (a whole answer of one page aligns exactly); a longer cell in a
 * later page pushes its line out rather than holding every page back to measure it.
 */
class TextList implements ResultWriter {
	private widths?: number[];
	constructor(private readonly columns: Column[]) {}

	private line(cells: string[]): string {
		return cells.map((cell, index) => cell.padEnd(this.widths![index]!)).join('  ').trimEnd();
	}

	page(records: readonly CassiRecord[]): string {
		if (records.length === 0) return '';
		const rows = records.map(record => this.columns.map(column => column.value(record)));
		let head = '';
		if (!this.widths) {
			this.widths = this.columns.map(column => column.header.length);
			for (const row of rows) for (let index = 0; index < row.length; index++) this.widths[index] = Math.max(this.widths[index]!, row[index]!.length);
			head = `${this.line(this.columns.map(column => column.header))}\n`;
		}
		return `${head}${rows.map(row => this.line(row)).join('\n')}\n`;
	}

	end(): string {
		return '';
	}
}

/**
 * The counters sort file types with localeCompare, whose first call loads ICU's collation data
 * (~6 ms). A writer is made before its search starts: the data loads on the next turn of the event
 * loop, while the service is still working on the answer, instead of after the last page.
 */
function loadCollatorSoon(): void {
	setImmediate(() => 'a'.localeCompare('b'));
}

/** --count: the total and a counter per type, nothing else. */
class Counts implements ResultWriter {
	private readonly counts = new Map<string, number>();
	private total = 0;
	constructor(private readonly format: OutputFormat) {
		loadCollatorSoon();
	}

	page(records: readonly CassiRecord[]): string {
		for (const record of records) this.counts.set(record.fileType, (this.counts.get(record.fileType) ?? 0) + 1);
		this.total += records.length;
		return '';
	}

	end(cut?: SearchCut): string {
		const byType: TypeCount[] = [...this.counts].map(([fileType, count]) => ({fileType, count}));
		byType.sort((a, b) => b.count - a.count || a.fileType.localeCompare(b.fileType));
		const counts = {total: this.total, byType};
		if (this.format === 'json') return `${JSON.stringify(countJson(counts, cut), null, 2)}\n`;
		if (this.format === 'csv') return formatCountCsv(counts);
		return formatCountText(counts);
	}
}

/** --list-filetypes: the distinct types. */
class Types implements ResultWriter {
	private readonly types = new Set<string>();
	constructor(private readonly format: OutputFormat) {
		loadCollatorSoon();
	}

	page(records: readonly CassiRecord[]): string {
		for (const record of records) this.types.add(record.fileType);
		return '';
	}

	end(): string {
		const types = [...this.types].sort((a, b) => a.localeCompare(b));
		if (this.format === 'json') return `${JSON.stringify(types, null, 2)}\n`;
		if (this.format === 'csv') return `${['fileType', ...types.map(type => csvCell(type))].join('\n')}\n`;
		return types.length === 0 ? '' : `${types.join('\n')}\n`;
	}
}

export function resultWriter(action: HeadlessAction, format: OutputFormat, showExpTimes: boolean): ResultWriter {
	if (action === 'count') return new Counts(format);
	if (action === 'types') return new Types(format);
	if (format === 'json') return new JsonList();
	const columns = listColumns(showExpTimes);
	return format === 'csv' ? new CsvList(columns) : new TextList(columns);
}
