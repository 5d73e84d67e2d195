/** The headless progress text: rclone-style lines that never overflow the terminal. */
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {
	formatDuration,
	formatSummary,
	formatTotalsLine,
	formatTransferLine,
	shortenMiddle,
} from '../../source/headless/progress-line.js';
import {FILE_STATES, type FileSnapshot, type FileState, type Manifest, type QueueSnapshot} from '../../source/cassi/download/types.js';

const file = (overrides: Partial<FileSnapshot> = {}): FileSnapshot => ({
	name: 'CGI_00011850',
	state: 'downloading',
	bytes: 42_000_000,
	total: 100_000_000,
	rate: 120_000_000,
	eta: 12,
	attempts: 1,
	...overrides,
});

function snapshot(files: FileSnapshot[]): QueueSnapshot {
	const byState = Object.fromEntries(FILE_STATES.map(state => [state, 0])) as Record<FileState, number>;
	for (const f of files) byState[f.state]++;
	return {
		files,
		totals: {files: files.length, byState, bytesDone: 1_200_000_000, bytesTotal: 2_900_000_000, rate: 240_000_000, eta: 7, paused: false},
	};
}

describe('progress lines', () => {
	it('shows name, percent, rate and ETA', () => {
		expect(formatTransferLine(file(), 80)).toBe('CGI_00011850  42%  120 MB/s  ETA 0:12');
	});

	it('shortens long names in the middle, keeping both ends', () => {
		const line = formatTransferLine(file({name: `WFISCI_${'0'.repeat(60)}16592`}), 50);
		expect(line).toMatch(/^WFISCI_0+…0*16592 {2}42% {2}120 MB\/s {2}ETA 0:12$/);
		expect(stringWidth(line)).toBeLessThanOrEqual(49);
	});

	it('drops the least useful fields on a narrow terminal', () => {
		expect(formatTransferLine(file(), 24)).toBe('CGI_00011850  42%');
	});

	it('says why a file is retrying', () => {
		expect(formatTransferLine(file({state: 'retrying', message: 'the service failed (HTTP 503); retry 1 of 5 in 2 s'}), 200)).toContain(
			'retrying: the service failed (HTTP 503)',
		);
	});

	it('is never wider than the terminal minus one column, whatever the name', () => {
		fc.assert(
			fc.property(
				fc.string({unit: 'grapheme', maxLength: 300}),
				fc.integer({min: 2, max: 240}),
				fc.constantFrom<FileState>('downloading', 'retrying', 'verifying', 'queued'),
				(name, width, state) => {
					const line = formatTransferLine(file({name, state, message: 'x'.repeat(50)}), width);
					expect(stringWidth(line)).toBeLessThanOrEqual(width - 1);
					expect(line).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
				},
			),
		);
	});

	it('totals line counts finished files, bytes, rate, ETA and failures', () => {
		const files = [file({state: 'done'}), file({state: 'failed'}), file()];
		expect(formatTotalsLine(snapshot(files), 120)).toBe('1/3 files  1.2 GB of 2.9 GB  240 MB/s  ETA 0:07  1 failed');
		expect(stringWidth(formatTotalsLine(snapshot(files), 30))).toBeLessThanOrEqual(29);
	});

	it('formats durations', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(75)).toBe('1:15');
		expect(formatDuration(3725)).toBe('1:02:05');
		expect(formatDuration(undefined)).toBe('-:--');
	});

	it('shortenMiddle keeps short names whole', () => {
		expect(shortenMiddle('CGI_1', 10)).toBe('CGI_1');
		expect(shortenMiddle('ABCDEFGHIJ', 5)).toBe('AB…IJ');
	});

	it('summary lists counts, bytes, time, rate and every failure with its reason', () => {
		const manifest: Manifest = {
			folder: '/data/cassi-data',
			files: [
				{name: 'CGI_1', path: '/data/cassi-data/CGI_1', status: 'COMPLETE', bytes: 150_000_000, seconds: 2, message: ''},
				{name: 'CGI_2', path: '/data/cassi-data/CGI_2', status: 'SKIPPED', bytes: 147_000_000, seconds: 0, message: 'already complete'},
				{name: 'CGI_3', path: '/data/cassi-data/CGI_3', status: 'FAILED', bytes: 0, seconds: 0, message: 'the service has no such file (HTTP 404)'},
			],
			totals: {files: 3, complete: 1, skipped: 1, failed: 1, incomplete: 0, bytes: 150_000_000, seconds: 3},
		};
		expect(formatSummary(manifest)).toBe(
			'1 complete, 1 skipped, 1 failed of 3 files; 150 MB in 0:03 (50 MB/s) into /data/cassi-data\n' +
				'  FAILED CGI_3: the service has no such file (HTTP 404)\n',
		);
	});

	it('summary uses the manifest\'s words: files a Ctrl-C left are INCOMPLETE, not FAILED', () => {
		const file = (name: string, status: 'FAILED' | 'INCOMPLETE', message: string) => ({name, path: `/d/${name}`, status, bytes: 0, seconds: 0, message});
		const manifest: Manifest = {
			folder: '/d',
			files: [file('A', 'INCOMPLETE', 'interrupted (partial file kept for resume)'), file('B', 'INCOMPLETE', 'not started'), file('C', 'FAILED', 'corrupted: MD5 differs')],
			totals: {files: 3, complete: 0, skipped: 0, failed: 1, incomplete: 2, bytes: 0, seconds: 1},
		};
		expect(formatSummary(manifest)).toBe(
			'0 complete, 0 skipped, 1 failed, 2 incomplete (resumable) of 3 files; 0 B in 0:01 (0 B/s) into /d\n' +
				'  FAILED C: corrupted: MD5 differs\n' +
				'  INCOMPLETE A: interrupted (partial file kept for resume)\n' +
				'  INCOMPLETE B: not started\n',
		);
	});
});
