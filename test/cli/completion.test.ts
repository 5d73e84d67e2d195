import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {Command} from 'commander';
import {defineRoot} from '../../source/cli/program.js';
import {defineSubcommands} from '../../source/cli/subcommands.js';
import {completionScript} from '../../source/commands/completion.js';

const program = defineRoot(new Command());
defineSubcommands(program, () => async () => {});

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;

/** What bash's completion function offers for the words typed so far (the last one is being completed). */
function complete(words: string[]): string[] {
	const script = `${completionScript('bash', program)}
COMP_WORDS=(${words.map(word => `'${word.replaceAll("'", `'\\''`)}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_cassi
printf '%s\\n' "\${COMPREPLY[@]}"`;
	const result = spawnSync('bash', ['--norc', '--noprofile', '-s'], {input: script, encoding: 'utf8'});
	expect(result.stderr).toBe('');
	return result.stdout.split('\n').filter(line => line !== '');
}

describe.runIf(hasBash)('bash completion', () => {
	it('offers every file type whole, spaces escaped', () => {
		const offered = complete(['cassi', '--filetype', '']);
		expect(offered).toHaveLength(7);
		expect(offered).toContain('Science\\ CGI\\ Level\\ 0');
	});

	it('narrows on a typed prefix, with or without escaped spaces', () => {
		expect(complete(['cassi', '--filetype', 'Sci'])).toEqual(['Science\\ CGI\\ Level\\ 0', 'Science\\ WFI\\ Level\\ 0']);
		expect(complete(['cassi', '--filetype', 'Science\\ W'])).toEqual(['Science\\ WFI\\ Level\\ 0']);
	});

	it('after an opening quote, answers the bare type for readline to close', () => {
		expect(complete(['cassi', '--filetype', '"House'])).toEqual(['Housekeeping Ancillary Telemetry Data']);
	});

	it('offers last-check for the root command\'s -s only (sync and check take dates)', () => {
		expect(complete(['cassi', '-s', 'l'])).toEqual(['last-check']);
		expect(complete(['cassi', '--ingestion-start-date', ''])).toContain('last-check');
		expect(complete(['cassi', 'sync', 'cassi-data', '-s', ''])).not.toContain('last-check');
		expect(complete(['cassi', '-e', 'l'])).toEqual([]);
	});

	it('completes subcommands and flags', () => {
		expect(complete(['cassi', 'log'])).toEqual(['login', 'logout']);
		expect(complete(['cassi', '--cou'])).toEqual(['--count']);
	});

	it("completes each command's own options: emulator --p offers --port, the root's --p offers --parallel", () => {
		expect(complete(['cassi', 'emulator', '--p'])).toEqual(['--port', '--page-size']);
		expect(complete(['cassi', 'emulator', '--port', '8123', '--s'])).toEqual(['--seed', '--scale']);
		expect(complete(['cassi', '--p'])).toEqual(['--parallel']);
		expect(complete(['cassi', 'resume', 'cassi-data', '--p'])).toEqual(['--parallel']);
		expect(complete(['cassi', 'login', '--'])).toEqual(['--api-url', '--no-check', '--help']);
	});
});
