/**
 * undici's `request`, without loading all of undici: its index loads fetch, WebSocket, caches,
 * mocks and proxies too (~110 files, ~50 ms of every search's and download's start-up, about a
 * sixth of what `cassi --count` spends besides the service). Searches and downloads need only the
 * request API, one-connection clients and the shared default pool, loaded here from undici's own
 * files; the same options, the same errors, and the same global dispatcher as `import {request}
 * from 'undici'` uses.
 */
import Module, {createRequire} from 'node:module';
import type {Client, Dispatcher} from 'undici';

type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
	method?: Dispatcher.HttpMethod;
	dispatcher?: Dispatcher;
};

type ApiRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

const load = createRequire(import.meta.url);

// undici's HTTP/2 half requires node:http2 (and with it tls, crypto and http: ~5 ms of every start)
// though cassi never asks for HTTP/2 (allowH2 stays off, so a connection is never h2 and its one
// export, connectH2, is never called). Until it is, a stand-in takes its place in the module cache.
const h2File = load.resolve('undici/lib/dispatcher/client-h2.js');
if (!load.cache[h2File]) {
	const standIn = new Module(h2File);
	standIn.filename = h2File;
	standIn.loaded = true;
	standIn.exports = function connectH2(this: unknown, ...args: unknown[]): unknown {
		delete load.cache[h2File];
		const real = load(h2File) as (...args: unknown[]) => unknown;
		standIn.exports = real;
		return real.apply(this, args);
	};
	load.cache[h2File] = standIn;
}

const apiRequest = load('undici/lib/api/api-request.js') as ApiRequest;
const {getGlobalDispatcher} = load('undici/lib/global.js') as {getGlobalDispatcher(): Dispatcher};

/** undici's Client (one connection), from its own file too: the downloads keep one per request slot. */
export const UndiciClient = load('undici/lib/dispatcher/client.js') as typeof Client;

/** `request(url, options)` as undici's index exports it, for an absolute URL. */
export function request(url: URL, options: RequestOptions): Promise<Dispatcher.ResponseData> {
	const {dispatcher = getGlobalDispatcher(), ...rest} = options;
	return apiRequest.call(dispatcher, {
		...rest,
		origin: url.origin,
		path: url.search ? `${url.pathname}${url.search}` : url.pathname,
		method: options.method ?? (options.body ? 'PUT' : 'GET'),
	});
}
