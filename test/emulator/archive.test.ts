import {describe, expect, it} from 'vitest';
import {Archive, DAY_MS, type Product} from '../../source/emulator/archive.js';
import {formatCassiDate} from '../../source/emulator/grammar.js';
import {parseSearchBody} from '../../source/emulator/payload.js';
import {searchRows} from '../../source/emulator/search.js';
import {md5Of} from '../../source/emulator/content.js';
import {PRECOMPUTED_MD5} from '../../source/emulator/demo-day.js';
import {KNOWN_FILE_TYPES} from '../../source/cassi/types.js';

const NOW = new Date('2026-11-24T09:30:00Z');

function archive(seed = 1, scale = 1, now = NOW): Archive {
	return new Archive({seed, scale, now, duplicateRate: 0.03});
}

function search(a: Archive, ...conditions: Array<Record<string, string>>): Product[] {
	return searchRows(a, parseSearchBody(JSON.stringify({conditions: [{source: 'Eng'}, {dataGroup: 'Eng'}, ...conditions]}), 'Eng'));
}

const unique = (rows: Product[]) => [...new Map(rows.map(p => [p.name, p])).values()];
const DAY_4 = {ingestCompletionDate: '>=2025-10-04T00:00:00,<=2025-10-04T23:59:59'};

/** The seed notebook's printed table. */
const SEED_TABLE = [
	['CGI_00011850', 'Science CGI Level 0', '2025-10-04T00:01:27.8970000'],
	['CGI_00011851', 'Science CGI Level 0', '2025-10-04T00:01:30.9830000'],
	['WFISCI_00016592', 'Science WFI Level 0', '2025-10-04T00:03:35.2380000'],
	['WFISCI_00016593', 'Science WFI Level 0', '2025-10-04T00:03:53.7030000'],
	['CGI_00011852', 'Science CGI Level 0', '2025-10-04T00:31:31.2340000'],
	['WFISCI_00016596', 'Science WFI Level 0', '2025-10-04T00:33:00.1050000'],
	['WFISCI_00016594', 'Science WFI Level 0', '2025-10-04T00:33:00.4000000'],
	['WFISCI_00016595', 'Science WFI Level 0', '2025-10-04T00:33:42.3820000'],
	['CGI_00011853', 'Science CGI Level 0', '2025-10-04T01:31:49.1250000'],
	['CGI_00011854', 'Science CGI Level 0', '2025-10-04T03:01:30.7890000'],
];

describe.each([1, 2, 7, 12345])('the notebook day with seed %i', seed => {
	const a = archive(seed);

	it('holds 39 files of all seven types on 2025-10-04', () => {
		const rows = unique(search(a, DAY_4));
		expect(rows).toHaveLength(39);
		expect(new Set(rows.map(p => p.fileType))).toEqual(new Set(KNOWN_FILE_TYPES));
	});

	it('holds exactly the seed table\'s ten Science CGI/WFI files, in that order', () => {
		const rows = unique(search(a, DAY_4, {fileType: 'Science CGI Level 0,Science WFI Level 0'}));
		expect(rows.map(p => [p.name, p.fileType, formatCassiDate(p.ingestMs)])).toEqual(SEED_TABLE);
	});

	it('has 4 Housekeeping files in the exposure window 2025-10-03 17:00:00-17:59:59, with or without -s 2025-10-04', () => {
		const window: Array<Record<string, string>> = [{startTime: '>=2025-10-03T17:00:00'}, {endTime: '<=2025-10-03T17:59:59'}];
		const all = unique(search(a, ...window));
		expect(all).toHaveLength(4);
		expect(all.every(p => p.fileType === 'Housekeeping Ancillary Telemetry Data')).toBe(true);
		expect(unique(search(a, {ingestCompletionDate: '>=2025-10-04T00:00:00'}, ...window)).map(p => p.name)).toEqual(all.map(p => p.name));
	});

	it('finds CGI_00011850 and CGI_00011851 once each from 2025-10-04 on, ~297 MB together', () => {
		const rows = unique(search(a, {ingestCompletionDate: '>=2025-10-04T00:00:00'}, {archiveFileName: 'CGI_00011850,CGI_00011851'}));
		expect(rows.map(p => p.name)).toEqual(['CGI_00011850', 'CGI_00011851']);
		const total = rows[0].size + rows[1].size;
		expect(total).toBeGreaterThan(296e6);
		expect(total).toBeLessThan(298e6);
	});

	it('names every file uniquely, with 8-digit serials rising with ingest time per prefix', () => {
		const rows = unique(search(a, {ingestCompletionDate: '>=2025-10-01'}));
		expect(new Set(rows.map(p => p.name)).size).toBe(rows.length);
		const last = new Map<string, number>();
		for (const p of rows.filter(p => /^(CGI|RST_CALENG|FPEHK|SCANC|WFIGW)_/.test(p.name))) {
			const [, prefix, serial] = /^(.*_)(\d{8})$/.exec(p.name)!;
			expect(Number(serial)).toBeGreaterThan(last.get(prefix) ?? 0);
			last.set(prefix, Number(serial));
		}
	});
});

describe.each([1, 2, 7, 12345])('the baseline around the notebook day with seed %i', seed => {
	const a = archive(seed);
	const perDay = (day: string) => {
		const rows = unique(search(a, {ingestCompletionDate: `>=${day}T00:00:00,<=${day}T23:59:59`}));
		const byType = new Map<string, number>();
		for (const p of rows) byType.set(p.fileType, (byType.get(p.fileType) ?? 0) + 1);
		return {total: rows.length, byType};
	};

	it('gives every day of 2025-09-01..10-31 but the notebook day a typical volume of 100-200 files', () => {
		const totals: number[] = [];
		for (let day = Date.UTC(2025, 8, 1); day <= Date.UTC(2025, 9, 31); day += DAY_MS) {
			if (day === Date.UTC(2025, 9, 4)) continue;
			totals.push(perDay(new Date(day).toISOString().slice(0, 10)).total);
		}
		expect(totals).toHaveLength(60);
		expect(Math.min(...totals)).toBeGreaterThanOrEqual(100);
		expect(Math.max(...totals)).toBeLessThanOrEqual(200);
		const sorted = totals.sort((x, y) => x - y);
		expect(sorted[30]).toBeGreaterThan(125);
		expect(sorted[30]).toBeLessThan(155);
	});

	it('has FSW Event Message Logs every day except 2025-10-05, which is otherwise normal', () => {
		for (const day of ['2025-09-27', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-06']) {
			expect(perDay(day).byType.get('FSW Event Message Logs'), day).toBeGreaterThanOrEqual(1);
		}
		const fifth = perDay('2025-10-05');
		expect(fifth.byType.has('FSW Event Message Logs')).toBe(false);
		expect(fifth.total).toBeGreaterThanOrEqual(100);
	});
});

describe('the archive', () => {
	it('is the same for the same seed and differs between seeds', () => {
		const names = (a: Archive) => search(a, {ingestCompletionDate: '>=2026-11-10,<=2026-11-12'}).map(p => `${p.name} ${p.ingestMs} ${p.size}`);
		expect(names(archive(5))).toEqual(names(archive(5)));
		expect(names(archive(5))).not.toEqual(names(archive(6)));
	});

	it('holds the notebook\'s two months and the last 30 days, tens to hundreds of files a day, never after now', () => {
		const a = archive();
		const rows = search(a);
		expect(Math.max(...rows.map(p => p.ingestMs))).toBeLessThanOrEqual(NOW.getTime());
		const perDay = new Map<number, number>();
		for (const p of unique(rows)) perDay.set(Math.floor(p.ingestMs / DAY_MS), (perDay.get(Math.floor(p.ingestMs / DAY_MS)) ?? 0) + 1);
		expect(perDay.size).toBe(61 + 30);
		const fullDays = [...perDay.entries()].filter(([day]) => (day + 1) * DAY_MS <= NOW.getTime()).map(([, n]) => n);
		expect(Math.min(...fullDays)).toBeGreaterThanOrEqual(39);
		expect(Math.max(...fullDays)).toBeLessThan(1000);
	});

	it('stops at now even when now falls inside the notebook week', () => {
		const now = new Date('2025-10-04T01:00:00Z');
		const rows = search(archive(1, 1, now), DAY_4);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every(p => p.ingestMs <= now.getTime())).toBe(true);
	});

	it('sends about 3% of rows twice, back to back', () => {
		const rows = search(archive(), {ingestCompletionDate: '>=2026-10-26'});
		const dups = rows.filter((p, i) => i > 0 && rows[i - 1] === p).length;
		expect(dups / rows.length).toBeGreaterThan(0.01);
		expect(dups / rows.length).toBeLessThan(0.06);
		expect(rows.length - dups).toBe(unique(rows).length);
	});

	it('puts exposure times only on science, guide window and housekeeping files', () => {
		const withTimes = new Set(['Science WFI Level 0', 'Science CGI Level 0', 'Guide Window Level 0', 'Housekeeping Ancillary Telemetry Data']);
		for (const p of search(archive(), {ingestCompletionDate: '>=2026-11-20'})) {
			expect(p.startMs !== null).toBe(withTimes.has(p.fileType));
			if (p.startMs !== null) expect(p.startMs).toBeLessThan(p.endMs!);
		}
	});

	it('reaches 50,000 rows in any 7 days of the last 30 at scale 100', () => {
		const a = archive(1, 100);
		for (const start of ['2026-10-27', '2026-11-10', '2026-11-17']) {
			const end = new Date(Date.parse(start) + 6 * DAY_MS).toISOString().slice(0, 10);
			expect(search(a, {ingestCompletionDate: `>=${start}T00:00:00,<=${end}T23:59:59`}).length).toBeGreaterThanOrEqual(50_000);
		}
	});

	it('keeps the notebook day pinned at scale 100', () => {
		expect(unique(search(archive(3, 100), DAY_4))).toHaveLength(39);
	});

	it('ships the true MD5s of the demo download files for the default seed', async () => {
		const a = archive(1);
		for (const [name, md5] of Object.entries(PRECOMPUTED_MD5[1])) {
			const p = a.findProduct(name)!;
			expect(await md5Of({seed: 1, name, size: p.size})).toBe(md5);
		}
	});

	it('finds products by name, and none for names it never made', () => {
		const a = archive();
		expect(a.findProduct('CGI_00011850')?.size).toBe(148_602_880);
		const late = search(a, {ingestCompletionDate: '>=2026-11-20'}).at(-1)!;
		expect(a.findProduct(late.name)?.ingestMs).toBe(late.ingestMs);
		expect(a.findProduct('CGI_99999999')).toBeUndefined();
		expect(a.findProduct('NOPE')).toBeUndefined();
	});
});
