/**
 * The effects layer: it watches the reducer's requests (each carries a fresh `seq`), calls
 * the service module, and dispatches what comes back. Components stay pure.
 */
/* eslint-disable react-hooks/exhaustive-deps, react-hooks/immutability, react-hooks/refs --
   Each effect runs once per request, keyed on that request's seq: dispatch and services live as
   long as the app, and `handle` is the app's mutable box (engine, aborts) that runTui reads on exit. */
import {useEffect, useRef, type Dispatch} from 'react';
import {itemFromRecord} from '../../cassi/download/engine.js';
import {buildCheckReport, DEFAULT_BASELINE_DAYS} from '../../cassi/check.js';
import {isCassiError} from '../../cassi/errors.js';
import type {CassiRecord, SearchPage} from '../../cassi/types.js';
import {waitText, type WaitEvent} from '../../cassi/waiting.js';
import {nextWatermark, saveLastCheck, searchComplete} from '../../cassi/watermark.js';
import type {Action} from '../../state/actions.js';
import {queryKey} from '../../state/search-reducer.js';
import type {AppState} from '../../state/types.js';
import type {Connection, QueueEngine, Services} from '../services.js';
import {resolve} from 'node:path';
import {expandHome, exportErrorMessage, exportText} from './export.js';
import {attachEngine, type QueueMirror} from './mirror-queue.js';

export {attachEngine};

export interface EffectsHandle {
	connection: Connection;
	engine?: QueueEngine;
	demoClose?: () => Promise<void>;
	searchAbort?: AbortController;
	/** The background baseline search of a one-day query; a new search stops it. */
	baselineAbort?: AbortController;
	/** The engine's snapshot mirror: keys let held-back progress share their frame. */
	mirror?: QueueMirror;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function now(): string {
	return new Date().toISOString();
}

export function useEffects(state: AppState, dispatch: Dispatch<Action>, services: Services, handle: EffectsHandle): void {
	const {requests} = state;
	const stateRef = useRef(state);
	stateRef.current = state;

	// Search: pages are dispatched as they arrive; a newer request aborts the older one.
	useEffect(() => {
		const request = requests.search;
		if (!request) return;
		handle.searchAbort?.abort();
		handle.baselineAbort?.abort();
		const controller = new AbortController();
		handle.searchAbort = controller;
		const id = request.seq;
		void (async () => {
			try {
				const client = services.createClient(handle.connection);
				const startedAt = new Date();
				let last: SearchPage | undefined;
				// Said on the status line while the service keeps us waiting; the next page clears it.
				const onWait = (event: WaitEvent) => {
					if (!controller.signal.aborted) dispatch({type: 'search-waiting', id, text: waitText(event)});
				};
				for await (const page of client.searchPages(request.query, {signal: controller.signal, onWait})) {
					if (controller.signal.aborted) return;
					last = page;
					dispatch({type: 'search-page', id, page});
				}
				if (controller.signal.aborted) return;
				const at = now();
				const previous = stateRef.current.lastCheck;
				const lastCheck = nextWatermark(request.query, startedAt, searchComplete(last), previous);
				dispatch({type: 'search-done', id, at, lastCheck});
				try {
					// 'Since last check' is about the real archive: a demo query moves it for this session only.
					if (!stateRef.current.demo && lastCheck !== undefined && lastCheck !== previous && services.store) {
						saveLastCheck(services.store, handle.connection.apiUrl, lastCheck);
					}
					const history = services.store?.get('queryHistory') ?? [];
					const key = queryKey(request.query);
					services.store?.set('queryHistory', [{at, query: request.query}, ...history.filter(entry => queryKey(entry.query) !== key)].slice(0, 50));
				} catch (error) {
					dispatch({type: 'message', text: errorText(error), tone: 'error'});
				}
			} catch (error) {
				if (controller.signal.aborted) return;
				if (isCassiError(error) && error.kind === 'auth') dispatch({type: 'auth-required', message: error.message});
				else dispatch({type: 'search-failed', id, message: errorText(error)});
			}
		})();
	}, [requests.search?.seq]);

	// Baseline: the 7 days before a one-day query, after its results; judged as `cassi check` does.
	useEffect(() => {
		const request = requests.baseline;
		if (!request) return;
		handle.baselineAbort?.abort();
		const controller = new AbortController();
		handle.baselineAbort = controller;
		void (async () => {
			try {
				const client = services.createClient(handle.connection);
				const records: CassiRecord[] = [];
				let cut = false;
				for await (const page of client.searchPages(request.query, {signal: controller.signal})) {
					for (const record of page.records) records.push(record);
					if (page.cut) cut = true;
				}
				if (controller.signal.aborted) return;
				const current = stateRef.current;
				if (current.search.id !== request.searchId) return;
				for (const row of current.rows) records.push(row.record);
				const report = buildCheckReport(records, {
					date: request.day,
					baselineDays: DEFAULT_BASELINE_DAYS,
					fileTypes: request.query.fileTypes?.filter(type => !type.startsWith('!')),
					truncated: cut || current.search.cut !== undefined,
				});
				dispatch({type: 'baseline-ready', searchId: request.searchId, report});
			} catch (error) {
				if (controller.signal.aborted) return;
				dispatch({type: 'baseline-failed', searchId: request.searchId, message: errorText(error)});
			}
		})();
	}, [requests.baseline?.seq]);

	// Token: check it against the service before anything uses it.
	useEffect(() => {
		const request = requests.token;
		if (!request) return;
		void (async () => {
			try {
				const candidate = {...handle.connection, token: request.token};
				await services.createClient(candidate).checkToken();
				handle.connection = candidate;
				handle.engine?.setToken(request.token);
				let saved = false;
				if (request.save && services.store) {
					services.store.set('token', request.token);
					saved = true;
				}
				dispatch({type: 'token-accepted', saved});
				if (handle.engine?.snapshot().totals.paused) handle.engine.resume();
			} catch (error) {
				const message = isCassiError(error) && error.kind === 'auth' ? 'The service rejected this token: copy it again whole, or create a new one' : errorText(error);
				dispatch({type: 'token-rejected', message});
			}
		})();
	}, [requests.token?.seq]);

	// Demo: start the embedded archive and point everything at it.
	useEffect(() => {
		const request = requests.demo;
		if (!request) return;
		if (!services.startDemo) {
			dispatch({type: 'message', text: 'The demo archive is not available here: run `cassi --demo`', tone: 'error'});
			return;
		}
		void (async () => {
			try {
				const demo = await services.startDemo!();
				await handle.demoClose?.();
				handle.demoClose = demo.close;
				handle.connection = {apiUrl: demo.apiUrl, token: demo.token, demo: true};
				dispatch({type: 'demo-opened'});
			} catch (error) {
				dispatch({type: 'message', text: `Could not open the demo archive: ${errorText(error)}`, tone: 'error'});
			}
		})();
	}, [requests.demo?.seq]);

	// Export.
	useEffect(() => {
		const request = requests.export;
		if (!request) return;
		void (async () => {
			try {
				if (!request.overwrite && (await services.fileExists?.(request.file))) {
					dispatch({type: 'export-exists', request: {format: request.format, file: request.file, rows: request.rows}});
					return;
				}
				await services.writeFile(request.file, exportText(request.rows, request.format));
				dispatch({type: 'message', text: `Wrote ${request.rows.length} rows to ${request.file}`, tone: 'success'});
			} catch (error) {
				dispatch({type: 'message', text: exportErrorMessage(request.file, error), tone: 'error'});
			}
		})();
	}, [requests.export?.seq]);

	// Downloads: one engine for the session; its snapshots are mirrored into the state.
	useEffect(() => {
		const request = requests.download;
		if (!request) return;
		void (async () => {
			try {
				const token = handle.connection.token;
				if (!token) {
					dispatch({type: 'auth-required'});
					return;
				}
				const folder = resolve(expandHome(request.folder));
				let engine = handle.engine;
				if (engine?.folder !== undefined && engine.folder !== folder) {
					// One queue at a time: a new folder gets a fresh queue once the old one has nothing running.
					const busy = engine.snapshot().files.some(file => ['queued', 'downloading', 'retrying', 'verifying'].includes(file.state));
					if (busy) {
						dispatch({type: 'message', text: `Downloads into ${engine.folder} are still running: wait for them, or choose that folder`, tone: 'error'});
						return;
					}
					await engine.close();
					engine = undefined;
					handle.engine = undefined;
				}
				if (!engine) {
					engine = services.createEngine({...handle.connection, token, folder, parallel: services.parallel});
					handle.engine = engine;
					handle.mirror = attachEngine(engine, dispatch, {live: () => stateRef.current.screen === 'queue'});
				}
				engine.add(request.rows.map(row => itemFromRecord(row.record)));
				dispatch({type: 'queue-snapshot', snapshot: engine.snapshot()});
				await engine.start();
				engine.resume();
				try {
					services.store?.set('lastFolder', folder);
				} catch {
					// Only a convenience for the next session.
				}
				const already = request.already > 0 ? ` (${request.already} already complete or queued)` : '';
				dispatch({type: 'message', text: `Queued ${request.rows.length} files into ${folder}${already}`, tone: 'info'});
			} catch (error) {
				dispatch({type: 'message', text: errorText(error), tone: 'error'});
			}
		})();
	}, [requests.download?.seq]);

	// Free space for the download question.
	useEffect(() => {
		const request = requests.freeSpace;
		if (!request || !services.freeSpace) return;
		void services
			.freeSpace(resolve(expandHome(request.folder)))
			.then(free => dispatch({type: 'free-space', free, folder: request.folder}))
			.catch(() => {});
	}, [requests.freeSpace?.seq]);

	// Queue controls.
	useEffect(() => {
		const request = requests.queue;
		const engine = handle.engine;
		if (!request || !engine) return;
		if (request.op === 'pause') engine.pause();
		else if (request.op === 'resume') {
			// A queue restored from the journal has not started yet; start() is a no-op otherwise.
			void engine
				.start()
				.then(() => engine.resume())
				.catch(error => dispatch({type: 'message', text: errorText(error), tone: 'error'}));
		}
		else if (request.op === 'resume-file' && request.name) {
			const name = request.name;
			void engine
				.start()
				.then(() => engine.resume(name))
				.catch(error => dispatch({type: 'message', text: errorText(error), tone: 'error'}));
		} else if (request.op === 'resume-all') {
			const stopped = engine.snapshot().files.filter(file => file.state === 'cancelled' || file.state === 'paused');
			void engine
				.start()
				.then(() => {
					for (const file of stopped) engine.resume(file.name);
					engine.resume();
				})
				.catch(error => dispatch({type: 'message', text: errorText(error), tone: 'error'}));
		}
		else if (request.op === 'retry') engine.retryFailed();
		else if (request.op === 'cancel' && request.name) engine.cancel(request.name);
		else if (request.op === 'remove' && request.name) engine.remove(request.name);
		dispatch({type: 'queue-snapshot', snapshot: engine.snapshot()});
	}, [requests.queue?.seq]);

	// Quit.
	useEffect(() => {
		if (!requests.quit) return;
		handle.searchAbort?.abort();
		handle.baselineAbort?.abort();
		services.exit(0);
	}, [requests.quit?.seq]);

	// Spinner while something is in flight.
	const busy = state.search.running || state.token.checking;
	useEffect(() => {
		if (!busy) return;
		const timer = setInterval(() => dispatch({type: 'tick'}), 120);
		return () => clearInterval(timer);
	}, [busy]);
}
