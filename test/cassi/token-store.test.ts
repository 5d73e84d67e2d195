import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/cassi/store.js';
import {readLastCheck, saveLastCheck} from '../../source/cassi/watermark.js';
import {describeToken, maskToken, resolveToken} from '../../source/cassi/token.js';

let dir: string;
let cwd: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassi-store-'));
	cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cassi-cwd-'));
	env = {CASSI_CONFIG_DIR: dir};
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
	fs.rmSync(cwd, {recursive: true, force: true});
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

describe('openStore', () => {
	it('keeps the store under CASSI_CONFIG_DIR and reads back what it wrote', () => {
		const store = openStore(env);
		expect(path.dirname(store.path)).toBe(dir);
		store.set('token', 'tok-abcdefgh1234');
		store.set('lastChecks', {'https://mast.stsci.edu/cassi/api/v0.1/': '2025-10-05T12:00:00'});
		expect(openStore(env).get('token')).toBe('tok-abcdefgh1234');
		expect(openStore(env).get('lastChecks')).toEqual({'https://mast.stsci.edu/cassi/api/v0.1/': '2025-10-05T12:00:00'});
		store.delete('token');
		expect(openStore(env).get('token')).toBeUndefined();
	});

	it.runIf(posix)('writes the file with mode 0600', () => {
		const store = openStore(env);
		store.set('token', 'secret-token-1');
		expect(mode(store.path)).toBe(0o600);
		store.delete('token');
		expect(mode(store.path)).toBe(0o600);
	});

	it.runIf(posix)('tightens an existing file with looser bits, on open and on write', () => {
		const file = path.join(dir, 'config.json');
		fs.writeFileSync(file, JSON.stringify({token: 'old-token-999'}));
		fs.chmodSync(file, 0o644);
		const store = openStore(env);
		expect(store.path).toBe(file);
		expect(mode(file)).toBe(0o600);
		fs.chmodSync(file, 0o666);
		store.set('queryHistory', []);
		expect(mode(file)).toBe(0o600);
		expect(store.get('token')).toBe('old-token-999');
	});

	it('ignores values of the wrong type instead of passing them on', () => {
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({token: 42, queryHistory: 'x'}));
		const store = openStore(env);
		expect(store.get('token')).toBeUndefined();
		expect(store.get('queryHistory')).toBeUndefined();
	});

	it('says in one line when the file is not JSON', () => {
		fs.writeFileSync(path.join(dir, 'config.json'), '{not json');
		expect(() => openStore(env)).toThrow(/config\.json is not valid JSON: fix or delete it/);
	});

	it('says in one line when the settings folder cannot be used', () => {
		const blocker = path.join(dir, 'a-file');
		fs.writeFileSync(blocker, '');
		let error: unknown;
		try {
			openStore({CASSI_CONFIG_DIR: path.join(blocker, 'sub')}).set('token', 'tok-123456789');
		} catch (error_) {
			error = error_;
		}
		expect((error as {kind?: string}).kind).toBe('disk');
		expect((error as Error).message).toMatch(/^cannot use the settings file .*\(ENOTDIR\): check its permissions or set CASSI_CONFIG_DIR$/);
	});

	it('keeps the last check per API URL, only ever moving it forward', () => {
		const store = openStore(env);
		const mast = 'https://mast.stsci.edu/cassi/api/v0.1';
		const local = 'http://127.0.0.1:8080/cassi/api/v0.1';
		expect(readLastCheck(store, mast)).toBeUndefined();
		saveLastCheck(store, mast, '2025-10-04T23:59:59');
		expect(readLastCheck(openStore(env), `${mast}/`)).toBe('2025-10-04T23:59:59');
		expect(readLastCheck(store, local)).toBeUndefined();
		saveLastCheck(store, mast, '2025-10-03T23:59:59');
		expect(readLastCheck(store, mast)).toBe('2025-10-04T23:59:59');
		saveLastCheck(store, local, '2025-10-01T00:00:00');
		saveLastCheck(store, mast, '2025-10-05T08:00:00.5');
		expect(readLastCheck(openStore(env), mast)).toBe('2025-10-05T08:00:00.5');
		expect(readLastCheck(openStore(env), local)).toBe('2025-10-01T00:00:00');
		store.set('lastChecks', {[`${mast}/`]: 'garbage'});
		expect(readLastCheck(store, mast)).toBeUndefined();
	});

});

describe('resolveToken', () => {
	const writeFile = (text: string) => fs.writeFileSync(path.join(cwd, 'mast_api_token.txt'), text);

	it('prefers --token, then MAST_API_TOKEN, then the store, then ./mast_api_token.txt', () => {
		const store = openStore(env);
		store.set('token', 'from-store-5678');
		writeFile('from-file-9012\n');
		const all = {flag: 'from-flag-1234', env: {MAST_API_TOKEN: 'from-env-3456'}, store, cwd};
		expect(resolveToken(all)).toEqual({token: 'from-flag-1234', source: 'flag', where: '--token'});
		expect(resolveToken({...all, flag: undefined})).toEqual({token: 'from-env-3456', source: 'env', where: 'MAST_API_TOKEN'});
		expect(resolveToken({...all, flag: undefined, env: {}})).toEqual({token: 'from-store-5678', source: 'store', where: store.path});
		store.delete('token');
		expect(resolveToken({...all, flag: undefined, env: {}})).toEqual({
			token: 'from-file-9012',
			source: 'file',
			where: path.join(cwd, 'mast_api_token.txt'),
		});
	});

	it('treats empty or blank values as absent and trims the rest', () => {
		const store = openStore(env);
		store.set('token', '   ');
		writeFile('  \n');
		expect(resolveToken({flag: '', env: {MAST_API_TOKEN: ' \t'}, store, cwd})).toBeUndefined();
		expect(resolveToken({flag: '  padded-token-1 \n', env: {}, cwd})?.token).toBe('padded-token-1');
	});

	it('finds nothing when no source has a token', () => {
		expect(resolveToken({env: {}, store: openStore(env), cwd})).toBeUndefined();
	});
});

describe('describing a token', () => {
	it('shows at most the last four characters', () => {
		expect(maskToken('abcdefghijklmnopwxyz')).toBe('…wxyz');
		expect(maskToken('abcdef')).toBe('…ef');
		expect(maskToken('ab')).toBe('…');
		const text = describeToken({token: 'abcdefghijklmnopwxyz', source: 'env', where: 'MAST_API_TOKEN'});
		expect(text).toBe('token from MAST_API_TOKEN (…wxyz)');
		expect(text).not.toContain('abcdefgh');
	});

	it('names the store file or the token file', () => {
		expect(describeToken({token: 'x'.repeat(30), source: 'store', where: '/h/.config/cassi/config.json'})).toBe(
			'token from the cassi login store (/h/.config/cassi/config.json) (…xxxx)',
		);
		expect(describeToken({token: 'y'.repeat(30), source: 'file', where: '/w/mast_api_token.txt'})).toBe(
			'token from /w/mast_api_token.txt (…yyyy)',
		);
	});
});
