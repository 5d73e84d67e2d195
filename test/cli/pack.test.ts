/**
 * Installable the ecosystem's way: `npm pack`, then `npm install -g` of the tarball into an
 * empty prefix gives a working `cassi` (dependencies from the local npm cache, as `npm ci` left it).
 * The pack skips `prepack` (a clean rebuild): it would delete dist/ under the other tests running now;
 * `npm test` has just built it.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sandbox = mkdtempSync(path.join(tmpdir(), 'cassi-pack-'));
afterAll(() => rmSync(sandbox, {recursive: true, force: true}));

const npm = (args: string[], cwd: string) =>
	execFileSync('npm', [...args, '--no-fund', '--no-audit', '--loglevel=error'], {cwd, encoding: 'utf8', env: {...process.env, npm_config_update_notifier: 'false'}});

describe('npm pack and a global install of the tarball', () => {
	it('ships dist only and installs a cassi that runs --version and --demo --count', () => {
		const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', sandbox], root)) as Array<{filename: string; files: Array<{path: string}>}>;
		const shipped = packed.files.map(file => file.path);
		expect(shipped).toContain('dist/cli.js');
		expect(shipped.filter(file => /^(test|bench|source|scripts)\//.test(file))).toEqual([]);

		const prefix = path.join(sandbox, 'prefix');
		npm(['install', '-g', '--prefer-offline', '--prefix', prefix, path.join(sandbox, packed.filename)], sandbox);
		const cassi = path.join(prefix, 'bin', 'cassi');
		const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
		expect(execFileSync(cassi, ['--version'], {encoding: 'utf8'}).trim()).toBe(version);
		const count = execFileSync(cassi, ['--demo', '-s', '2025-10-04', '-e', '2025-10-04', '--count', '--json'], {encoding: 'utf8', cwd: sandbox});
		expect(JSON.parse(count).total).toBe(39);
	}, 240_000);
});
