/**
 * runTui: the interactive browser on a real terminal. Enters the alternate screen and
 * leaves it on every exit path (q, Ctrl-C, SIGTERM, SIGHUP, SIGINT, lost TTY or EPIPE, an
 * uncaught error), closing the download engine first so its journal is flushed and
 * partial files stay resumable.
 */
import {stat} from 'node:fs/promises';
import {render} from 'ink';
import React from 'react';
import {CassiClient} from '../cassi/client.js';
import {serviceHost} from '../cassi/endpoints.js';
import {DownloadEngine} from '../cassi/download/engine.js';
import {freeBytes} from '../cassi/download/disk.js';
import {loadJournal, unfinished} from '../cassi/download/journal.js';
import {resumeFromJournal} from '../cassi/download/resume.js';
import type {CassiStore} from '../cassi/store.js';
import {readLastCheck} from '../cassi/watermark.js';
import type {Query} from '../cassi/types.js';
import {initialState} from '../state/initial.js';
import type {InitialQuery} from '../state/types.js';
import type {EffectsHandle} from './effects/use-effects.js';
import {writeAtomically} from '../cassi/write-atomically.js';
import {expandHome} from './effects/export.js';
import {CassiApp, type RootAction} from './root.js';
import type {QueueEngine, Services} from './services.js';
import {enterAltScreen} from './terminal.js';
import {exitStory} from './exit-story.js';

export interface RunTuiOptions {
	apiUrl: string;
	token?: string;
	tokenSource?: string;
	initialQuery?: InitialQuery;
	autoRun: boolean;
	demo: boolean;
	store: Pick<CassiStore, 'get' | 'set' | 'delete' | 'path'>;
	/** `-f`: where downloads go; absent, the last folder used (conf store), else cassi-data. */
	folder?: string;
	parallel?: number;
	startDemo?: () => Promise<{apiUrl: string; token: string; close?: () => Promise<void>}>;
	/** One wait for the service (`--timeout`), in ms; the client's default when absent. */
	timeoutMs?: number;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	/** Route stray console output through Ink (default true; test runners replace console and need false). */
	patchConsole?: boolean;
}

const SIGNAL_CODES: Partial<Record<NodeJS.Signals, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

function isFirstRun(store: RunTuiOptions['store'], token: string | undefined): boolean {
	if (token) return false;
	try {
		return store.get('token') === undefined && store.get('lastChecks') === undefined && (store.get('queryHistory') ?? []).length === 0;
	} catch {
		return true;
	}
}

/** A journal left by an earlier run: its queue comes back paused, `p` in the queue view resumes it. */
async function resumableEngine(options: RunTuiOptions & {folder: string}): Promise<QueueEngine | undefined> {
	if (!options.token) return undefined;
	try {
		const journal = await loadJournal(options.folder);
		if (!journal || unfinished(journal).length === 0) return undefined;
		// A demo queue's files exist only in the demo archive, and a real one's only in the service.
		if (journal.demo !== options.demo) return undefined;
		const {engine} = await resumeFromJournal(options.folder, {apiUrl: options.apiUrl, token: options.token, parallel: options.parallel, demo: options.demo});
		engine.pause();
		return engine;
	} catch {
		return undefined;
	}
}

/** After a lost terminal, stderr may be gone too: the story is best effort, never a crash. */
function writeStderr(text: string): void {
	process.stderr.on('error', () => undefined);
	try {
		process.stderr.write(text);
	} catch {
		// Nowhere left to say it; the journal still holds the queue.
	}
}

function chosenFolder(options: RunTuiOptions): string {
	if (options.folder !== undefined) return options.folder;
	try {
		return options.store.get('lastFolder') ?? 'cassi-data';
	} catch {
		return 'cassi-data';
	}
}

export async function runTui(given: RunTuiOptions): Promise<number> {
	const options = {...given, folder: chosenFolder(given)};
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	let lastCheck: string | undefined;
	try {
		lastCheck = options.demo ? undefined : readLastCheck(options.store, options.apiUrl);
	} catch {
		lastCheck = undefined;
	}
	let history: Query[] = [];
	try {
		history = (options.store.get('queryHistory') ?? []).map(entry => entry.query);
	} catch {
		history = [];
	}
	const resumed = await resumableEngine(options);
	const initial = initialState({
		width: stdout.columns || 80,
		height: stdout.rows || 24,
		initialQuery: options.initialQuery,
		hasToken: Boolean(options.token),
		firstRun: isFirstRun(options.store, options.token),
		demo: options.demo,
		service: options.demo ? undefined : serviceHost(options.apiUrl),
		lastCheck,
		history,
	});

	const TOKEN_SOURCES: Record<string, string> = {flag: '--token', env: 'MAST_API_TOKEN', store: 'the saved settings', file: './mast_api_token.txt'};
	if (options.token && options.tokenSource && !options.demo) {
		initial.message = {text: `Using the token from ${TOKEN_SOURCES[options.tokenSource] ?? options.tokenSource}`, tone: 'info'};
	}

	let finish!: (code: number) => void;
	const finished = new Promise<number>(resolve => {
		finish = resolve;
	});

	const services: Services = {
		createClient: connection => new CassiClient({apiUrl: connection.apiUrl, token: connection.token, timeoutMs: options.timeoutMs}),
		createEngine: connection =>
			new DownloadEngine({apiUrl: connection.apiUrl, token: connection.token, folder: connection.folder, parallel: connection.parallel, demo: Boolean(connection.demo)}),
		store: options.store,
		startDemo: options.startDemo,
		writeFile: (file, content) => writeAtomically(expandHome(file), content),
		fileExists: file => stat(expandHome(file)).then(
			() => true,
			() => false,
		),
		freeSpace: folder => freeBytes(folder),
		folder: options.folder,
		parallel: options.parallel,
		exit: code => finish(code),
	};

	const handleRef: {current?: EffectsHandle} = {};
	const dispatchRef: {current?: React.Dispatch<RootAction>} = {};
	const screen = enterAltScreen(stdout);
	let instance: ReturnType<typeof render>;
	try {
		instance = render(
			<CassiApp
				initial={initial}
				services={services}
				connection={{apiUrl: options.apiUrl, token: options.token, demo: options.demo}}
				handleRef={handleRef}
				dispatchRef={dispatchRef}
				autoRun={options.autoRun}
				initialEngine={resumed}
			/>,
			{stdin, stdout, stderr: process.stderr, exitOnCtrlC: false, patchConsole: options.patchConsole ?? true, maxFps: 30},
		);
	} catch (error) {
		await resumed?.close().catch(() => {});
		screen.leave();
		throw error;
	}

	const onResize = () => dispatchRef.current?.({type: 'resize', width: stdout.columns || 80, height: stdout.rows || 24});
	const onSignal = (signal: NodeJS.Signals) => finish(SIGNAL_CODES[signal] ?? 1);
	const onLost = () => finish(1);
	const onStreamError = () => finish(1);
	const onUncaught = (error: unknown) => {
		crash = error;
		finish(1);
	};
	let crash: unknown;
	stdout.on('resize', onResize);
	stdout.on('error', onStreamError);
	stdin.on('end', onLost);
	stdin.on('close', onLost);
	for (const signal of Object.keys(SIGNAL_CODES) as NodeJS.Signals[]) process.on(signal, onSignal);
	process.on('uncaughtException', onUncaught);
	process.on('unhandledRejection', onUncaught);
	instance.waitUntilExit().catch(onUncaught);

	const code = await finished;

	// Leave in order: stop input and drawing, close transfers (journal flushed), then the screen.
	stdout.off('resize', onResize);
	stdin.off('end', onLost);
	stdin.off('close', onLost);
	for (const signal of Object.keys(SIGNAL_CODES) as NodeJS.Signals[]) process.off(signal, onSignal);
	try {
		instance.unmount();
	} catch {
		// Already gone.
	}
	const handle = handleRef.current;
	handle?.searchAbort?.abort();
	try {
		await handle?.engine?.close();
	} catch {
		// Closing keeps parts resumable even when it reports an error.
	}
	try {
		await handle?.demoClose?.();
	} catch {
		// The demo server dies with the process anyway.
	}
	screen.leave();
	stdout.off('error', onStreamError);
	process.off('uncaughtException', onUncaught);
	process.off('unhandledRejection', onUncaught);
	if (crash) {
		const message = crash instanceof Error ? crash.message : String(crash);
		writeStderr(`cassi: ${message}\n`);
	}
	const engine = handle?.engine;
	const resumable = engine?.resumeCommand && engine.hasJournal?.() !== false ? engine.resumeCommand() : undefined;
	const story = engine?.manifest ? exitStory(engine.manifest(), resumable) : undefined;
	if (story) writeStderr(story.text);
	return story?.incomplete ? 130 : code;
}
