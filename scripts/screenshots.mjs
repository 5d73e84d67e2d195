#!/usr/bin/env node
// `npm run screenshots`: compiles the e2e terminal harness (TypeScript, in test/e2e) and replays
// scripts/screenshots.tape against the built app, writing docs/screenshots/*.svg.
// Needs `npm run build` first (dist/cli.js). An argument names another tape to replay.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tape = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
if (!tape && !existsSync(path.join(repo, 'dist', 'cli.js'))) {
	console.error('screenshots: dist/cli.js is missing; run `npm run build` first');
	process.exit(1);
}
const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(repo, 'scripts', 'tsconfig.screenshots.json')], {stdio: 'inherit'});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const module = path.join(repo, 'node_modules', '.cache', 'cassi-screenshots', 'test', 'e2e', 'screenshots.js');
const {renderScreenshots} = await import(pathToFileURL(module).href);
try {
	for (const file of await renderScreenshots(repo, tape)) console.log(`wrote ${file}`);
} catch (error) {
	console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
