import {describe, expect, it} from 'vitest';
import {startEmulator} from '../../source/emulator/index.js';
import {runCli} from './run-cli.js';

// `cassi check` on the demo archive: the notebook day is low, the day after misses its event logs.
describe('cassi check --demo', () => {
	it('2025-10-04 exits 4 and says 39 files, low against a typical ~140', async () => {
		const result = await runCli(['check', '--demo', '--date', '2025-10-04']);
		expect(result.code).toBe(4);
		expect(result.stdout).toMatch(/^All files\s+39\s+1[34]\d \(\d+–\d+\)\s+\S+\s+low$/m);
		expect(result.stdout).toMatch(/^All files: only 39 on 2025-10-04, usually 1[34]\d/m);
		expect(result.stdout).toMatch(/^Science CGI Level 0\s+5\s.*low$/m);
	});

	it('2025-10-05 --json exits 4 with FSW Event Message Logs missing', async () => {
		const result = await runCli(['check', '--demo', '--date', '2025-10-05', '--json']);
		expect(result.code).toBe(4);
		const report = JSON.parse(result.stdout);
		expect(report).toMatchObject({date: '2025-10-05', baselineDays: 7, truncated: false, total: {status: 'ok'}});
		const logs = report.types.find((t: {type: string}) => t.type === 'FSW Event Message Logs');
		expect(logs).toMatchObject({count: 0, bytes: 0, median: 1, status: 'missing'});
		expect(Object.keys(logs)).toEqual(expect.arrayContaining(['type', 'count', 'bytes', 'median', 'min', 'max', 'status']));
		expect(report.anomalies).toEqual(['FSW Event Message Logs: none on 2025-10-05, usually 1 (1–2)']);
	});

	it('2025-10-06 is a normal day: exit 0', async () => {
		const result = await runCli(['check', '--demo', '--date', '2025-10-06']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Everything looks normal\.$/m);
		expect(result.stdout).not.toMatch(/\s(missing|low|high)$/m);
	});

	it('--filetype checks only those types, and --days sets the baseline', async () => {
		const result = await runCli(['check', '--demo', '--date', '2025-10-05', '--days', '3', '--filetype', 'Science CGI Level 0', '--json']);
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout);
		expect(report.baselineDays).toBe(3);
		expect(report.baselineFrom).toBe('2025-10-02');
		expect(report.types.map((t: {type: string}) => t.type)).toEqual(['Science CGI Level 0']);
	});

	it('a search cut by --limit says so on stderr and in the report, and exits 4', async () => {
		const result = await runCli(['check', '--demo', '--date', '2025-10-06', '--limit', '100', '--json']);
		expect(result.code).toBe(4);
		// In files, as a headless search words it (never raw rows, which count the service's repeats).
		const line = /^incomplete: showing 100 of (about )?[\d,]+ files: the limit cut the newest; raise it with -l \d+$/;
		expect(result.stderr).toMatch(new RegExp(`^cassi: ${line.source.slice(1)}`, 'm'));
		expect(result.stderr).not.toMatch(/rows/);
		const report = JSON.parse(result.stdout);
		expect(report).toMatchObject({truncated: true});
		expect(report.anomalies[0]).toMatch(line);
	});

	it.each([
		[['--date', '2025-13-01'], /--date "2025-13-01"/],
		[['--days', '0'], /--days "0" is not a whole number from 1 to 90/],
		// An empty type list is a mistake, never "every type" (as for the root command).
		[['--filetype', ','], /--filetype names no file type/],
		[['--filetype', ''], /--filetype names no file type/],
	])('bad input %j: one line, exit 2', async (args, message) => {
		const result = await runCli(['check', '--demo', ...args]);
		expect(result.code).toBe(2);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(message);
	});

	it('a --filetype in the wrong case gets the known name on stderr (types match exactly)', async () => {
		const result = await runCli(['check', '--demo', '--date', '2025-10-04', '--filetype', 'science cgi level 0']);
		expect(result.stderr).toMatch(/^cassi: file type "science cgi level 0" is not a known type: did you mean "Science CGI Level 0"\? \(types match exactly\)$/m);
	});

	it('makes one search for DAY and the 7 days before it together, not one per day', async () => {
		const emulator = await startEmulator({quiet: true, token: 'check-test-token-1'});
		try {
			const result = await runCli(['check', '--date', '2025-10-06', '--api-url', emulator.url, '-t', 'check-test-token-1']);
			expect(result.code).toBe(0);
			// Pages of one search may follow (offset), but every request asks for the same 8 days.
			const windows = emulator
				.requests()
				.filter(entry => entry.path.endsWith('/search/Eng'))
				.map(entry => (entry.body as {conditions: Array<Record<string, string>>}).conditions.find(condition => condition.ingestCompletionDate)?.ingestCompletionDate);
			expect(new Set(windows)).toEqual(new Set(['>=2025-09-29T00:00:00,<=2025-10-06T23:59:59']));
		} finally {
			await emulator.close();
		}
	});
});
