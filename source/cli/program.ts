import {Command, Option} from 'commander';
import {DEFAULT_LIMIT} from '../cassi/types.js';
import {timeoutOption} from './timeout.js';
import {packageVersion} from './version.js';

/** What the root command's flags parse into (commander's camelCase names). */
export interface RootOptions {
	ingestionStartDate?: string;
	ingestionEndDate?: string;
	expStartDate?: string;
	expEndDate?: string;
	filetype?: string;
	filename?: string;
	limit: string;
	token?: string;
	apiUrl?: string;
	timeout?: string;
	demo?: boolean;
	count?: boolean;
	listFiletypes?: boolean;
	showExpTimes?: boolean;
	json?: boolean;
	csv?: boolean;
	download?: boolean;
	/** Absent: cassi-data headless; in the browser, the last folder used, else cassi-data. */
	folder?: string;
	parallel?: string;
	overwrite?: boolean;
	quiet?: boolean;
	manifest?: string;
	color?: boolean;
}

export const EXAMPLES = `
Examples (the notebook's, on the demo archive; drop --demo to ask MAST):
  $ cassi --demo                                   open the browser on the demo archive
  $ cassi --demo -s 2025-10-04 --list-filetypes
  $ cassi --demo -s 2025-10-04 -e 2025-10-04
  $ cassi --demo -s 2025-10-04 -e 2025-10-04 --filetype "Science CGI Level 0,Science WFI Level 0" --count
  $ cassi --demo -s 2025-10-04 -e 2025-10-04 --filename "CGI_00011850,CGI_00011851" --download -f cassi-data
  $ cassi -s yesterday -e yesterday --count --json yesterday's ingest (what Y shows), for a script
  $ cassi resume cassi-data                        finish an interrupted download
  $ cassi check --demo --date 2025-10-04           that day's counts against the 7 days before
  $ cassi sync mirror -s 2025-10-01 --filetype "Science CGI Level 0"
  $ cassi sync mirror                              the nightly mirror: what arrived since

Dates are UTC: YYYY-MM-DD[THH:MM:SS], or today, yesterday, now, -3d, -12h, -2w.
A date-only start means 00:00:00 and a date-only end 23:59:59.
Token: --token, else MAST_API_TOKEN, else \`cassi login\`, else ./mast_api_token.txt.
Exit codes: 0 ok, 1 failed, 2 usage error, 3 token missing or rejected, 4 check found an anomaly.`;

function filtering(option: Option): Option {
	return option.helpGroup('Filtering options:');
}

function querying(option: Option): Option {
	return option.helpGroup('Query options:');
}

function output(option: Option): Option {
	return option.helpGroup('Output options:');
}

function downloading(option: Option): Option {
	return option.helpGroup('Download options:');
}

/** The root command: the companion script's flags, with the same meaning and defaults. */
export function defineRoot(program: Command): Command {
	return program
		.name('cassi')
		.description('Search, inspect, select and download Roman supplementary & telemetry files from MAST CaSSI.\nWith no action on a terminal, opens the interactive browser.')
		.addOption(filtering(new Option('-s, --ingestion-start-date <date>', 'ingestion start date (UTC); last-check = where the browser\'s L starts')))
		.addOption(filtering(new Option('-e, --ingestion-end-date <date>', 'ingestion end date (UTC)')))
		.addOption(filtering(new Option('--exp-start-date <date>', 'exposure start: startTime >= date')))
		.addOption(filtering(new Option('--exp-end-date <date>', 'exposure end: endTime <= date')))
		.addOption(filtering(new Option('--filetype <types>', 'file types, exact, comma-separated ("A,B"); !type excludes')))
		.addOption(filtering(new Option('--filename <names>', 'file names, comma-separated; * wildcards, !name excludes')))
		.addOption(querying(new Option('-l, --limit <n>', 'maximum number of results').default(String(DEFAULT_LIMIT), String(DEFAULT_LIMIT))))
		.addOption(querying(new Option('-t, --token <token>', 'MAST API token (prefer MAST_API_TOKEN or `cassi login`)')))
		.addOption(querying(new Option('--api-url <url>', 'CaSSI API base URL (env CASSI_API_URL)')))
		.addOption(querying(timeoutOption()))
		.addOption(querying(new Option('--demo', 'use the embedded demo archive (no account, no network)')))
		.addOption(output(new Option('-c, --count', 'print the total and the count per file type')))
		.addOption(output(new Option('--list-filetypes', 'print the distinct file types')))
		.addOption(output(new Option('--show-exp-times', 'add exposure start and end times to the list')))
		.addOption(output(new Option('--json', 'print JSON (stable shapes for scripts)').conflicts('csv')))
		.addOption(output(new Option('--csv', 'print CSV')))
		.addOption(output(new Option('--no-color', 'no colour (NO_COLOR is honoured too)')))
		.addOption(downloading(new Option('-d, --download', 'download every file the query returns')))
		.addOption(downloading(new Option('-f, --folder <dir>', 'download folder (default: cassi-data; the browser offers the last one used)')))
		.addOption(downloading(new Option('-j, --parallel <n>', 'files downloaded at once (default: 3, up to 16 when the files are small)')))
		.addOption(downloading(new Option('--overwrite', 'download again even when a complete file is there')))
		.addOption(downloading(new Option('-q, --quiet', 'no progress, only the summary and errors')))
		.addOption(downloading(new Option('--manifest <file>', 'write a per-file manifest (JSON) here')))
		.version(packageVersion(), '-V, --version', 'print the version')
		.addHelpText('after', EXAMPLES)
		.showSuggestionAfterError(true)
		.allowExcessArguments(false);
}
