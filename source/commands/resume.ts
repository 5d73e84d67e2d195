import type {ResumeFlags} from '../cli/subcommands.js';
import {connect, type ConnectionFlags} from '../cli/connection.js';
import {downloadOutput, parseParallel} from '../cli/download-output.js';
import {onShutdown} from '../cli/shutdown.js';
import {loadJournal, journalPath} from '../cassi/download/journal.js';
import {resolveApiUrl, sameApi} from '../cassi/endpoints.js';
import {CassiError} from '../cassi/errors.js';
import {sanitizeText} from '../cassi/sanitize.js';

/**
 * Where to resume from: --demo or --api-url when given, else what the journal recorded
 * (the demo archive is started again; a real service's URL is reused), else the usual default.
 */
async function resumeConnection(folder: string, flags: ResumeFlags) {
	if (flags.demo || flags.apiUrl) return connect(flags);
	const journal = await loadJournal(folder);
	if (!journal) {
		throw new CassiError('usage', `nothing to resume: no download journal (${journalPath(folder)}); start one with --download`);
	}
	return connectAsRecorded(journal, folder, flags, 'resume');
}

/**
 * Connect as a folder's file recorded (the journal, or `cassi sync`'s saved query): the demo
 * archive again, or the API URL in force — a file anyone who can write the folder can plant
 * never decides where the token goes, unless it names the URL in force anyway.
 */
export async function connectAsRecorded(
	recorded: {apiUrl?: string; demo?: boolean},
	folder: string,
	flags: ConnectionFlags,
	command: 'resume' | 'sync',
) {
	if (flags.demo || flags.apiUrl) return connect(flags);
	if (recorded.demo) return connect({...flags, demo: true});
	const inForce = resolveApiUrl(undefined);
	if (recorded.apiUrl !== undefined && !sameApi(recorded.apiUrl, inForce)) {
		const url = sanitizeText(recorded.apiUrl).slice(0, 200);
		const where = sanitizeText(folder);
		throw new CassiError(
			'usage',
			`the downloads in ${where} came from ${url}: run \`cassi ${command} ${where} --api-url ${url}\` to continue (cassi never sends your token to an address read from a file)`,
		);
	}
	return connect(flags);
}

/** `cassi resume [FOLDER]`: the journal in the folder says what is left to fetch. */
export async function resumeCommand(folder: string, flags: ResumeFlags): Promise<number> {
	const parallel = parseParallel(flags.parallel);
	const connection = await resumeConnection(folder, flags);
	const controller = new AbortController();
	const stop = onShutdown(() => controller.abort());
	try {
		const {runResume} = await import('../headless/download.js');
		return await runResume({
			folder,
			apiUrl: connection.apiUrl,
			token: connection.token,
			parallel,
			...downloadOutput(flags, controller.signal, connection.demo),
		});
	} finally {
		stop();
		await connection.close();
	}
}
