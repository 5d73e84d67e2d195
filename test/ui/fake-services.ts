/** Services for component tests: a scripted client, an in-memory store, files captured in memory. */
import {EventEmitter} from 'node:events';
import type {CassiRecord, Query, SearchPage} from '../../source/cassi/types.js';
import type {WaitEvent} from '../../source/cassi/waiting.js';
import {CassiError} from '../../source/cassi/errors.js';
import type {QueueEngine, SearchClient, Services} from '../../source/ui/services.js';

export interface FakeOptions {
	records?: CassiRecord[];
	pageSize?: number;
	/** Reject searches with an auth error (until a token equal to this is set). */
	validToken?: string;
	engine?: QueueEngine;
	/** Told to the search's onWait before any page, which then waits for `answer`. */
	waits?: WaitEvent[];
	answer?: Promise<void>;
}

export function memoryStore(initial: Record<string, unknown> = {}) {
	const data = new Map<string, unknown>(Object.entries(initial));
	return {
		path: '/tmp/cassi-test/config.json',
		data,
		get: (key: string) => data.get(key) as never,
		set: (key: string, value: unknown) => void data.set(key, value),
		delete: (key: string) => void data.delete(key),
	};
}

export function fakeServices(options: FakeOptions = {}) {
	const queries: Query[] = [];
	const written = new Map<string, string>();
	const exits: number[] = [];
	const store = memoryStore();
	const client = (token?: string): SearchClient => ({
		async *searchPages(query: Query, callbacks?: {onWait?: (event: WaitEvent) => void}): AsyncGenerator<SearchPage> {
			queries.push(query);
			for (const event of options.waits ?? []) callbacks?.onWait?.(event);
			await options.answer;
			if (options.validToken !== undefined && token !== options.validToken) throw new CassiError('auth', 'MAST rejected the token');
			const records = options.records ?? [];
			const size = options.pageSize ?? 1000;
			if (records.length === 0) {
				yield {records: [], received: 0, total: 0, duplicates: 0, done: true};
				return;
			}
			for (let start = 0; start < records.length; start += size) {
				const slice = records.slice(start, start + size);
				yield {records: slice, received: start + slice.length, total: records.length, duplicates: 0, done: start + size >= records.length};
			}
		},
		async checkToken() {
			if (options.validToken !== undefined && token !== options.validToken) throw new CassiError('auth', 'rejected');
		},
	});
	const services: Services = {
		createClient: connection => client(connection.token),
		createEngine: () => options.engine ?? (new EventEmitter() as unknown as QueueEngine),
		store,
		startDemo: async () => ({apiUrl: 'http://127.0.0.1:1', token: 'demo'}),
		writeFile: async (file, content) => void written.set(file, content),
		fileExists: async file => written.has(file),
		freeSpace: async () => 5_000_000_000,
		folder: 'cassi-data',
		parallel: 3,
		exit: code => void exits.push(code),
	};
	return {services, queries, written, exits, store};
}
