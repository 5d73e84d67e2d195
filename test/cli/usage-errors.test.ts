import {describe, expect, it} from 'vitest';
import {runCli} from './run-cli.js';

function oneLine(text: string): void {
	expect(text.trimEnd().split('\n')).toHaveLength(1);
	expect(text).toMatch(/^cassi: /);
	expect(text).not.toMatch(/\n\s+at /); // no stack trace
}

describe('bad input gets one line and exit code 2', () => {
	it.each([
		['an impossible date', ['-s', '2025-02-30', '--count'], /2025-02-30/],
		['a malformed date', ['-s', '04/10/2025', '--count'], /04\/10\/2025/],
		['an end before its start', ['-s', '2025-10-04', '-e', '2025-10-03', '--count'], /before/],
		['an exposure end before its start', ['--exp-start-date', '2025-10-04', '--exp-end-date', '2025-10-03', '--count'], /before/],
		['a zero limit', ['-s', '2025-10-04', '-l', '0', '--count'], /limit/],
		['a fractional limit', ['-s', '2025-10-04', '-l', '1.5', '--count'], /limit/],
		['a word for a limit', ['-s', '2025-10-04', '-l', 'many', '--count'], /limit/],
		['an unknown flag', ['--bogus'], /unknown option '--bogus'/],
		['two actions at once', ['-s', '2025-10-04', '--count', '--list-filetypes'], /one action/],
		['a zero --parallel', ['-s', '2025-10-04', '-d', '-j', '0'], /--parallel/],
		['an API URL of another scheme', ['--api-url', 'file:///etc/passwd', '-t', 'x', '--count'], /scheme/],
		['an empty -s', ['-s', '', '--count'], /--ingestion-start-date is empty/],
		['a blank -e', ['-s', '2025-10-04', '-e', '  ', '--count'], /--ingestion-end-date is empty/],
		['an empty --exp-start-date', ['--exp-start-date', '', '--count'], /--exp-start-date is empty/],
		['a --filetype of only commas', ['-s', '2025-10-04', '--filetype', ',', '--count'], /--filetype names no file type/],
		['an empty --filename', ['-s', '2025-10-04', '--filename', '', '--count'], /--filename names no file/],
	])('%s', async (_label, args, message) => {
		const result = await runCli(args as string[]);
		expect(result.code).toBe(2);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(message as RegExp);
		expect(result.stdout).toBe('');
	});

	it.each([
		[['logn'], /unknown command 'logn' \(did you mean login\?\)/],
		[['resume', '--paralel', '2'], /unknown option '--paralel' \(did you mean --parallel\?\)/i],
		[['completion', 'fish'], /choose bash or zsh/],
	])('a subcommand typo %j gets one line, a suggestion and exit 2', async (args, message) => {
		const result = await runCli(args as string[]);
		expect(result.code).toBe(2);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(message as RegExp);
	});

	it('suggests the flag a typo meant', async () => {
		const result = await runCli(['--coutn']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/did you mean --count/i);
	});
});

describe('tokens', () => {
	it('login that cannot reach the service says how to save the token unchecked, in one line, exit 1', async () => {
		const result = await runCli(['login', '--api-url', 'http://127.0.0.1:9/cassi/api/v0.1'], {input: 'some-token\n'});
		expect(result.code).toBe(1);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(/could not reach .*`cassi login --no-check`/);
		expect(result.stderr).not.toContain('some-token');
	});

	it('without a token, says where to get one and exits 3', async () => {
		const result = await runCli(['-s', '2025-10-04', '--count', '--api-url', 'http://127.0.0.1:9/cassi/api/v0.1']);
		expect(result.code).toBe(3);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(/MAST_API_TOKEN/);
		expect(result.stderr).toContain('https://auth.mast.stsci.edu/token');
	});

	it('refuses to send a token over plain http to a non-loopback host, before connecting', async () => {
		const token = 'SECRET-TOKEN-1234567890';
		const result = await runCli(['-s', '2025-10-04', '--count', '--api-url', 'http://192.0.2.1/cassi/api/v0.1', '-t', token]);
		expect(result.code).toBe(1);
		oneLine(result.stderr);
		expect(result.stderr).toMatch(/refusing to send the token/);
		expect(result.stderr + result.stdout).not.toContain(token);
	});

	it('`cassi token` names the source and shows at most the last four characters', async () => {
		const token = 'abcdefghijklmnop-WXYZ';
		const result = await runCli(['token'], {env: {MAST_API_TOKEN: token}});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/MAST_API_TOKEN/);
		expect(result.stdout).toContain('WXYZ');
		expect(result.stdout).not.toContain('abcdefghijklmnop');
	});
});

describe('help', () => {
	it('groups options as the companion script does and ends with the notebook examples', async () => {
		const result = await runCli(['--help']);
		expect(result.code).toBe(0);
		const out = result.stdout;
		expect(out.indexOf('Filtering options:')).toBeGreaterThan(-1);
		expect(out.indexOf('Query options:')).toBeGreaterThan(out.indexOf('Filtering options:'));
		expect(out.indexOf('Download options:')).toBeGreaterThan(-1);
		expect(out).toContain('--filetype "Science CGI Level 0,Science WFI Level 0" --count');
	});

	it.each(['login', 'logout', 'token', 'emulator', 'resume', 'completion'])('`%s --help` describes the subcommand', async command => {
		const result = await runCli([command, '--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`Usage: cassi ${command}`));
	});

	it('`emulator --help` states the token the emulator accepts by default', async () => {
		const result = await runCli(['emulator', '--help']);
		expect(result.stdout).toMatch(/--token <token> +the token it accepts \(default: "cassi-demo-token"\)/);
	});
});
