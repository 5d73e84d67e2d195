/**
 * `cassi check` for people and scripts: a compact table (type, count, typical, a sparkline of
 * the baseline days, status) then one line per anomaly in words; or the report as JSON.
 */
import type {CheckLine, CheckReport} from '../cassi/check.js';
import {typical} from '../cassi/check.js';
import {sparkline} from '../state/timeline.js';

/** Baseline days drawn in the sparkline at most (the latest ones), to stay within 80 columns. */
const SPARK_DAYS = 14;
const TYPE_WIDTH = 40;

function fit(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function typicalCell(entry: CheckLine): string {
	return `${typical(entry.median)} (${entry.min}–${entry.max})`;
}

export function formatCheckText(report: CheckReport): string {
	const days = Math.min(SPARK_DAYS, report.baselineDays);
	const rows = [
		...report.types.map(entry => ({name: entry.type, entry})),
		{name: 'All files', entry: report.total},
	];
	const cells = rows.map(({name, entry}) => {
		const shown = entry.baseline.slice(-days);
		return [fit(name, TYPE_WIDTH), String(entry.count), typicalCell(entry), sparkline(shown, Math.max(...shown)), entry.status];
	});
	const header = ['type', 'count', 'typical', days === report.baselineDays ? `${days} days` : `last ${days}`, 'status'];
	const widths = header.map((title, column) => Math.max(title.length, ...cells.map(row => row[column]!.length)));
	const right = new Set([1]);
	const render = (row: string[]) =>
		row.map((cell, column) => (right.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
	const lines = [
		`${report.date}: ${report.total.count} files, against ${report.baselineFrom}..${report.baselineTo} (${report.baselineDays} days before)`,
		'',
		render(header),
		...cells.map(render),
		'',
	];
	if (report.anomalies.length === 0) lines.push('Everything looks normal.');
	else lines.push(...report.anomalies);
	return `${lines.join('\n')}\n`;
}

/** The shape first (date, baselineDays, total, types, anomalies, truncated), extras after. */
export function checkJson(report: CheckReport): unknown {
	const line = (entry: CheckLine) => ({
		count: entry.count,
		bytes: entry.bytes,
		median: entry.median,
		min: entry.min,
		max: entry.max,
		status: entry.status,
		medianBytes: entry.medianBytes,
		baseline: entry.baseline,
	});
	return {
		date: report.date,
		baselineDays: report.baselineDays,
		total: line(report.total),
		types: report.types.map(entry => ({type: entry.type, ...line(entry)})),
		anomalies: report.anomalies,
		truncated: report.truncated,
		baselineFrom: report.baselineFrom,
		baselineTo: report.baselineTo,
		...(report.serviceTotal === undefined ? {} : {serviceTotal: report.serviceTotal}),
	};
}
