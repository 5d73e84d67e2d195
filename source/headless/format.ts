import {csvCell} from '../cassi/sanitize.js';
import type {CassiRecord, SearchCut} from '../cassi/types.js';

export interface TypeCount {
	fileType: string;
	count: number;
}

/** Per-type counts, most first, ties by name, as the companion script's --count prints them. */
export function countByType(records: readonly CassiRecord[]): {total: number; byType: TypeCount[]} {
	const counts = new Map<string, number>();
	for (const record of records) counts.set(record.fileType, (counts.get(record.fileType) ?? 0) + 1);
	const byType = [...counts].map(([fileType, count]) => ({fileType, count}));
	byType.sort((a, b) => b.count - a.count || a.fileType.localeCompare(b.fileType));
	return {total: records.length, byType};
}

export function distinctTypes(records: readonly CassiRecord[]): string[] {
	return [...new Set(records.map(record => record.fileType))].sort((a, b) => a.localeCompare(b));
}

export interface Column {
	header: string;
	value: (record: CassiRecord) => string;
}

export function listColumns(showExpTimes: boolean): Column[] {
	const columns: Column[] = [
		{header: 'archiveFileName', value: r => r.archiveFileName},
		{header: 'fileType', value: r => r.fileType},
		{header: 'ingestCompletionDate', value: r => r.ingestCompletionDate},
	];
	if (showExpTimes) {
		columns.push(
			{header: 'startTime', value: r => r.times?.startTime ?? ''},
			{header: 'endTime', value: r => r.times?.endTime ?? ''},
		);
	}
	return columns;
}

/** A plain aligned table: fixed columns for grep and awk, one record a line. */
export function formatTable(records: readonly CassiRecord[], columns: Column[]): string {
	const rows = records.map(record => columns.map(column => column.value(record)));
	const widths = columns.map((column, index) =>
		Math.max(column.header.length, ...rows.map(row => row[index]!.length)),
	);
	const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd();
	return [line(columns.map(column => column.header)), ...rows.map(line)].join('\n') + '\n';
}

export function formatCsv(records: readonly CassiRecord[], columns: Column[]): string {
	const lines = [columns.map(column => csvCell(column.header)).join(',')];
	for (const record of records) lines.push(columns.map(column => csvCell(column.value(record))).join(','));
	return lines.join('\n') + '\n';
}

export function formatCountText(counts: {total: number; byType: TypeCount[]}): string {
	const labels = ['Total files:', ...counts.byType.map(entry => `${entry.fileType}:`)];
	const numbers = [counts.total, ...counts.byType.map(entry => entry.count)].map(String);
	const labelWidth = Math.max(...labels.map(label => label.length));
	const numberWidth = Math.max(...numbers.map(number => number.length));
	return labels.map((label, index) => `${label.padEnd(labelWidth)} ${numbers[index]!.padStart(numberWidth)}`).join('\n') + '\n';
}

export function formatCountCsv(counts: {total: number; byType: TypeCount[]}): string {
	// Only type rows: a "Total" row would read as one more type to a script; the total is their sum.
	return ['fileType,count', ...counts.byType.map(entry => `${csvCell(entry.fileType)},${entry.count}`)].join('\n') + '\n';
}

export interface CountJson {
	total: number;
	byType: Record<string, number>;
	/** More files match than were counted: the limit cut the newest, or the service sent fewer. */
	truncated: boolean;
	/** The service's totalResults, when the answer was cut and it sent one. */
	serviceTotal?: number;
}

export function countJson(counts: {total: number; byType: TypeCount[]}, cut?: SearchCut): CountJson {
	return {
		total: counts.total,
		byType: Object.fromEntries(counts.byType.map(entry => [entry.fileType, entry.count])),
		truncated: cut !== undefined,
		...(cut?.total === undefined ? {} : {serviceTotal: cut.total}),
	};
}
