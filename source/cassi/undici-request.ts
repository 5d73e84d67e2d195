/**
 * undici's `request`, without loading all of undici: its index loads fetch, WebSocket, caches,
 * mocks and proxies too (~110 files, ~50 ms of every search's and download's start-up, about a
 * sixth of what `cassi --count` spends besides the service). Searches and downloads need only the
 * request API, one-connection clients and the shared default pool, loaded here from undici's own
 * files; the same options, the same errors, and the same global dispatcher as `import {request}
 * from 'undici'` uses.
 */
import {createRequire} from 'node:module';
import type {Client, Dispatcher} from 'undici';

type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
	method?: Dispatcher.HttpMethod;
	dispatcher?: Dispatcher;
};

type ApiRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

const load = createRequire(import.meta.url);
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
