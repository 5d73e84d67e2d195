/**
 * Resume from what arrived: a transfer cut at any point leaves every received byte in the part,
 * so the next request asks for exactly the rest. The part is written through a deliberately slow
 * disk, so at the cut most received bytes are still queued for writing: they must be flushed
 * before the part's size is read, not dropped (a dropped tail made files restart lower, or from 0).
 */
import {closeSync, openSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import {productChunk} from '../../source/emulator/content.js';
import {contentSha256, leftovers, sha256File, startTestServer, tempFolder, TOKEN, type TestServer} from './helpers.js';

const NAME = 'CGI_00000077';
const SIZE = 2_000_000;
let server: TestServer;
let folder: {path: string; cleanup(): Promise<void>};
let engine: DownloadEngine | undefined;

beforeEach(async () => {
	server = await startTestServer([{name: NAME, size: SIZE}]);
	folder = await tempFolder();
});
afterEach(async () => {
	await engine?.close();
	engine = undefined;
	await server.close();
	await folder.cleanup();
});

/** A part file whose every write takes a few milliseconds, as on a busy or network disk. */
function slowDisk(path: string, options: {flags: string}): NodeJS.WritableStream {
	let fd: number | undefined = openSync(path, options.flags);
	const close = () => {
		if (fd !== undefined) closeSync(fd);
		fd = undefined;
	};
	return new Writable({
		highWaterMark: 1 << 20,
		write(chunk: Buffer, _encoding, callback) {
			setTimeout(() => {
				if (fd !== undefined) writeSync(fd, chunk);
				callback();
			}, 3);
		},
		final(callback) {
			close();
			callback();
		},
		destroy(error, callback) {
			close();
			callback(error);
		},
	});
}

describe('a cut transfer resumes from the bytes it received', () => {
	it.each([
		['in the first chunk', 1_000],
		['mid-stream', SIZE / 2],
		['in the last chunk', SIZE - 1],
	])('cut %s: the resume asks for exactly the rest', async (_where, cut) => {
		server.override = (request, response, file) => {
			if (request.index !== 0) return false;
			response.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': String(file.size), etag: `"${file.name}-v1"`});
			// Exactly `cut` bytes reach the client, then the connection ends.
			response.write(productChunk(file.source, 0, cut), () => response.socket?.end());
			return true;
		};
		engine = new DownloadEngine({apiUrl: server.url, token: TOKEN, folder: folder.path, retryBaseMs: 1, stallMs: 10_000, createWriteStream: slowDisk});
		engine.add([{name: NAME, productUrl: server.productUrl(NAME), size: SIZE, checksum: await contentSha256(server.source(NAME))}]);
		await engine.start();
		const manifest = await engine.whenIdle();
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE', bytes: SIZE});
		expect(server.requests.map(request => request.range)).toEqual([undefined, `bytes=${cut}-`]);
		expect(server.requests[1]!.status).toBe(206);
		expect(await sha256File(join(folder.path, NAME))).toBe(await contentSha256(server.source(NAME)));
		expect(await leftovers(folder.path)).toEqual([]);
	});
});
