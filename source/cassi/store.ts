/**
 * Local settings (the token, "since last check", query history) in a conf JSON file.
 * The file holds the token, so it is mode 0600 after every write, and an older file with
 * looser bits is tightened when opened. `CASSI_CONFIG_DIR` moves it (tests, CI, portable use).
 */
import fs from 'node:fs';
import path from 'node:path';
// Before conf, so it notes the signal listeners before conf's when-exit adds its own (conf-signals.ts).
import {dropSignalHooksOfConf} from './conf-signals.js';
import Conf from 'conf';
import {CassiError} from './errors.js';
import type {Query} from './types.js';

dropSignalHooksOfConf();

export interface QueryHistoryEntry {
	/** ISO time the query ran. */
	at: string;
	query: Query;
}

export interface StoreData {
	token?: string;
	/**
	 * "Since last check" per API URL: the end of what the browser's last complete, unfiltered
	 * search saw (`YYYY-MM-DDTHH:MM:SS`). An older `lastCheck` (a clock time) is not trusted.
	 */
	lastChecks?: Record<string, string>;
	queryHistory?: QueryHistoryEntry[];
	/** The folder the browser last downloaded into (absolute), proposed by the next `d`. */
	lastFolder?: string;
}

export interface CassiStore {
	readonly path: string;
	get<K extends keyof StoreData>(key: K): StoreData[K] | undefined;
	set<K extends keyof StoreData>(key: K, value: NonNullable<StoreData[K]>): void;
	delete(key: keyof StoreData): void;
}

export const STORE_MODE = 0o600;

/** Tighten the file to 0600 if it exists (no-op on Windows, where modes do not apply). */
export function secureFile(file: string): void {
	try {
		const {mode} = fs.statSync(file);
		if ((mode & 0o777) !== STORE_MODE) fs.chmodSync(file, STORE_MODE);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw diskError(file, error);
	}
}

function diskError(file: string, error: unknown): CassiError {
	const code = (error as NodeJS.ErrnoException).code ?? 'error';
	return new CassiError('disk', `cannot use the settings file ${file} (${code}): check its permissions or set CASSI_CONFIG_DIR`);
}

const CHECKS: {[K in keyof StoreData]-?: (value: unknown) => boolean} = {
	token: value => typeof value === 'string',
	lastChecks: value => typeof value === 'object' && value !== null && !Array.isArray(value),
	queryHistory: value => Array.isArray(value),
	lastFolder: value => typeof value === 'string',
};

export function openStore(env: NodeJS.ProcessEnv = process.env): CassiStore {
	const dir = env.CASSI_CONFIG_DIR?.trim() || undefined;
	let conf: Conf<StoreData>;
	try {
		conf = new Conf<StoreData>({
			projectName: 'cassi',
			projectSuffix: '',
			cwd: dir,
			configFileMode: STORE_MODE,
		});
	} catch (error) {
		const where = dir ? path.join(dir, 'config.json') : 'config.json in the cassi settings folder';
		if (error instanceof SyntaxError) {
			throw new CassiError('disk', `${where} is not valid JSON: fix or delete it (it holds only the token and history)`);
		}
		throw diskError(where, error);
	}
	const file = conf.path;
	secureFile(file);
	if (!dir) {
		// Our own folder under the user's config dir: nobody else needs to list it.
		try {
			fs.chmodSync(path.dirname(file), 0o700);
		} catch {
			// Not ours to insist on (it may not exist until the first write).
		}
	}

	const write = (action: () => void) => {
		try {
			action();
		} catch (error) {
			throw diskError(file, error);
		}
		secureFile(file);
	};

	return {
		path: file,
		get(key) {
			const value: unknown = conf.get(key);
			return CHECKS[key](value) ? (value as StoreData[typeof key]) : undefined;
		},
		set(key, value) {
			write(() => conf.set(key, value));
		},
		delete(key) {
			write(() => conf.delete(key));
		},
	};
}

