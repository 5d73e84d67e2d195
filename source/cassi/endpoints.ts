import {CassiError} from './errors.js';
import {DEFAULT_API_URL} from './types.js';

export interface Endpoints {
	base: URL;
	search: URL;
	download: URL;
}

/** `--api-url`, else `CASSI_API_URL`, else the real MAST service. */
export function resolveApiUrl(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
	return flag ?? env.CASSI_API_URL ?? DEFAULT_API_URL;
}

export function endpoints(apiUrl: string): Endpoints {
	let base: URL;
	try {
		base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
	} catch {
		throw new CassiError('usage', `API URL "${apiUrl}" is not a URL: pass --api-url https://host/cassi/api/v0.1`);
	}
	if (base.protocol !== 'https:' && base.protocol !== 'http:') {
		throw new CassiError('usage', `API URL scheme "${base.protocol}" is not supported: use https:// (or http:// on loopback)`);
	}
	if (base.username || base.password) {
		throw new CassiError('usage', 'API URL must not contain a user name or password: pass the token with --token or MAST_API_TOKEN');
	}
	return {
		base,
		search: new URL('roman/search/Eng', base),
		download: new URL('download/roman/eng', base),
	};
}

/** Do two API URLs name the same service base? (false when either is not a valid API URL) */
export function sameApi(a: string, b: string): boolean {
	try {
		return endpoints(a).base.href === endpoints(b).base.href;
	} catch {
		return false;
	}
}

/**
 * The service's host when it is not MAST (`127.0.0.1:8123`), for the header and for messages
 * that would otherwise send the user to MAST's token page; undefined for MAST itself.
 */
export function serviceHost(apiUrl: string): string | undefined {
	let host: string;
	try {
		host = new URL(apiUrl).host;
	} catch {
		return undefined;
	}
	return host === new URL(DEFAULT_API_URL).host ? undefined : host;
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The token goes over https, or over http only to this machine. Checked before connecting. */
export function assertSafeForToken(url: URL): void {
	if (url.protocol === 'https:') return;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
	throw new CassiError(
		'security',
		`refusing to send the token over ${url.protocol}//${url.host}: use https:// (plain http is allowed only on loopback)`,
	);
}
