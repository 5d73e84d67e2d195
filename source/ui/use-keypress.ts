/**
 * The ONE stdin listener. It subscribes to Ink's input stream (the same events useInput
 * gets, already split into key sequences) and names each key itself so F1 and Shift+arrows
 * work too; the key table then decides what the key means where.
 */
import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {parseKeypress, type Keypress} from './keypress.js';

export function useKeypress(handler: (key: Keypress) => void, active = true): void {
	const {internal_eventEmitter: emitter, setRawMode, isRawModeSupported} = useStdin();
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	useEffect(() => {
		if (!active) return;
		if (isRawModeSupported) setRawMode(true);
		const onInput = (data: string) => handlerRef.current(parseKeypress(data));
		emitter?.on('input', onInput);
		return () => {
			emitter?.removeListener('input', onInput);
			if (isRawModeSupported) setRawMode(false);
		};
	}, [active, emitter, setRawMode, isRawModeSupported]);
}
