/**
 * The morning check, as pure computation: from the records of one search over a day and the
 * N days before it, each file type's count against its baseline (median, range, median bytes)
 * and a status. `cassi check` prints it (source/headless/check.ts); the browser shows the same
 * numbers. No I/O here, no terminal.
 */
import {cutLine} from './cut.js';
import {recordSize} from './records.js';
import {EXIT} from './errors.js';
import type {CassiRecord, Query, SearchCut} from './types.js';

export type CheckStatus = 'ok' | 'missing' | 'low' | 'high' | 'new';

export interface CheckLine {
	count: number;
	bytes: number;
	median: number;
	min: number;
	max: number;
	medianBytes: number;
	/** Counts on the baseline days, oldest first. */
	baseline: number[];
	status: CheckStatus;
}

export interface TypeCheck extends CheckLine {
	type: string;
}

export interface CheckReport {
	date: string;
	baselineDays: number;
	/** The baseline's first and last day. */
	baselineFrom: string;
	baselineTo: string;
	total: CheckLine;
	types: TypeCheck[];
	anomalies: string[];
	/** The search was cut before every file arrived: the counts are too low. */
	truncated: boolean;
	/** The service's total when the search was cut and the service sent one. */
	serviceTotal?: number;
}

export const DEFAULT_BASELINE_DAYS = 7;
export const MAX_BASELINE_DAYS = 90;
const DAY_MS = 86_400_000;

/** `2025-10-04` minus n days. */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The one search a check makes: the N days before DAY and DAY itself. */
export function checkQuery(day: string, baselineDays: number, base: Pick<Query, 'fileTypes' | 'limit'>): Query {
	const query: Query = {ingestStart: `${addDays(day, -baselineDays)}T00:00:00`, ingestEnd: `${day}T23:59:59`, limit: base.limit};
	if (base.fileTypes && base.fileTypes.length > 0) query.fileTypes = base.fileTypes;
	return query;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * missing: none where the median is at least 1; low: under half the median; high: over twice
 * the median (median at least 1 for both, so a type seen on half the days is never flagged);
 * new: absent from every baseline day.
 */
export function checkStatus(count: number, baseline: readonly number[]): CheckStatus {
	const typical = median(baseline);
	if (count > 0 && baseline.every(n => n === 0)) return 'new';
	if (typical >= 1) {
		if (count === 0) return 'missing';
		if (count < typical / 2) return 'low';
		if (count > typical * 2) return 'high';
	}
	return 'ok';
}

export const isAnomaly = (status: CheckStatus): boolean => status === 'missing' || status === 'low' || status === 'high';

export interface CheckInput {
	date: string;
	baselineDays: number;
	/** Types to report even when no file of them arrived (the --filetype list). */
	fileTypes?: string[];
	truncated?: boolean;
	/** How the search was cut, when known: worded as a headless search words it (cut.ts), in files. */
	cut?: {shown: number; cut: SearchCut; limit: number};
}

interface Tally {
	counts: number[];
	bytes: number[];
}

function line(tally: Tally, baselineDays: number): CheckLine {
	const baseline = tally.counts.slice(0, baselineDays);
	const count = tally.counts[baselineDays]!;
	return {
		count,
		bytes: tally.bytes[baselineDays]!,
		median: median(baseline),
		min: Math.min(...baseline),
		max: Math.max(...baseline),
		medianBytes: median(tally.bytes.slice(0, baselineDays)),
		baseline,
		status: checkStatus(count, baseline),
	};
}

/** Numbers for words: 141.5 → "141.5", 17 → "17". */
export function typical(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function sentence(name: string, entry: CheckLine, date: string, days: number): string | undefined {
	const usual = `${typical(entry.median)} (${entry.min}–${entry.max})`;
	switch (entry.status) {
		case 'missing':
			return `${name}: none on ${date}, usually ${usual}`;
		case 'low':
			return `${name}: only ${entry.count} on ${date}, usually ${usual}`;
		case 'high':
			return `${name}: ${entry.count} on ${date}, over twice the usual ${usual}`;
		case 'new':
			return `${name}: ${entry.count} on ${date}, none in the ${days} days before (new)`;
		case 'ok':
			return undefined;
	}
}

/** Tally the records by ingest day (the first 10 characters of ingestCompletionDate) and judge DAY. */
export function buildCheckReport(records: Iterable<CassiRecord>, input: CheckInput): CheckReport {
	const {date, baselineDays} = input;
	const first = addDays(date, -baselineDays);
	const slots = baselineDays + 1;
	const empty = (): Tally => ({counts: new Array<number>(slots).fill(0), bytes: new Array<number>(slots).fill(0)});
	const total = empty();
	const byType = new Map<string, Tally>();
	for (const type of input.fileTypes ?? []) byType.set(type, empty());
	const firstMs = Date.parse(`${first}T00:00:00Z`);
	for (const record of records) {
		const day = record.ingestCompletionDate.slice(0, 10);
		const index = Math.round((Date.parse(`${day}T00:00:00Z`) - firstMs) / DAY_MS);
		if (!(index >= 0 && index < slots)) continue;
		const size = recordSize(record) ?? 0;
		let tally = byType.get(record.fileType);
		if (!tally) byType.set(record.fileType, (tally = empty()));
		for (const t of [tally, total]) {
			t.counts[index]!++;
			t.bytes[index]! += size;
		}
	}
	const types = [...byType]
		.map(([type, tally]) => ({type, ...line(tally, baselineDays)}))
		.sort((a, b) => a.type.localeCompare(b.type));
	const totalLine = line(total, baselineDays);
	const anomalies: string[] = [];
	if (input.truncated) {
		anomalies.push(
			input.cut
				? `incomplete: ${cutLine(input.cut.shown, input.cut.cut, input.cut.limit)}`
				: 'incomplete: the search was cut before every file arrived, so counts are too low: raise --limit or check fewer --days',
		);
	}
	for (const entry of types) {
		const text = sentence(entry.type, entry, date, baselineDays);
		if (text) anomalies.push(text);
	}
	const totalText = sentence('All files', totalLine, date, baselineDays);
	if (totalText) anomalies.push(totalText);
	const report: CheckReport = {
		date,
		baselineDays,
		baselineFrom: first,
		baselineTo: addDays(date, -1),
		total: totalLine,
		types,
		anomalies,
		truncated: Boolean(input.truncated),
	};
	if (input.truncated && input.cut?.cut.total !== undefined) report.serviceTotal = input.cut.cut.total;
	return report;
}

/** 0 when every status is ok or new; 4 when anything is missing, low or high, or the result was cut. */
export function checkExitCode(report: CheckReport): number {
	if (report.truncated) return EXIT.anomaly;
	return isAnomaly(report.total.status) || report.types.some(entry => isAnomaly(entry.status)) ? EXIT.anomaly : EXIT.ok;
}
