/**
 * The browser: state (one reducer), the one key listener, the effects, and the layout.
 * runTui mounts this; component tests mount it with fake services.
 */
import React, {useReducer, useRef} from 'react';
import type {Action} from '../state/actions.js';
import {reducer} from '../state/reducer.js';
import {focusedField, type FieldId} from '../state/text-field.js';
import type {AppState} from '../state/types.js';
import {App} from './app.js';
import {attachEngine, useEffects, type EffectsHandle} from './effects/use-effects.js';
import {FieldBus, FieldBusContext, type FieldEdit} from './field-bus.js';
import {isFieldKey, resolveKey} from './keys.js';
import {parseKeypress, type Keypress} from './keypress.js';
import type {Connection, QueueEngine, Services} from './services.js';
import {useKeypress} from './use-keypress.js';

export interface CassiAppProps {
	initial: AppState;
	services: Services;
	connection: Connection;
	/** runTui keeps this to close the engine and the demo server on every exit path. */
	handleRef?: {current?: EffectsHandle};
	/** Dispatch from outside (resize, signals). */
	dispatchRef?: {current?: React.Dispatch<RootAction>};
	/** Run the form's query once on mount (query flags given on the command line). */
	autoRun?: boolean;
	/** A queue restored from an earlier run's journal (paused). */
	initialEngine?: QueueEngine;
}

/** `live`: the field whose ink-text-input heard the key; `edit`: what it made of it. */
export type RootAction = Action | {type: 'key'; key: Keypress; now: string; live?: FieldId; edit?: FieldEdit};

/**
 * Keys are resolved inside the reducer step, against the newest state: a fast typist's `/c`
 * must reach the filter line even when no frame was drawn between the two keys.
 */
export function rootReducer(state: AppState, action: RootAction): AppState {
	if (action.type !== 'key') return reducer(state, action);
	const {key, now} = action;
	const field = focusedField(state);
	if (action.live !== undefined && action.live === field && isFieldKey(key)) {
		// The field had it. Only a key the table binds even in a field (D in an empty token field) is not the field's.
		const resolved = resolveKey(state, key, new Date(now));
		if (resolved?.type === 'command' && resolved.command !== 'backspace') return reducer(state, resolved);
		return action.edit?.field === field ? reducer(state, {type: 'field-edit', ...action.edit, now}) : state;
	}
	if (key.name === 'paste' && key.raw !== undefined) {
		// Plain text into a text field goes in whole; anything else is one key per character,
		// each resolved against the state the previous one left (`/abc⏎` opens, types, keeps).
		const resolved = key.text === key.raw ? resolveKey(state, key, new Date(now)) : undefined;
		if (resolved?.type === 'text') return reducer(state, resolved);
		return [...key.raw].reduce((current, char) => rootReducer(current, {type: 'key', key: parseKeypress(char), now}), state);
	}
	const resolved = resolveKey(state, key, new Date(now));
	return resolved ? reducer(state, resolved) : state;
}

export function CassiApp({initial, services, connection, handleRef, dispatchRef, autoRun, initialEngine}: CassiAppProps) {
	// The proposed download folder is the session's (-f, or the last one used): services carry it.
	const [state, dispatch] = useReducer(rootReducer, {...initial, downloadFolder: services.folder});
	// The app's one mutable box (engine, aborts, mirror), shared with runTui for its exit paths.
	const handle = useRef<EffectsHandle>({connection, engine: initialEngine});
	const screenRef = useRef(state.screen);
	React.useLayoutEffect(() => {
		screenRef.current = state.screen;
		if (handleRef) handleRef.current = handle.current;
		if (dispatchRef) dispatchRef.current = dispatch;
	});
	const [bus] = React.useState(() => new FieldBus());
	useKeypress(({key, live, edit}) => {
		handle.current.mirror?.keyPressed();
		dispatch({type: 'key', key, live, edit, now: new Date().toISOString()});
	}, bus);
	// eslint-disable-next-line react-hooks/refs -- the box is made once and only read or written inside effects
	useEffects(state, dispatch, services, handle.current);
	// Once, on mount: a queue restored from an earlier run, and the query given on the command line.
	React.useEffect(() => {
		if (!initialEngine) return;
		handle.current.mirror = attachEngine(initialEngine, dispatch, {live: () => screenRef.current === 'queue'});
		const left = initialEngine.snapshot().files.filter(file => !['done', 'skipped'].includes(file.state)).length;
		dispatch({type: 'message', text: `${left} unfinished downloads from an earlier run: w shows them, p resumes`, tone: 'info'});
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the restored queue is attached once, on mount
	}, []);
	const ran = useRef(false);
	React.useEffect(() => {
		if (autoRun && !ran.current && initial.hasToken) {
			ran.current = true;
			dispatch({type: 'run-query', now: new Date().toISOString()});
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the command line's query runs once, on mount
	}, []);
	return (
		<FieldBusContext.Provider value={bus}>
			<App state={state} storePath={services.store?.path} />
		</FieldBusContext.Provider>
	);
}
