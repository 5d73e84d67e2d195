/** `-s last-check` in a headless run: reads the browser's watermark for this API URL, never moves it. */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {runCli} from './run-cli.js';

describe('-s last-check', () => {
	let emu: Emulator;
	let config: string;
	beforeAll(async () => {
		emu = await startEmulator({quiet: true, now: new Date('2025-10-06T00:00:00Z')});
		config = mkdtempSync(path.join(tmpdir(), 'cassi-last-check-'));
	});
	afterAll(async () => {
		await emu.close();
		rmSync(config, {recursive: true, force: true});
	});

	it('starts at the watermark kept for this API URL and leaves it where it was', async () => {
		const file = path.join(config, 'config.json');
		const saved = JSON.stringify({lastChecks: {[`${emu.url}/`]: '2025-10-04T23:59:59', 'https://elsewhere.example/api/': '2025-10-01T00:00:00'}});
		writeFileSync(file, saved);
		const result = await runCli(['-s', 'last-check', '--count', '--json', '--api-url', emu.url, '-t', emu.token], {env: {CASSI_CONFIG_DIR: config}});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr.split('\n')[0]).toBe('ingest 2025-10-04 23:59:59 → now UTC');
		expect(JSON.parse(result.stdout).total).toBeGreaterThan(0);
		expect(readFileSync(file, 'utf8')).toBe(saved);
	});

	it('says how to get one when none is recorded for this API URL, exit 2', async () => {
		const empty = mkdtempSync(path.join(tmpdir(), 'cassi-last-check-'));
		try {
			const result = await runCli(['-s', 'last-check', '--count', '--api-url', emu.url, '-t', emu.token], {env: {CASSI_CONFIG_DIR: empty}});
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/^cassi: no complete check of .* is recorded yet: run one in the browser/);
			expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		} finally {
			rmSync(empty, {recursive: true, force: true});
		}
	});
});
