import {CassiError} from '../cassi/errors.js';
import {endpoints, resolveApiUrl} from '../cassi/endpoints.js';
import {resolveToken} from '../cassi/token.js';
import type {Connection} from '../cassi/types.js';

/** A resolved connection; `close` stops an in-process demo emulator. */
export interface OpenConnection extends Connection {
	demo: boolean;
	close(): Promise<void>;
}

export interface ConnectionFlags {
	apiUrl?: string;
	token?: string;
	demo?: boolean;
}

/**
 * The demo link is throttled per connection so downloads look like a real transfer: progress
 * can be watched, and a download can be interrupted and resumed by hand.
 */
export const DEMO_BYTES_PER_SECOND = 32 * 1024 * 1024;

/** `--demo` starts the emulator in this process on a free loopback port and uses its token. */
export async function startDemo(): Promise<{apiUrl: string; token: string; close(): Promise<void>}> {
	const {startEmulator} = await import('../emulator/index.js');
	const emulator = await startEmulator({port: 0, quiet: true, bytesPerSecond: DEMO_BYTES_PER_SECOND});
	return {apiUrl: emulator.url, token: emulator.token, close: () => emulator.close()};
}

export async function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Promise<OpenConnection> {
	if (flags.demo) {
		const demo = await startDemo();
		return {apiUrl: demo.apiUrl, token: demo.token, tokenSource: 'the demo archive', demo: true, close: demo.close};
	}
	const apiUrl = resolveApiUrl(flags.apiUrl, env);
	endpoints(apiUrl); // validates the URL before anything else happens
	if (flags.token !== undefined && flags.token.trim() === '') {
		throw new CassiError('usage', '--token is empty: pass the token itself, or leave the flag out to use MAST_API_TOKEN or `cassi login`');
	}
	// conf takes a third of a second to load: open the store only when flag and env give no token.
	const early = Boolean(flags.token?.trim() || env.MAST_API_TOKEN?.trim());
	const store = early ? undefined : (await import('../cassi/store.js')).openStore(env);
	const resolved = resolveToken({flag: flags.token, env, store, cwd: process.cwd()});
	return {
		apiUrl,
		token: resolved?.token,
		tokenSource: resolved?.source,
		demo: false,
		close: async () => {},
	};
}
