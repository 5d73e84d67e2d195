/**
 * `npm run bench` in a fresh clone: the seed notebook (../shared/seeds) is not part of the
 * repository, so the seed line must skip with one line naming what is missing, not an ENOENT.
 * Spawned: bench/ is plain .mjs with no types for the typecheck.
 */
import {spawnSync} from 'node:child_process';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const lib = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'bench', 'lib.mjs');

describe('bench without the seed notebook beside the repository', () => {
	it('says in one line which folder is missing', () => {
		const script = `import {seedHelpers} from ${JSON.stringify(lib)};
try { seedHelpers('http://127.0.0.1:1', '/nonexistent-cassi-shared/seeds'); console.log('no error'); } catch (error) { console.log(error.message); }`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('/nonexistent-cassi-shared/seeds is missing\n');
	});
});
