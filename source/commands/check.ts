/**
 * `cassi check [--date DAY] [--days N] [--json]`: one search over DAY and the N days before it,
 * each file type's count against its baseline, exit 4 when anything is missing, low or high.
 */
import {buildCheckReport, checkExitCode, checkQuery, DEFAULT_BASELINE_DAYS, MAX_BASELINE_DAYS} from '../cassi/check.js';
import {NO_TOKEN_MESSAGE} from '../cassi/client.js';
import {parseDateInput} from '../cassi/dates.js';
import {CassiError} from '../cassi/errors.js';
import {queryFromOptions} from '../cassi/query.js';
import {connect} from '../cli/connection.js';
import {fileTypeHints} from '../cli/file-type-hint.js';
import {exitIfInterrupted, onShutdown} from '../cli/shutdown.js';
import {waitingFor} from '../cli/timeout.js';
import {checkJson, formatCheckText} from '../headless/check.js';
import {runSearch} from '../headless/search.js';

export interface CheckFlags {
	date?: string;
	days: string;
	json?: boolean;
	filetype?: string;
	limit: string;
	token?: string;
	apiUrl?: string;
	timeout?: string;
	demo?: boolean;
}

/** `--date`: the forms -s takes (2025-10-04, yesterday, -2d); the UTC day it falls on. */
export function parseCheckDay(text: string | undefined, now: Date = new Date()): string {
	return parseDateInput(text ?? 'yesterday', 'start', now, '--date').slice(0, 10);
}

export function parseBaselineDays(text: string): number {
	const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
	if (!(value >= 1 && value <= MAX_BASELINE_DAYS)) {
		throw new CassiError('usage', `--days "${text}" is not a whole number from 1 to ${MAX_BASELINE_DAYS}: the baseline is that many days before --date (default ${DEFAULT_BASELINE_DAYS})`);
	}
	return value;
}

export async function checkCommand(flags: CheckFlags): Promise<number> {
	const day = parseCheckDay(flags.date);
	const baselineDays = parseBaselineDays(flags.days);
	// The root command's checks: an empty --filetype is a usage error, never "every type".
	const {fileTypes, limit} = queryFromOptions({filetype: flags.filetype, limit: flags.limit});
	const query = checkQuery(day, baselineDays, {fileTypes, limit});
	const waiting = waitingFor(flags);
	const connection = await connect(flags);
	const controller = new AbortController();
	const stop = onShutdown(() => controller.abort());
	try {
		if (connection.token === undefined) throw new CassiError('auth', NO_TOKEN_MESSAGE);
		const {records, count, cut, fileTypes: found} = await runSearch({
			apiUrl: connection.apiUrl,
			token: connection.token,
			query,
			signal: controller.signal,
			progress: process.stderr,
			...waiting,
		});
		for (const hint of fileTypeHints(fileTypes, found)) process.stderr.write(`cassi: ${hint}\n`);
		const truncated = cut !== undefined;
		const report = buildCheckReport(records, {
			date: day,
			baselineDays,
			fileTypes: fileTypes?.filter(type => !type.startsWith('!')),
			truncated,
			...(cut ? {cut: {shown: count, cut, limit: query.limit}} : {}),
		});
		if (truncated) process.stderr.write(`cassi: ${report.anomalies[0]}\n`);
		process.stdout.write(flags.json ? `${JSON.stringify(checkJson(report), null, 2)}\n` : formatCheckText(report));
		return checkExitCode(report);
	} catch (error) {
		return exitIfInterrupted(controller.signal, error);
	} finally {
		stop();
		await connection.close();
	}
}
