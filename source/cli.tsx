#!/usr/bin/env node
import {Command, CommanderError} from 'commander';
import {defineRoot, type RootOptions} from './cli/program.js';
import {defineSubcommands} from './cli/subcommands.js';
import {rootAction} from './cli/root-action.js';
import {reportError} from './cli/report-error.js';

// A closed pipe (`cassi ... | head`) is a normal end, not an error.
process.stdout.on('error', error => {
	if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
});

// conf → atomically → when-exit hooks SIGINT/SIGTERM/SIGHUP at import and re-raises the signal
// after its callbacks: one SIGTERM arrived twice, and the second killed cassi mid-shutdown
// (no journal flush, lock left, terminal not restored). cassi handles these signals itself.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

async function main(argv: string[]): Promise<number> {
	const program = defineRoot(new Command());
	let exitCode = 0;
	const run = (work: () => Promise<number>) => async () => {
		exitCode = await work();
	};
	defineSubcommands(program, run);
	program.action(run(() => rootAction(program.opts<RootOptions>())));
	program.enablePositionalOptions();
	program.exitOverride();
	program.configureOutput({
		outputError: (text, write) => write(`cassi: ${text.replace(/^error: /, '').replace(/\n+(?=\S)/g, ' ').trim()}\n`),
	});
	try {
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
