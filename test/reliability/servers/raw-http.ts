/**
 * A purpose-built HTTP/1.1 server on raw TCP, for answers node:http refuses to send (a body
 * longer than its Content-Length, a chunked body cut off mid-chunk) and the emulator has no
 * knob for. It reads one request (headers and a Content-Length body), hands the socket to
 * the test's handler, and records what it saw. 127.0.0.1, port 0; close() ends every socket.
 */
import net from 'node:net';

export interface RawRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: string;
	json: any;
	index: number;
}

export type RawHandler = (request: RawRequest, socket: net.Socket) => void;

export interface RawServer {
	url: string;
	origin: string;
	requests: RawRequest[];
	close(): Promise<void>;
}

function parseHead(head: string): Omit<RawRequest, 'body' | 'json' | 'index'> {
	const [start, ...lines] = head.split('\r\n');
	const [method = '', path = ''] = start.split(' ');
	const headers: Record<string, string> = {};
	for (const line of lines) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return {method, path, headers};
}

export async function startRawServer(handler: RawHandler): Promise<RawServer> {
	const requests: RawRequest[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		let buffer = Buffer.alloc(0);
		const onData = (chunk: Buffer) => {
			buffer = Buffer.concat([buffer, chunk]);
			const end = buffer.indexOf('\r\n\r\n');
			if (end < 0) return;
			const head = parseHead(buffer.subarray(0, end).toString('latin1'));
			const length = Number(head.headers['content-length'] ?? 0);
			if (buffer.length < end + 4 + length) return;
			socket.off('data', onData);
			const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
			let json: unknown;
			try {
				json = JSON.parse(body);
			} catch {
				json = undefined;
			}
			const request = {...head, body, json, index: requests.length};
			requests.push(request);
			handler(request, socket);
		};
		socket.on('data', onData);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		url: `${origin}/cassi/api/v0.1`,
		origin,
		requests,
		close: () =>
			new Promise<void>(resolve => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** The status line and headers of a response, ready to write to the socket. */
export function head(status: number, headers: Record<string, string | number>): string {
	const lines = [`HTTP/1.1 ${status} ${status === 200 ? 'OK' : status === 206 ? 'Partial Content' : 'Status'}`];
	for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
	return `${lines.join('\r\n')}\r\n\r\n`;
}

/** One chunk of a chunked body. */
export function chunk(data: Buffer | string): Buffer {
	const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
	return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}
