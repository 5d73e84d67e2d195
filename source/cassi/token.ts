/**
 * Where the token comes from: --token, MAST_API_TOKEN, the conf store, ./mast_api_token.txt
 * (the notebook's convention), in that order. The token itself is never shown: at most its
 * last four characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {CassiStore} from './store.js';

export type TokenSource = 'flag' | 'env' | 'store' | 'file';

export interface ResolvedToken {
	token: string;
	source: TokenSource;
	/** Human words for where it came from: `--token`, `MAST_API_TOKEN`, a file path. */
	where: string;
}

export interface TokenInputs {
	flag?: string;
	env?: NodeJS.ProcessEnv;
	store?: Pick<CassiStore, 'get' | 'path'>;
	cwd?: string;
}

export const TOKEN_FILE = 'mast_api_token.txt';
// A token file is one short line; refuse to slurp something else that happens to have the name.
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

function clean(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const token = value.trim();
	return token ? token : undefined;
}

function readTokenFile(file: string): string | undefined {
	try {
		const stat = fs.statSync(file);
		if (!stat.isFile() || stat.size > MAX_TOKEN_FILE_BYTES) return undefined;
		return clean(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

export function resolveToken(inputs: TokenInputs = {}): ResolvedToken | undefined {
	const flag = clean(inputs.flag);
	if (flag) return {token: flag, source: 'flag', where: '--token'};
	const env = clean((inputs.env ?? process.env).MAST_API_TOKEN);
	if (env) return {token: env, source: 'env', where: 'MAST_API_TOKEN'};
	if (inputs.store) {
		const stored = clean(inputs.store.get('token'));
		if (stored) return {token: stored, source: 'store', where: inputs.store.path};
	}
	const file = path.resolve(inputs.cwd ?? process.cwd(), TOKEN_FILE);
	const fromFile = readTokenFile(file);
	if (fromFile) return {token: fromFile, source: 'file', where: file};
	return undefined;
}

/** `…wxyz`: at most the last 4 characters, fewer for a short token so most of it stays hidden. */
export function maskToken(token: string): string {
	const shown = Math.min(4, Math.floor(token.length / 3));
	return shown > 0 ? `…${token.slice(-shown)}` : '…';
}

export function describeToken(resolved: ResolvedToken): string {
	const where = resolved.source === 'store' ? `the cassi login store (${resolved.where})` : resolved.where;
	return `token from ${where} (${maskToken(resolved.token)})`;
}
