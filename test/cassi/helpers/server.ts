import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	json: any;
}

export type Handler = (request: SeenRequest, response: http.ServerResponse, index: number) => void;

export interface TestServer {
	url: string;
	origin: string;
	requests: SeenRequest[];
	close(): Promise<void>;
}

/** A purpose-built HTTP server on 127.0.0.1, port 0; records every request it gets. */
export async function startServer(handler: Handler): Promise<TestServer> {
	const requests: SeenRequest[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', chunk => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			let json: unknown;
			try {
				json = JSON.parse(body);
			} catch {
				json = undefined;
			}
			const seen = {method: request.method ?? '', url: request.url ?? '', headers: request.headers, body, json};
			requests.push(seen);
			handler(seen, response, requests.length - 1);
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		url: `${origin}/cassi/api/v0.1`,
		origin,
		requests,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function sendJson(response: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void {
	const text = JSON.stringify(value);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers});
	response.end(text);
}

export function makeRows(count: number, prefix = 'CGI_000118'): Array<Record<string, unknown>> {
	return Array.from({length: count}, (_, index) => {
		const name = `${prefix}${String(index).padStart(2, '0')}`;
		return {
			archiveFileName: name,
			fileType: 'Science CGI Level 0',
			ingestCompletionDate: `2025-10-04T00:${String(index % 60).padStart(2, '0')}:27.8970000`,
			checksum: `c${index}`,
			search_key: `k${index}`,
			distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: 1000 + index},
			times: null,
		};
	});
}
