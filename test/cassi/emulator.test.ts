import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CassiClient} from '../../source/cassi/client.js';
import {CassiError} from '../../source/cassi/errors.js';
import {queryFromOptions} from '../../source/cassi/query.js';
import {exposure, productUrl, recordSize} from '../../source/cassi/records.js';
import type {SearchPage} from '../../source/cassi/types.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';

// The real client against the emulator over loopback HTTP: the notebook's answers.
const NOW = new Date('2025-10-20T12:00:00Z');
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({now: NOW, quiet: true});
});

afterAll(async () => {
	await emulator.close();
});

function cassi(options: {pageSize?: number; token?: string} = {}) {
	return new CassiClient({apiUrl: emulator.url, token: options.token ?? emulator.token, pageSize: options.pageSize, retries: 0});
}

const day = (extra: Parameters<typeof queryFromOptions>[0] = {}) =>
	queryFromOptions({ingestStart: '2025-10-04', ingestEnd: '2025-10-04', ...extra}, NOW);

describe('the client against the emulator', () => {
	it('finds the notebook’s 39 files on 2025-10-04 after de-duplication', async () => {
		const result = await cassi().search(day());
		expect(result.records).toHaveLength(39);
		// The demo archive sends some rows twice, as the real service does; they are dropped.
		expect(result.duplicates).toBeGreaterThanOrEqual(1);
		expect(new Set(result.records.map(r => r.archiveFileName)).size).toBe(39);
	});

	it('finds the 10 Science CGI/WFI Level 0 files of the seed’s table', async () => {
		const result = await cassi().search(day({filetype: 'Science CGI Level 0,Science WFI Level 0'}));
		const rows = result.records
			.map(r => `${r.archiveFileName} ${r.fileType} ${r.ingestCompletionDate}`)
			.sort((a, b) => a.split(' ').at(-1)!.localeCompare(b.split(' ').at(-1)!));
		expect(rows).toEqual([
			'CGI_00011850 Science CGI Level 0 2025-10-04T00:01:27.8970000',
			'CGI_00011851 Science CGI Level 0 2025-10-04T00:01:30.9830000',
			'WFISCI_00016592 Science WFI Level 0 2025-10-04T00:03:35.2380000',
			'WFISCI_00016593 Science WFI Level 0 2025-10-04T00:03:53.7030000',
			'CGI_00011852 Science CGI Level 0 2025-10-04T00:31:31.2340000',
			'WFISCI_00016596 Science WFI Level 0 2025-10-04T00:33:00.1050000',
			'WFISCI_00016594 Science WFI Level 0 2025-10-04T00:33:00.4000000',
			'WFISCI_00016595 Science WFI Level 0 2025-10-04T00:33:42.3820000',
			'CGI_00011853 Science CGI Level 0 2025-10-04T01:31:49.1250000',
			'CGI_00011854 Science CGI Level 0 2025-10-04T03:01:30.7890000',
		]);
	});

	it('finds the 2 named CGI files, about 297 MB together, with download URLs', async () => {
		const result = await cassi().search(
			queryFromOptions({ingestStart: '2025-10-04T00:00:00', filename: 'CGI_00011850,CGI_00011851'}, NOW),
		);
		expect(result.records.map(r => r.archiveFileName).sort()).toEqual(['CGI_00011850', 'CGI_00011851']);
		const bytes = result.records.reduce((sum, r) => sum + (recordSize(r) ?? 0), 0);
		expect(Math.round(bytes / 1e6)).toBeGreaterThanOrEqual(290);
		expect(Math.round(bytes / 1e6)).toBeLessThanOrEqual(305);
		expect(result.records.every(r => productUrl(r) !== undefined)).toBe(true);
	});

	it('finds the 4 housekeeping files of the exposure window', async () => {
		const result = await cassi().search(
			queryFromOptions({expStart: '2025-10-03T17:00:00', expEnd: '2025-10-03T17:59:59'}, NOW),
		);
		expect(result.records).toHaveLength(4);
		for (const record of result.records) {
			expect(record.fileType).toBe('Housekeeping Ancillary Telemetry Data');
			const {startTime, endTime} = exposure(record);
			expect(startTime! >= '2025-10-03T17:00:00').toBe(true);
			expect(endTime! <= '2025-10-03T17:59:59.9999999').toBe(true);
		}
	});

	it('pages with a page size smaller than the result and gets the same rows', async () => {
		const whole = await cassi().search(day());
		const pages: SearchPage[] = [];
		const paged = await cassi({pageSize: 7}).search(day(), {onPage: page => pages.push(page)});
		expect(pages.length).toBeGreaterThanOrEqual(6);
		expect(pages.at(-1)!.done).toBe(true);
		expect(pages.slice(0, -1).every(page => !page.done)).toBe(true);
		expect(paged.records.map(r => r.archiveFileName).sort()).toEqual(whole.records.map(r => r.archiveFileName).sort());
	});

	it('says the token was rejected when it is wrong', async () => {
		const error = await cassi({token: 'not-the-demo-token'})
			.search(day())
			.catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(CassiError);
		expect((error as CassiError).kind).toBe('auth');
		expect((error as CassiError).message).toMatch(/^token rejected or expired/);
		expect(String((error as CassiError).message)).not.toContain('not-the-demo-token');
	});

	it('waits out an injected 503 with Retry-After and then gets the answer', async () => {
		emulator.setFaults({search: [{times: 1, status: 503, retryAfter: '1'}]});
		const waits: number[] = [];
		try {
			const client = new CassiClient({apiUrl: emulator.url, token: emulator.token, retry: {sleep: async ms => void waits.push(ms)}});
			const result = await client.search(day({filetype: 'Science CGI Level 0'}));
			expect(result.records).toHaveLength(5);
			expect(waits).toEqual([1000]);
		} finally {
			emulator.setFaults({});
		}
	});

	it('reports an HTML page sent with status 200 as a schema error', async () => {
		emulator.setFaults({search: [{times: 1, status: 200, body: '<html><body>Service Unavailable</body></html>'}]});
		try {
			const error = await cassi()
				.search(day())
				.catch((error_: unknown) => error_);
			expect((error as CassiError).kind).toBe('schema');
			expect((error as CassiError).message).toMatch(/HTML page instead of JSON \(status 200\)/);
		} finally {
			emulator.setFaults({});
		}
	});

	it('accepts the demo token in a one-row check', async () => {
		await expect(cassi().checkToken()).resolves.toBeUndefined();
	});
});
