/**
 * Resume answers the emulator has no knob for, against a purpose-built server:
 * a 206 that starts at the wrong byte, and an ETag that changed since the part was written.
 */
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {productChunk} from '../../source/emulator/content.js';
import {DownloadEngine} from '../../source/cassi/download/engine.js';
import {contentSha256, leftovers, sha256File, startTestServer, tempFolder, TOKEN, type TempFolder, type TestServer} from './helpers.js';

const SIZE = 300_000;
let server: TestServer;
let folder: TempFolder;
let engine: DownloadEngine | undefined;

beforeEach(async () => {
	server = await startTestServer([{name: 'CGI_00000001', size: SIZE}]);
	folder = await tempFolder();
});
afterEach(async () => {
	try {
		await engine?.close();
		expect(await folder.strays(), 'written outside the download folder').toEqual([]);
	} finally {
		engine = undefined;
		await server.close();
		await folder.cleanup();
	}
});

function makeEngine(): DownloadEngine {
	engine = new DownloadEngine({apiUrl: server.url, token: TOKEN, folder: folder.path, retryBaseMs: 1, stallMs: 5000});
	engine.add([{name: 'CGI_00000001', productUrl: server.productUrl('CGI_00000001'), size: SIZE}]);
	return engine;
}

/** A part holding the right first 100,000 bytes, as an earlier run would have left it. */
async function seedPart(): Promise<void> {
	await writeFile(join(folder.path, 'CGI_00000001.part'), productChunk(server.source('CGI_00000001'), 0, 100_000));
}

describe('resume answers', () => {
	it('downloads a whole file with the right bytes', async () => {
		const manifest = await (async () => {
			const e = makeEngine();
			await e.start();
			return e.whenIdle();
		})();
		expect(manifest.files[0]).toMatchObject({status: 'COMPLETE', bytes: SIZE});
		expect(await sha256File(join(folder.path, 'CGI_00000001'))).toBe(await contentSha256(server.source('CGI_00000001')));
		expect(await leftovers(folder.path)).toEqual([]);
		expect(server.requests[0]!.authorization).toBe(`token ${TOKEN}`);
	});

	it('starts afresh when a 206 starts at the wrong byte, never appending it', async () => {
		await seedPart();
		server.override = (request, response, file) => {
			if (!request.range) return false;
			// Claims to be the requested range but starts 10 bytes early.
			response.writeHead(206, {
				'content-range': `bytes 99990-${file.size - 1}/${file.size}`,
				'content-length': String(file.size - 99_990),
			});
			response.end(productChunk(file.source, 99_990, file.size));
			return true;
		};
		const e = makeEngine();
		await e.start();
		const manifest = await e.whenIdle();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(server.requests.map(request => request.range)).toEqual(['bytes=100000-', undefined]);
		expect(await sha256File(join(folder.path, 'CGI_00000001'))).toBe(await contentSha256(server.source('CGI_00000001')));
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('restarts from zero once after a 416 (a part as long as the file, size unknown)', async () => {
		await writeFile(join(folder.path, 'CGI_00000001.part'), Buffer.alloc(SIZE, 9));
		engine = new DownloadEngine({apiUrl: server.url, token: TOKEN, folder: folder.path, retryBaseMs: 1});
		engine.add([{name: 'CGI_00000001', productUrl: server.productUrl('CGI_00000001')}]);
		await engine.start();
		const manifest = await engine.whenIdle();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(server.requests.map(request => request.status)).toEqual([416, 200]);
		expect(await sha256File(join(folder.path, 'CGI_00000001'))).toBe(await contentSha256(server.source('CGI_00000001')));
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('fails the file when the service keeps answering 416 even from byte 0', async () => {
		server.override = (request, response) => {
			response.writeHead(416, {'content-range': 'bytes */0'}).end();
			return true;
		};
		const e = makeEngine();
		await e.start();
		const manifest = await e.whenIdle();
		expect(manifest.files[0]!.status).toBe('FAILED');
		expect(manifest.files[0]!.message).toMatch(/416/);
		expect(await leftovers(folder.path)).toEqual([]);
	});

	it('aborts a request whose answer never comes (headers then silence) and tries again', async () => {
		server.override = (request, response) => {
			if (request.index > 0) return false;
			response.writeHead(200, {'content-length': String(SIZE), etag: '"x"'});
			response.flushHeaders();
			return true; // and never a byte of body
		};
		engine = new DownloadEngine({apiUrl: server.url, token: TOKEN, folder: folder.path, retryBaseMs: 1, stallMs: 800});
		engine.add([{name: 'CGI_00000001', productUrl: server.productUrl('CGI_00000001'), size: SIZE}]);
		const reasons: string[] = [];
		engine.on('file', file => file.state === 'retrying' && reasons.push(file.message ?? ''));
		await engine.start();
		const manifest = await engine.whenIdle();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(reasons[0]).toMatch(/^stalled: nothing received for 800 ms/);
		expect(server.requests).toHaveLength(2);
		expect(await sha256File(join(folder.path, 'CGI_00000001'))).toBe(await contentSha256(server.source('CGI_00000001')));
	});

	it('never follows a redirect, so the token cannot travel to another origin', async () => {
		const other = await startTestServer([{name: 'CGI_00000001', size: SIZE}]);
		try {
			server.override = (request, response) => {
				response.writeHead(302, {location: `${other.url}/download/roman/eng`}).end();
				return true;
			};
			const e = makeEngine();
			await e.start();
			const manifest = await e.whenIdle();
			expect(manifest.files[0]!.status).toBe('FAILED');
			expect(manifest.files[0]!.message).toMatch(/redirected.*does not follow/);
			expect(other.requests).toHaveLength(0);
			expect(await leftovers(folder.path)).toEqual([]);
		} finally {
			await other.close();
		}
	});

	it('refuses to send the token over plain http to another host, before connecting', () => {
		expect(() => new DownloadEngine({apiUrl: 'http://mast.example.org/cassi/api/v0.1', token: TOKEN, folder: folder.path})).toThrow(
			/refusing to send the token over http:/,
		);
	});

	it('starts afresh when the ETag changed between attempts', async () => {
		await seedPart();
		server.override = (request, response, file) => {
			if (!request.range) return false;
			// A server that ignores If-Range but reports the new version's ETag.
			response.writeHead(206, {
				'content-range': `bytes 100000-${file.size - 1}/${file.size}`,
				'content-length': String(file.size - 100_000),
				etag: '"v2"',
			});
			response.end(productChunk(file.source, 100_000, file.size));
			return true;
		};
		const e = makeEngine();
		e.restoreEtag('CGI_00000001', '"v1"');
		await e.start();
		const manifest = await e.whenIdle();
		expect(manifest.files[0]!.status).toBe('COMPLETE');
		expect(server.requests[0]).toMatchObject({range: 'bytes=100000-', ifRange: '"v1"'});
		expect(server.requests[1]!.range).toBeUndefined();
		expect(await sha256File(join(folder.path, 'CGI_00000001'))).toBe(await contentSha256(server.source('CGI_00000001')));
		expect(await leftovers(folder.path)).toEqual([]);
	});
});
