/**
 * A text field: ink-text-input (cursor movement, paste, placeholder, mask) whose edits go to
 * the one reducer through the field bus, so the key table keeps every other key.
 */
import TextInput from 'ink-text-input';
import React, {useContext, useEffect, useLayoutEffect, useRef, useState} from 'react';
import {FieldBusContext} from '../../field-bus.js';
import type {FieldId} from '../../../state/text-field.js';

export interface TextFieldProps {
	field: FieldId;
	value: string;
	focus: boolean;
	mask?: string;
	placeholder?: string;
}

export function TextField({field, value, focus, mask, placeholder}: TextFieldProps) {
	const bus = useContext(FieldBusContext);
	const latest = useRef(value);
	// ink-text-input keeps its own cursor. A value it did not make (^U, ^P, a refused edit, a key
	// it saw late) gets a fresh input with the cursor at the end, not a cursor left mid-word.
	const [input, setInput] = useState({value, expected: value, generation: 0});
	if (value !== input.value) setInput({value, expected: value, generation: value === input.expected ? input.generation : input.generation + 1});
	// React runs ink-text-input's effects (where its key listener is swapped for one that knows
	// the new value and cursor) only when the next update starts: start one right after each
	// change, so a key that changes nothing (←) is not heard by a listener that is gone.
	const [, setSettled] = useState(0);
	useLayoutEffect(() => {
		latest.current = value;
		// eslint-disable-next-line react-hooks/set-state-in-effect -- the extra update is the point: it makes React run the effects it holds
		setSettled(count => count + 1);
	}, [value, input.generation]);
	// Runs after ink-text-input's own listener is in place (children's effects run first).
	useEffect(() => (focus ? bus.listen(field) : undefined), [bus, field, focus]);
	const onChange = (after: string) => {
		const fresh = value === latest.current;
		let made = after;
		const sent = bus.sendEdit(field, key => {
			if (fresh) return {field, before: value, after};
			// A key that came before ink-text-input saw the last one: its listener still holds an
			// older value and cursor. The key goes at the end.
			const now = latest.current;
			made = key.text ? now + key.text : [...now].slice(0, -1).join('');
			return {field, before: now, after: made};
		});
		setInput(current => (sent && fresh ? {...current, expected: made} : {...current, expected: made, generation: current.generation + 1}));
	};
	return <TextInput key={input.generation} value={value} focus={focus} mask={mask} placeholder={placeholder} onChange={onChange} />;
}
