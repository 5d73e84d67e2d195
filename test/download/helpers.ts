/**
 * Test helpers for the download engine: temp folders, file hashes, a check that
 * nothing partial is left behind, and a small purpose-built server for the
 * resume answers the emulator has no knob for (a 206 at the wrong offset, an
 * ETag that changes between attempts).
 */
import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {mkdir, mkdtemp, readdir, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join, relative, sep} from 'node:path';
import {productChunk, sha256Of, type ContentSource} from '../../source/emulator/content.js';

export const TOKEN = 'test-token-0123456789';

export interface TempFolder {
	/** The download folder: `<root>/outer/downloads`, made empty. */
	path: string;
	/** This test's own temp folder: whatever a broken name guard writes with `../` or `../../` lands in here. */
	root: string;
	/** Everything under `root` that is not the download folder, inside it, or on the way to it. */
	strays(): Promise<string[]>;
	cleanup(): Promise<void>;
}

/**
 * A download folder two levels below a temp folder of its own, so an escaping name writes into
 * the sandbox (where `strays` finds it), never into the shared temp directory.
 */
export async function tempFolder(): Promise<TempFolder> {
	const root = await mkdtemp(join(tmpdir(), 'cassi-dl-'));
	const path = join(root, 'outer', 'downloads');
	await mkdir(path, {recursive: true});
	return {
		path,
		root,
		strays: () => strays(root, path),
		cleanup: () => rm(root, {recursive: true, force: true}),
	};
}

/** Paths under `root` (relative, sorted) outside `folder` other than the folders leading to it. */
export async function strays(root: string, folder: string): Promise<string[]> {
	const inside = relative(root, folder);
	const out: string[] = [];
	const walk = async (dir: string) => {
		for (const entry of await readdir(dir, {withFileTypes: true}).catch(() => [])) {
			const path = relative(root, join(dir, entry.name));
			if (path === inside || path.startsWith(`${inside}${sep}`)) continue;
			if (entry.isDirectory() && inside.startsWith(`${path}${sep}`)) {
				await walk(join(dir, entry.name));
				continue;
			}
			out.push(path);
		}
	};
	await walk(root);
	return out.sort();
}

export async function sha256File(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

export function contentSha256(source: ContentSource): Promise<string> {
	return sha256Of(source);
}

/** Files in the folder that are partial: `.part` files (other than `allowedParts`) and temp journals. */
export async function leftovers(folder: string, allowedParts: string[] = []): Promise<string[]> {
	const names = await readdir(folder);
	return names.filter(name => (name.endsWith('.part') && !allowedParts.includes(name)) || name.includes('.tmp'));
}

export interface LoggedRequest {
	productUrl?: string;
	range?: string;
	ifRange?: string;
	authorization?: string;
	status: number;
}

export interface TestFile {
	name: string;
	size: number;
	etag?: string;
}

export type Override = (
	request: LoggedRequest & {index: number},
	response: ServerResponse,
	file: TestFile & {source: ContentSource},
) => boolean;

export interface TestServer {
	url: string;
	requests: LoggedRequest[];
	productUrl(name: string): string;
	source(name: string): ContentSource;
	/** Answer some requests yourself (return true when you did). */
	override?: Override;
	close(): Promise<void>;
}

const SEED = 7;

/** A minimal CaSSI download endpoint: POST {base}/download/roman/eng with {"product_url"}; Range → 206. */
export async function startTestServer(files: TestFile[]): Promise<TestServer> {
	const byUrl = new Map(files.map(file => [`mast:ROMAN/test/${file.name}`, {...file, source: {seed: SEED, name: file.name, size: file.size}}]));
	const requests: LoggedRequest[] = [];
	const sockets = new Set<import('node:net').Socket>();
	const state: TestServer = {
		url: '',
		requests,
		productUrl: name => `mast:ROMAN/test/${name}`,
		source: name => ({seed: SEED, name, size: files.find(file => file.name === name)!.size}),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise(resolve => server.close(resolve));
		},
	};
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', chunk => chunks.push(chunk as Buffer));
		req.on('end', () => {
			let productUrl: string | undefined;
			try {
				productUrl = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as {product_url?: string}).product_url;
			} catch {
				// answered below
			}
			const logged: LoggedRequest = {
				productUrl,
				range: req.headers.range,
				ifRange: req.headers['if-range'] as string | undefined,
				authorization: req.headers.authorization,
				status: 0,
			};
			requests.push(logged);
			const file = productUrl ? byUrl.get(productUrl) : undefined;
			if (!req.url?.endsWith('/download/roman/eng') || !file) {
				logged.status = 404;
				res.writeHead(404, {'content-type': 'application/json'}).end('{"error":"not found"}');
				return;
			}
			if (state.override?.({...logged, index: requests.length - 1}, res, file)) {
				logged.status = res.statusCode;
				return;
			}
			const etag = file.etag ?? `"${file.name}-v1"`;
			const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
			const ifRange = req.headers['if-range'];
			const start = range && (!ifRange || ifRange === etag) ? Number(range[1]) : 0;
			if (start > file.size || (range && start === file.size)) {
				logged.status = 416;
				res.writeHead(416, {'content-range': `bytes */${file.size}`}).end();
				return;
			}
			const headers: Record<string, string> = {
				'content-type': 'application/octet-stream',
				'content-length': String(file.size - start),
				etag,
				'accept-ranges': 'bytes',
			};
			if (range && start > 0) headers['content-range'] = `bytes ${start}-${file.size - 1}/${file.size}`;
			logged.status = range && start > 0 ? 206 : 200;
			res.writeHead(logged.status, headers);
			res.end(productChunk(file.source, start, file.size));
		});
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cassi/api/v0.1`;
	return state;
}
