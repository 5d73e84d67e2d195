import {describe, expect, it} from 'vitest';
import {runCli} from './run-cli.js';

// The demo archive reproduces the notebook: each of its examples gives the seed's answer.
describe('--demo reproduces the notebook', () => {
	it('2025-10-04 holds 39 files', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--count', '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).total).toBe(39);
	});

	it('the Science L0 query counts 5 CGI and 5 WFI', async () => {
		const result = await runCli([
			'--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--filetype', 'Science CGI Level 0,Science WFI Level 0', '--count',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Total files:\s+10$/m);
		expect(result.stdout).toMatch(/^Science CGI Level 0:\s+5$/m);
		expect(result.stdout).toMatch(/^Science WFI Level 0:\s+5$/m);
	});

	it('the filename query lists the two CGI files with the notebook\'s ingest times', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '--filename', 'CGI_00011850,CGI_00011851']);
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toMatch(/^CGI_00011850\s+Science CGI Level 0\s+2025-10-04T00:01:27\.8970000$/);
		expect(lines[2]).toMatch(/^CGI_00011851\s+Science CGI Level 0\s+2025-10-04T00:01:30\.9830000$/);
	});

	it('the exposure window holds 4 housekeeping files', async () => {
		const result = await runCli(['--demo', '--exp-start-date', '2025-10-03T17:00:00', '--exp-end-date', '2025-10-03T17:59:59', '--count', '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toEqual({total: 4, byType: {'Housekeeping Ancillary Telemetry Data': 4}, truncated: false});
	});

	it('lists all seven file types for the day', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '--list-filetypes', '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toHaveLength(7);
	});

	it('counts yesterday to today by type, with a total that matches the sum', async () => {
		const result = await runCli(['--demo', '-s', 'yesterday', '-e', 'today', '--count', '--json']);
		expect(result.code).toBe(0);
		const counts = JSON.parse(result.stdout) as {total: number; byType: Record<string, number>};
		expect(counts.total).toBeGreaterThan(0);
		expect(Object.values(counts.byType).reduce((a, b) => a + b, 0)).toBe(counts.total);
	});

	it('prints the list (not the browser) when stdout is not a terminal', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04']);
		expect(result.code).toBe(0);
		expect(result.stdout.trimEnd().split('\n')).toHaveLength(40);
	});

	it('writes CSV that a spreadsheet reads: header plus one line per file', async () => {
		const result = await runCli(['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--csv', '--show-exp-times']);
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toBe('archiveFileName,fileType,ingestCompletionDate,startTime,endTime');
		expect(lines).toHaveLength(40);
	});
});
