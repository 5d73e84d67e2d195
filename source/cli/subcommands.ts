import {Argument, Command, Option} from 'commander';
import {resolveApiUrl} from '../cassi/endpoints.js';
import {CassiError, EXIT} from '../cassi/errors.js';
import type {CheckFlags} from '../commands/check.js';
import {EMULATOR_TOKEN} from '../cassi/types.js';
import type {SyncFlags} from '../commands/sync.js';
import type {RawEmulatorFlags} from '../emulator/command.js';
import {timeoutOption} from './timeout.js';

type Runner = (work: () => Promise<number>) => () => Promise<void>;

/** login, logout, token, emulator, resume, completion — each with its own --help. */
export function defineSubcommands(program: Command, run: Runner): void {
	program
		.command('login')
		.description('read a MAST token (masked, or from a pipe), check it, and save it (mode 0600)')
		.option('--api-url <url>', 'CaSSI API base URL to check the token against')
		.option('--no-check', 'save without checking (the service cannot be reached now)')
		.action((options: {apiUrl?: string; check: boolean}) =>
			run(async () => {
				const {login} = await import('../commands/login.js');
				return login({apiUrl: resolveApiUrl(options.apiUrl), check: options.check});
			})(),
		);

	program
		.command('logout')
		.description('remove the saved token')
		.action(() =>
			run(async () => {
				const {logout} = await import('../commands/login.js');
				return logout();
			})(),
		);

	program
		.command('token')
		.description('say where the token in force comes from (shows at most its last 4 characters)')
		.option('-t, --token <token>', 'as the main command would receive it')
		.action((options: {token?: string}) =>
			run(async () => {
				const {showToken} = await import('../commands/token.js');
				return showToken(options.token);
			})(),
		);

	program
		.command('emulator')
		.description('serve a local CaSSI-compatible API with a synthetic archive on 127.0.0.1 (prints READY <url>)')
		.addOption(new Option('--port <n>', 'port, 0 for a free one').default('0', '0'))
		.addOption(new Option('--seed <n>', 'archive seed').default('1', '1'))
		.option('--token <token>', `the token it accepts (default: "${EMULATOR_TOKEN}")`)
		.option('--latency <ms>', 'delay before each response')
		.option('--reuse-latency <ms>', 'extra delay for each later request on a kept-alive connection')
		.option('--max-downloads <n>', 'refuse downloads beyond n at once with 429 (Retry-After: 1)')
		.option('--rate <bytesPerSecond>', 'per-connection download bandwidth')
		.option('--scale <n>', 'multiply the daily volume (100 gives 50,000+ rows a week)')
		.option('--quiet', 'no request log on stderr')
		.option('--page-size <n>', 'most rows one search response returns')
		.option('--count-mode <mode>', 'what offset, limit and totalResults count: raw (rows, repeats included; default) or distinct (files)')
		.action((options: RawEmulatorFlags) =>
			run(async () => {
				const {parseEmulatorFlags, runEmulatorCommand} = await import('../emulator/command.js');
				await runEmulatorCommand(parseEmulatorFlags(options));
				return EXIT.ok;
			})(),
		);

	program
		.command('check')
		.description('the morning check: each file type\'s count on a day against the days before it (exit 4 on anything missing, low or high)')
		.option('--date <day>', 'the day to check (UTC): 2025-10-04, yesterday, -2d (default yesterday)')
		.addOption(new Option('--days <n>', 'baseline: this many days before --date').default('7', '7'))
		.option('--filetype <types>', 'check only these file types, comma-separated ("A,B")')
		.option('--json', 'print the report as JSON')
		.addOption(new Option('-l, --limit <n>', 'maximum number of results for the whole search').default('50000', '50000'))
		.option('-t, --token <token>', 'MAST API token')
		.option('--api-url <url>', 'CaSSI API base URL')
		.addOption(timeoutOption())
		.option('--demo', 'use the embedded demo archive (no account, no network)')
		.action((options: CheckFlags) =>
			run(async () => {
				const {checkCommand} = await import('../commands/check.js');
				return checkCommand(options);
			})(),
		);

	program
		.command('resume')
		.description('continue an interrupted download from the journal in FOLDER')
		.addArgument(new Argument('[folder]', 'download folder').default('cassi-data', 'cassi-data'))
		.option('-t, --token <token>', 'MAST API token')
		.option('--api-url <url>', 'CaSSI API base URL')
		.option('--demo', 'the folder was downloaded from the demo archive')
		.addOption(new Option('-j, --parallel <n>', 'files downloaded at once (default: 3, up to 16 when the files are small)'))
		.option('-q, --quiet', 'no progress, only the summary and errors')
		.option('--json', 'print the manifest as JSON')
		.option('--manifest <file>', 'write a per-file manifest (JSON) here')
		.action((folder: string, options: ResumeFlags) =>
			run(async () => {
				const {resumeCommand} = await import('../commands/resume.js');
				return resumeCommand(folder, options);
			})(),
		);

	program
		.command('sync')
		.description('mirror a query into FOLDER for cron: the first run needs -s; later runs fetch what arrived since, with an overlap for late files')
		.argument('<folder>', 'the mirror folder (the query is saved there, beside the download journal)')
		.option('-s, --ingestion-start-date <date>', 'first run: where the mirror begins (UTC); the end is always now')
		.option('--filetype <types>', 'first run: file types, exact, comma-separated ("A,B")')
		.option('--filename <names>', 'first run: file names, comma-separated; * wildcards')
		.option('-l, --limit <n>', 'maximum number of results per run (default 50000)')
		.option('-t, --token <token>', 'MAST API token')
		.option('--api-url <url>', 'CaSSI API base URL')
		.addOption(timeoutOption())
		.option('--demo', 'use the embedded demo archive (no account, no network)')
		.addOption(new Option('-j, --parallel <n>', 'files downloaded at once (default: 3, up to 16 when the files are small)'))
		.option('-q, --quiet', 'no progress, only the summary and errors')
		.option('--json', 'print the manifest as JSON')
		.option('--manifest <file>', 'write a per-file manifest (JSON) here')
		.action((folder: string, options: SyncFlags) =>
			run(async () => {
				const {syncCommand} = await import('../commands/sync.js');
				return syncCommand(folder, options);
			})(),
		);

	program
		.command('completion')
		.description('print a shell completion script: cassi completion bash >> ~/.bashrc')
		.argument('<shell>', 'bash or zsh')
		.action((shell: string) =>
			run(async () => {
				const {completionScript} = await import('../commands/completion.js');
				if (shell !== 'bash' && shell !== 'zsh') throw new CassiError('usage', `no completion for "${shell}": choose bash or zsh`);
				process.stdout.write(completionScript(shell, program));
				return EXIT.ok;
			})(),
		);
}

export interface ResumeFlags {
	token?: string;
	apiUrl?: string;
	demo?: boolean;
	parallel?: string;
	quiet?: boolean;
	json?: boolean;
	manifest?: string;
}
