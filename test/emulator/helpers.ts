import {request} from 'node:http';
import type {Emulator} from '../../source/emulator/index.js';

export const ENG = [{source: 'Eng'}, {dataGroup: 'Eng'}];
export const DAY_4 = {ingestCompletionDate: '>=2025-10-04T00:00:00,<=2025-10-04T23:59:59'};
export const NOW = new Date('2026-11-24T09:30:00Z');

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	/** Set when the connection broke before the body ended. */
	error?: Error;
	complete: boolean;
}

/** A POST over plain node:http that keeps whatever bytes arrived, even when the body is cut. */
export function rawPost(url: string, body: string, headers: Record<string, string> = {}, onBytes?: (total: number, abort: () => void) => void): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request(url, {method: 'POST', headers: {'Content-Type': 'application/json', ...headers}, agent: false}, res => {
			const parts: Buffer[] = [];
			let total = 0;
			let settled = false;
			const finish = (error?: Error) => {
				if (settled) return;
				settled = true;
				resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), error, complete: res.complete});
			};
			res.on('data', (chunk: Buffer) => {
				parts.push(chunk);
				total += chunk.length;
				onBytes?.(total, () => {
					req.destroy();
					finish(new Error('aborted by test'));
				});
			});
			res.on('end', () => finish());
			res.on('error', error => finish(error));
			res.on('aborted', () => finish(new Error('aborted')));
			res.on('close', () => finish(res.complete ? undefined : new Error('closed early')));
		});
		req.on('error', reject);
		req.end(body);
	});
}

export function auth(emu: Emulator): Record<string, string> {
	return {Authorization: `token ${emu.token}`};
}

export async function search(emu: Emulator, conditions: Array<Record<string, string>>, extra: Record<string, unknown> = {}) {
	const res = await fetch(`${emu.url}/roman/search/Eng`, {
		method: 'POST',
		headers: {'Content-Type': 'application/json', ...auth(emu)},
		body: JSON.stringify({conditions: [...ENG, ...conditions], limit: 50_000, ...extra}),
	});
	expectOk(res.status, res);
	return (await res.json()) as {results: Array<Record<string, any>>; totalResults: number; messages: unknown[]; info: Record<string, unknown>};
}

function expectOk(status: number, res: Response): void {
	if (status !== 200) throw new Error(`search answered ${status} ${res.statusText}`);
}

export function downloadBody(emu: Emulator, name: string): string {
	const info = emu.findProduct(name);
	if (!info) throw new Error(`no product ${name}`);
	return JSON.stringify({product_url: info.productUrl});
}

export function download(emu: Emulator, name: string, headers: Record<string, string> = {}, onBytes?: (total: number, abort: () => void) => void): Promise<RawResponse> {
	return rawPost(`${emu.url}/download/roman/eng`, downloadBody(emu, name), {...auth(emu), ...headers}, onBytes);
}

export function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}
