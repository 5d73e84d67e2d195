import {NO_TOKEN_MESSAGE} from '../cassi/client.js';
import {assertSafeForToken, endpoints, resolveApiUrl} from '../cassi/endpoints.js';
import {cutLine} from '../cassi/cut.js';
import {CassiError, EXIT} from '../cassi/errors.js';
import {queryFromOptions, validateLimit} from '../cassi/query.js';
import type {Query} from '../cassi/types.js';
import {readLastCheck} from '../cassi/watermark.js';
import {resultWriter} from '../headless/result-writer.js';
import {emptyAnswer, runSearch, type HeadlessAction, type OutputFormat} from '../headless/search.js';
import {describeWindow} from '../headless/window.js';
import {fileTypeHints} from './file-type-hint.js';
import {waitingFor} from './timeout.js';
import {connect, startDemo} from './connection.js';
import {downloadOutput, parseParallel} from './download-output.js';
import type {RootOptions} from './program.js';
import {exitIfInterrupted, onShutdown} from './shutdown.js';

const DEFAULT_FOLDER = 'cassi-data';

export function parseQuery(options: RootOptions, now = new Date()): Query {
	const limit = validateLimit(options.limit);
	return queryFromOptions(
		{
			ingestStart: options.ingestionStartDate,
			ingestEnd: options.ingestionEndDate,
			expStart: options.expStartDate,
			expEnd: options.expEndDate,
			filetype: options.filetype,
			filename: options.filename,
			limit,
		},
		now,
	);
}

/**
 * `-s last-check`: the start the browser's `L` would use for this API URL. Read only — a
 * headless run never moves the watermark (a script's cut or filtered answer is not "seen").
 */
export async function withLastCheck(options: RootOptions, env: NodeJS.ProcessEnv = process.env): Promise<RootOptions> {
	if (options.ingestionStartDate?.trim().toLowerCase() !== 'last-check') return options;
	if (options.demo) {
		throw new CassiError('usage', '-s last-check reads the real archive\'s last check; the demo keeps none: pass a date such as -s 2025-10-04');
	}
	const apiUrl = resolveApiUrl(options.apiUrl, env);
	const {openStore} = await import('../cassi/store.js');
	const start = readLastCheck(openStore(env), apiUrl);
	if (start === undefined) {
		throw new CassiError('usage', `no complete check of ${apiUrl} is recorded yet: run one in the browser (cassi, then Y), or pass a date to -s`);
	}
	return {...options, ingestionStartDate: start};
}

function chosenAction(options: RootOptions): HeadlessAction | 'download' | undefined {
	const chosen = [
		options.download && 'download',
		options.count && 'count',
		options.listFiletypes && 'types',
	].filter(Boolean) as Array<HeadlessAction | 'download'>;
	if (chosen.length > 1) {
		throw new CassiError('usage', 'choose one action: --count, --list-filetypes or --download');
	}
	return chosen[0];
}

const hasQueryFlags = (options: RootOptions) =>
	Boolean(options.ingestionStartDate ?? options.ingestionEndDate ?? options.expStartDate ?? options.expEndDate ?? options.filetype ?? options.filename);

/** Write to stdout, waiting while a slow reader has a full pipe (so pages do not pile up in memory). */
function writeOut(text: string): Promise<void> | undefined {
	if (!text || process.stdout.write(text)) return undefined;
	return new Promise(resolve => process.stdout.once('drain', resolve));
}

/** The root command: interactive browser on a terminal, else the companion script's actions. */
export async function rootAction(given: RootOptions): Promise<number> {
	const options = await withLastCheck(given);
	const query = parseQuery(options);
	const action = chosenAction(options);
	const format: OutputFormat = options.json ? 'json' : options.csv ? 'csv' : 'text';
	const parallel = parseParallel(options.parallel);
	const waiting = waitingFor(options);
	const interactive = action === undefined && format === 'text' && process.stdin.isTTY && process.stdout.isTTY;

	if (interactive) {
		// --no-color is NO_COLOR for this process: the theme reads the one variable.
		if (options.color === false) process.env.NO_COLOR = '1';
		// On a terminal, a CI variable left in the shell must not make Ink hold every frame until
		// exit (is-in-ci, read when Ink loads); React's production build keeps key presses quick.
		delete process.env.CI;
		delete process.env.CONTINUOUS_INTEGRATION;
		process.env.NODE_ENV ??= 'production';
		const {runTui} = await import('../ui/run.js');
		const {openStore} = await import('../cassi/store.js');
		const connection = await connect(options);
		try {
			return await runTui({
				apiUrl: connection.apiUrl,
				token: connection.token,
				tokenSource: connection.tokenSource,
				initialQuery: query,
				autoRun: hasQueryFlags(options),
				demo: connection.demo,
				store: openStore(),
				folder: options.folder,
				parallel,
				startDemo,
				timeoutMs: waiting.timeoutMs,
			});
		} finally {
			await connection.close();
		}
	}

	const connection = await connect(options);
	const controller = new AbortController();
	const stopShutdown = onShutdown(() => controller.abort());
	try {
		if (connection.token === undefined) throw new CassiError('auth', NO_TOKEN_MESSAGE);
		// Refused before the window is echoed: that refusal is the run's one line.
		assertSafeForToken(endpoints(connection.apiUrl).search);
		if (!options.quiet) process.stderr.write(`${describeWindow(query)}\n`);
		// Listing, counting: each page is written (or counted) as it arrives and not kept.
		const writer = action === 'download' ? undefined : resultWriter(action ?? 'list', format, Boolean(options.showExpTimes));
		const outcome = await runSearch({
			apiUrl: connection.apiUrl,
			token: connection.token,
			query,
			signal: controller.signal,
			progress: options.quiet ? undefined : process.stderr,
			...waiting,
			keep: !writer,
			// Counted, not shown: a plain body is read for each row's file type and identity, not parsed into whole rows.
			countOnly: action === 'count' || action === 'types',
			onPage: writer ? page => writeOut(writer.page(page.records)) : undefined,
		});
		const {records} = outcome;
		for (const hint of fileTypeHints(query.fileTypes, outcome.fileTypes)) process.stderr.write(`cassi: ${hint}\n`);
		const empty = emptyAnswer(outcome);
		if (empty) process.stderr.write(`${empty.failed ? 'cassi: ' : ''}${empty.line}\n`);
		if (empty?.failed) return EXIT.failed;
		// Never a quiet partial answer, -q or not: the limit dropped the newest files, or the service sent fewer.
		if (outcome.cut && outcome.count > 0) process.stderr.write(`${cutLine(outcome.count, outcome.cut, query.limit)}\n`);
		if (action === 'download') {
			const {runHeadlessDownload} = await import('../headless/download.js');
			return await runHeadlessDownload({
				records,
				apiUrl: connection.apiUrl,
				token: connection.token!,
				folder: options.folder ?? DEFAULT_FOLDER,
				parallel,
				overwrite: Boolean(options.overwrite),
				...downloadOutput({...options, json: format === 'json'}, controller.signal, connection.demo),
			});
		}
		await writeOut(writer!.end(outcome.cut));
		return EXIT.ok;
	} catch (error) {
		return exitIfInterrupted(controller.signal, error);
	} finally {
		stopShutdown();
		await connection.close();
	}
}
