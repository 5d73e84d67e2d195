/**
 * The ONE stdin listener. It subscribes to Ink's input stream (the same events useInput
 * gets, already split into key sequences) and names each key itself so F1 and Shift+arrows
 * work too; the key table then decides what the key means where. It listens before anyone
 * else; a key the focused text field edits with is the field's to send (see field-bus.ts).
 */
import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import type {FieldBus, KeyEvent} from './field-bus.js';
import {isFieldKey} from './keys.js';
import {parseKeypress} from './keypress.js';

export function useKeypress(handler: (event: KeyEvent) => void, bus: FieldBus, active = true): void {
	const {internal_eventEmitter: emitter, setRawMode, isRawModeSupported} = useStdin();
	const handlerRef = useRef(handler);
	useEffect(() => {
		handlerRef.current = handler;
	});
	useEffect(() => {
		if (!active) return;
		if (isRawModeSupported) setRawMode(true);
		const disconnect = bus.connect(event => handlerRef.current(event));
		// Every other listener on Ink's input stream is a focused ink-text-input's.
		const onInput = (data: string) => bus.arrive(parseKeypress(data), isFieldKey, (emitter?.listenerCount('input') ?? 0) > 1);
		emitter?.prependListener('input', onInput);
		return () => {
			emitter?.removeListener('input', onInput);
			disconnect();
			if (isRawModeSupported) setRawMode(false);
		};
	}, [active, emitter, setRawMode, isRawModeSupported, bus]);
}
