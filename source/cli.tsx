#!/usr/bin/env -S UV_THREADPOOL_SIZE=16 node
// V8's own young generation (no --max-semi-space-size): now that counting keeps key fields only, a
// 2 MB one saved no memory there and cost headless --json a third more CPU and 40 MB more peak.
// 16 file-system threads, not libuv's 4: up to 16 small files download at once, each with a few
// stat/open/fsync/rename calls, and 4 threads made them wait on each other (~25% slower at 600 files).
// It must be in the environment before node starts: the pool exists before this file runs.
import {Command, CommanderError} from 'commander';
import {CassiError} from './cassi/errors.js';
import {defineRoot, type RootOptions} from './cli/program.js';
import {defineSubcommands} from './cli/subcommands.js';
import {rootAction} from './cli/root-action.js';
import {reportError} from './cli/report-error.js';
import {closest} from './cli/suggest.js';

// A closed pipe (`cassi ... | head`) is a normal end, not an error.
process.stdout.on('error', error => {
	if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
});

async function main(argv: string[]): Promise<number> {
	const program = defineRoot(new Command());
	let exitCode = 0;
	const run = (work: () => Promise<number>) => async () => {
		exitCode = await work();
	};
	// Set before the subcommands exist: commander copies these settings into each of them.
	program.enablePositionalOptions();
	program.exitOverride();
	program.configureOutput({
		outputError: (text, write) => write(`cassi: ${text.replace(/^error: /, '').replace(/\n+(?=\S)/g, ' ').trim()}\n`),
	});
	defineSubcommands(program, run);
	program.action(run(() => rootAction(program.opts<RootOptions>())));
	try {
		const word = argv[2];
		if (word !== undefined && !word.startsWith('-')) {
			const names = program.commands.map(command => command.name());
			if (!names.includes(word)) {
				const guess = closest(word, names);
				throw new CassiError('usage', `unknown command '${word}'${guess ? ` (did you mean ${guess}?)` : ''}: see cassi --help`);
			}
		}
		await program.parseAsync(argv);
		return exitCode;
	} catch (error) {
		if (error instanceof CommanderError) {
			return error.exitCode === 0 ? 0 : 2;
		}
		return reportError(error);
	}
}

process.exitCode = await main(process.argv);
