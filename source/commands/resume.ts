import type {ResumeFlags} from '../cli/subcommands.js';
import {connect} from '../cli/connection.js';
import {onShutdown} from '../cli/shutdown.js';
import {CassiError} from '../cassi/errors.js';

/** `cassi resume [FOLDER]`: the journal in the folder says what is left to fetch. */
export async function resumeCommand(folder: string, flags: ResumeFlags): Promise<number> {
	const parallel = Number(flags.parallel);
	if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) {
		throw new CassiError('usage', `--parallel "${flags.parallel}" is not a whole number from 1 to 64`);
	}
	const connection = await connect(flags);
	const controller = new AbortController();
	const stop = onShutdown(() => controller.abort());
	try {
		const {runResume} = await import('../cassi/download/headless.js');
		return await runResume({
			folder,
			apiUrl: connection.apiUrl,
			token: connection.token,
			parallel,
			quiet: Boolean(flags.quiet),
			json: Boolean(flags.json),
			manifestPath: flags.manifest,
			stdout: process.stdout,
			stderr: process.stderr,
			isTTY: Boolean(process.stderr.isTTY),
			columns: process.stderr.columns ?? 80,
			signal: controller.signal,
		});
	} finally {
		stop();
		await connection.close();
	}
}
