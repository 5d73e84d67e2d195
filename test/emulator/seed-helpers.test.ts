/**
 * Runs the seed notebook's own Python helpers (query_cassi, download_cassi_files), taken
 * from ../shared/seeds at run time with only their two URL constants rewritten, against
 * the emulator: the notebook's examples must give the notebook's answers.
 */
import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {productChunk, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {DAY_4, NOW, search} from './helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = resolve(repoRoot, '../shared/seeds');

/** The first interpreter that can import what the helpers need. */
function findPython(): string | undefined {
	for (const candidate of ['/usr/bin/python3', 'python3']) {
		const probe = spawnSync(candidate, ['-c', 'import requests, pandas'], {stdio: 'ignore', timeout: 60_000});
		if (probe.status === 0) return candidate;
	}
	return undefined;
}

// A fresh clone has no ../shared beside it: the seed is not part of the repository, so its
// tests skip with one line (as without python) instead of failing `npm test`.
const hasSeed = existsSync(seedsDir);
const python = hasSeed ? findPython() : undefined;
if (!hasSeed) {
	console.warn(`SKIPPED seed-helpers test: the seed notebook is not beside the repository (${seedsDir} is missing); it runs where ../shared/seeds exists.`);
} else if (!python) {
	console.warn('SKIPPED seed-helpers test: no python3 (tried /usr/bin/python3, python3) can import requests and pandas; install python3-requests and python3-pandas to run it.');
}

/** The seed's imports and its helper cell (URL constants through download_cassi_files). */
function extractHelpers(seedText: string, searchUrl: string, downloadUrl: string): string {
	const lines = seedText.split('\n');
	const imports = lines.filter(line => /^(import \w|from [\w.]+ import )/.test(line));
	const start = lines.findIndex(line => line.startsWith('cassi_url_search ='));
	const downloadDef = lines.findIndex(line => line.startsWith('def download_cassi_files('));
	if (start < 0 || downloadDef < 0) throw new Error('the seed has no cassi_url_search / download_cassi_files cell');
	let end = downloadDef + 1;
	while (end < lines.length && !/^(## |In \[)/.test(lines[end])) end++;
	const cell = lines.slice(start, end).join('\n');
	const rewritten = cell
		.replace(/^cassi_url_search = ".*"$/m, `cassi_url_search = ${JSON.stringify(searchUrl)}`)
		.replace(/^cassi_url_download = ".*"$/m, `cassi_url_download = ${JSON.stringify(downloadUrl)}`);
	if (rewritten === cell || !rewritten.includes(searchUrl) || !rewritten.includes(downloadUrl)) throw new Error('could not rewrite the seed\'s URL constants');
	return `${imports.join('\n')}\n\n${rewritten}\n`;
}

const DRIVER = `
import json, sys, hashlib, os
token, folder, small = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
r = query_cassi("2025-10-04T00:00:00", "2025-10-04T23:59:59", 50000, None, None, token)
out["day"] = len(r)
out["types"] = sorted(set(r["fileType"]))
r = query_cassi("2025-10-04T00:00:00", "2025-10-04T23:59:59", 50000, "Science CGI Level 0,Science WFI Level 0", None, token)
out["science"] = [[a, t] for a, t in zip(r["archiveFileName"], r["ingestCompletionDate"])]
r = query_cassi("2025-10-04T00:00:00", None, 50000, None, "CGI_00011850,CGI_00011851", token)
out["names"] = list(r["archiveFileName"])
r = query_cassi("2025-10-04T00:00:00", "2025-10-04T23:59:59", 50000, None, small, token)
out["status"] = download_cassi_files(r, folder, token)
out["files"] = {n: hashlib.sha256(open(os.path.join(folder, n), "rb").read()).hexdigest() for n in sorted(os.listdir(folder))}
print(json.dumps(out))
`;

describe.skipIf(!hasSeed)('the seed notebook\'s Python helpers against the emulator', () => {
	let emu: Emulator;
	let work: string;

	beforeAll(async () => {
		emu = await startEmulator({quiet: true, now: NOW});
		work = mkdtempSync(join(tmpdir(), 'cassi-seed-'));
	});
	afterAll(async () => {
		try {
			await emu?.close();
		} finally {
			rmSync(work, {recursive: true, force: true});
		}
	});

	it('finds the seed notebook beside the repository', () => {
		const seeds = readdirSync(seedsDir).filter(name => name.endsWith('.txt'));
		const text = seeds.map(name => readFileSync(join(seedsDir, name), 'utf8')).find(t => t.includes('def query_cassi('));
		expect(text, `no seed with query_cassi in ${seedsDir}`).toBeDefined();
		const code = extractHelpers(text!, 'http://127.0.0.1:1/s', 'http://127.0.0.1:1/d');
		expect(code).toContain('def query_cassi(');
		expect(code).toContain('def download_cassi_files(');
		expect(code).not.toContain('mast.stsci.edu');
	});

	it.skipIf(!python)('reproduces the notebook\'s answers and downloads correct bytes', async () => {
		const seed = readdirSync(seedsDir).map(name => join(seedsDir, name)).filter(p => p.endsWith('.txt'))
			.map(p => readFileSync(p, 'utf8')).find(t => t.includes('def query_cassi('))!;
		const script = `${extractHelpers(seed, `${emu.url}/roman/search/Eng`, `${emu.url}/download/roman/eng`)}\n${DRIVER}`;
		const {results} = await search(emu, [DAY_4]);
		const smallest = [...new Map(results.map(r => [r.archiveFileName, r])).values()]
			.sort((a, b) => a.distribution.size - b.distribution.size).slice(0, 2).map(r => r.archiveFileName as string);

		const child = spawn(python!, ['-', emu.token, 'cassi-data', smallest.join(',')], {cwd: work, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.stdin.end(script);
		const code = await new Promise<number | null>(resolve => child.on('close', resolve));
		expect(code, stderr).toBe(0);
		const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
			day: number; types: string[]; science: string[][]; names: string[]; status: number; files: Record<string, string>;
		};

		expect(out.day).toBe(39);
		expect(out.types).toHaveLength(7);
		expect(out.science).toEqual([
			['CGI_00011850', '2025-10-04T00:01:27.8970000'],
			['CGI_00011851', '2025-10-04T00:01:30.9830000'],
			['WFISCI_00016592', '2025-10-04T00:03:35.2380000'],
			['WFISCI_00016593', '2025-10-04T00:03:53.7030000'],
			['CGI_00011852', '2025-10-04T00:31:31.2340000'],
			['WFISCI_00016596', '2025-10-04T00:33:00.1050000'],
			['WFISCI_00016594', '2025-10-04T00:33:00.4000000'],
			['WFISCI_00016595', '2025-10-04T00:33:42.3820000'],
			['CGI_00011853', '2025-10-04T01:31:49.1250000'],
			['CGI_00011854', '2025-10-04T03:01:30.7890000'],
		]);
		expect(out.names).toEqual(['CGI_00011850', 'CGI_00011851']);
		expect(out.status).toBe(0);
		expect(Object.keys(out.files)).toEqual([...smallest].sort());
		for (const name of smallest) {
			const info = emu.findProduct(name)!;
			expect(out.files[name]).toBe(createHash('sha256').update(productChunk(info, 0, info.size)).digest('hex'));
		}
	}, 120_000);
});
