import {csvCell} from '../cassi/sanitize.js';
import type {CassiRecord, SearchCut} from '../cassi/types.js';

export interface TypeCount {
	fileType: string;
	count: number;
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
