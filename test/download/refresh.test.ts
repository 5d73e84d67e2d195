/**
 * `cassi resume` asks the archive for each unfinished file's record before continuing: a file whose
 * copy changed (size or checksum) is downloaded afresh, said in one line, instead of ending
 * "corrupted" after resuming the old copy's part.
 */
import {join} from 'node:path';
import {stat} from 'node:fs/promises';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import {resumeFromJournal} from '../../source/cassi/download/resume.js';
import type {CassiRecord} from '../../source/cassi/types.js';
import {productChunk} from '../../source/emulator/content.js';
import {contentSha256, leftovers, sha256File, startTestServer, tempFolder, TOKEN, type TestServer} from './helpers.js';

const NAME = 'CGI_00000091';
let servers: TestServer[] = [];
let folder: {path: string; cleanup(): Promise<void>};

beforeEach(async () => {
	folder = await tempFolder();
});
afterEach(async () => {
	for (const server of servers) await server.close();
	servers = [];
	await folder.cleanup();
});

function record(server: TestServer, size: number, checksum?: string): CassiRecord {
	return {
		archiveFileName: NAME,
		fileType: 'Science CGI Level 0',
		ingestCompletionDate: '2025-10-04T05:00:00',
		...(checksum ? {checksum} : {}),
		distribution: {url: {mast: server.productUrl(NAME)}, size},
	} as unknown as CassiRecord;
}

/** A first run that gets half of the 300,000-byte copy, then stops (as a Ctrl-C would). */
async function interruptedRun(): Promise<void> {
	const old = await startTestServer([{name: NAME, size: 300_000}]);
	servers.push(old);
	old.override = (request, response, file) => {
		response.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': String(file.size), etag: `"${file.name}-v1"`});
		response.write(productChunk(file.source, 0, 150_000), () => response.socket?.end());
		return true;
	};
	const engine = new DownloadEngine({apiUrl: old.url, token: TOKEN, folder: folder.path, retries: 0, retryBaseMs: 1});
	engine.add([{name: NAME, productUrl: old.productUrl(NAME), size: 300_000, checksum: await contentSha256(old.source(NAME))}]);
	await engine.start();
	await engine.whenIdle();
	await engine.close();
	expect((await stat(join(folder.path, `${NAME}.part`))).size).toBe(150_000);
}

describe('resume refreshes the records first', () => {
	it('downloads a file whose size changed afresh, saying so in one line', async () => {
		await interruptedRun();
		// The archive now holds a new, longer copy under the same name.
		const now = await startTestServer([{name: NAME, size: 400_000}]);
		servers.push(now);
		const checksum = await contentSha256(now.source(NAME));
		const notes: string[] = [];
		const asked: string[][] = [];
		const {engine} = await resumeFromJournal(
			folder.path,
			{apiUrl: now.url, token: TOKEN, retryBaseMs: 1},
			{
				lookup: async names => {
					asked.push(names);
					return [record(now, 400_000, checksum)];
				},
				note: line => notes.push(line),
			},
		);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(asked).toEqual([[NAME]]);
		expect(notes).toEqual([`${NAME}: the archive's copy changed since it was queued (its size changed from 300000 to 400000 bytes): downloading it afresh`]);
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE', bytes: 400_000});
		expect(now.requests.map(request => request.range)).toEqual([undefined]);
		expect(await sha256File(join(folder.path, NAME))).toBe(checksum);
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('resumes the part with Range when the record is unchanged, and goes on with the journal when the lookup fails', async () => {
		await interruptedRun();
		const same = await startTestServer([{name: NAME, size: 300_000}]);
		servers.push(same);
		const notes: string[] = [];
		const {engine} = await resumeFromJournal(
			folder.path,
			{apiUrl: same.url, token: TOKEN, retryBaseMs: 1},
			{
				lookup: async () => {
					throw new Error('could not reach the service: check your network');
				},
				note: line => notes.push(line),
			},
		);
		await engine.start();
		const manifest = await engine.whenIdle();
		await engine.close();
		expect(notes).toEqual(["could not ask the archive for the current records (could not reach the service: check your network): resuming with the journal's"]);
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(same.requests.map(request => request.range)).toEqual(['bytes=150000-']);
	});
});
