/**
 * What the browser needs from the outside world, as narrow interfaces: the real service
 * module in runTui, fakes or the emulator in tests. Components never see these; effects do.
 */
import type {EventEmitter} from 'node:events';
import type {DownloadItem, Manifest, QueueSnapshot} from '../cassi/download/types.js';
import type {CassiStore} from '../cassi/store.js';
import type {Connection, Query, SearchPage} from '../cassi/types.js';
import type {WaitEvent} from '../cassi/waiting.js';

export interface SearchClient {
	searchPages(query: Query, options?: {signal?: AbortSignal; onWait?: (event: WaitEvent) => void}): AsyncIterable<SearchPage>;
	checkToken(signal?: AbortSignal): Promise<void>;
}

export interface QueueEngine extends EventEmitter {
	/** Absolute path of the folder this queue writes into. */
	readonly folder?: string;
	add(items: DownloadItem[]): void;
	start(): Promise<void>;
	pause(name?: string): void;
	resume(name?: string): void;
	cancel(name?: string): void;
	retryFailed(): void;
	remove(name: string): void;
	snapshot(): QueueSnapshot;
	setToken(token: string): void;
	close(): Promise<void>;
	/** Per-file outcome, for the story printed after the browser exits. */
	manifest?(): Manifest;
	/** The exact `cassi resume …` that continues this queue. */
	resumeCommand?(): string;
	/** False until the queue's journal is on disk (before that there is nothing to resume). */
	hasJournal?(): boolean;
}

export type {Connection};

export interface Services {
	createClient(connection: Connection): SearchClient;
	createEngine(connection: Connection & {token: string; folder: string; parallel?: number}): QueueEngine;
	store?: Pick<CassiStore, 'get' | 'set' | 'delete' | 'path'>;
	startDemo?: () => Promise<{apiUrl: string; token: string; close?: () => Promise<void>}>;
	writeFile(file: string, content: string): Promise<void>;
	/** Is there a file at this path already (export asks before replacing it)? */
	fileExists?(file: string): Promise<boolean>;
	/** Free bytes where downloads would go (absent: not shown). */
	freeSpace?(folder: string): Promise<number>;
	/** The download folder `d` proposes (-f, else the last one used, else cassi-data). */
	folder: string;
	/** `-j`; unset: the engine adapts to the file sizes. */
	parallel?: number;
	/** Called once when the user quits; runTui restores the terminal. */
	exit(code: number): void;
}
