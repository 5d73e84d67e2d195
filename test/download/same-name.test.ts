/** Two different products under one file name: the newer ingest is downloaded, the other is SKIPPED with the reason, never dropped without a word. */
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import type {FileSnapshot} from '../../source/cassi/download/types.js';
import {contentSha256, sha256File, startTestServer, tempFolder, TOKEN, type TestServer} from './helpers.js';

const NAME = 'CGI_00000101';
// A second product the server holds under another URL, standing in for the other copy of NAME.
const OTHER = 'CGI_00000102';
let server: TestServer;
let folder: {path: string; cleanup(): Promise<void>};

beforeEach(async () => {
	server = await startTestServer([
		{name: NAME, size: 50_000},
		{name: OTHER, size: 70_000},
	]);
	folder = await tempFolder();
});
afterEach(async () => {
	await server.close();
	await folder.cleanup();
});

describe('two products with the same name', () => {
	it.each([
		['the newer comes second', false],
		['the newer comes first', true],
	])('keeps the newer ingest and reports the other SKIPPED (%s)', async (_order, newerFirst) => {
		const older = {name: NAME, productUrl: server.productUrl(NAME), size: 50_000, fileType: 'Science CGI Level 0', ingest: '2025-10-04T01:00:00'};
		const newer = {name: NAME, productUrl: server.productUrl(OTHER), size: 70_000, fileType: 'Science WFI Level 0', ingest: '2025-10-04T02:00:00.5'};
		const engine = new DownloadEngine({apiUrl: server.url, token: TOKEN, folder: folder.path, retryBaseMs: 1});
		const events: FileSnapshot[] = [];
		engine.on('file', file => events.push(file));
		engine.add(newerFirst ? [newer, older] : [older, newer]);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(manifest.files.map(file => [file.name, file.status])).toEqual([
			[NAME, 'COMPLETE'],
			[NAME, 'SKIPPED'],
		]);
		const skipped = manifest.files[1]!;
		expect(skipped.path).toBeNull();
		expect(skipped.message).toMatch(/^another product with this name \(Science WFI Level 0, ingested 2025-10-04T02:00:00\.5, .*\) is downloaded instead, as it was ingested later; this one is Science CGI Level 0, ingested 2025-10-04T01:00:00/);
		expect(manifest.totals).toMatchObject({files: 2, complete: 1, skipped: 1});
		expect(events.some(file => file.state === 'skipped' && file.message === skipped.message)).toBe(true);
		expect(await sha256File(join(folder.path, NAME))).toBe(await contentSha256(server.source(OTHER)));
	});
});
