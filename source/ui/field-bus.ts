/**
 * Between the one key listener and the focused ink-text-input. The listener runs first for
 * every key (it is prepended). A key a field edits with (text, Backspace, ←→) while a field
 * listens is left open for the field: the field sends it with what it made of it, in the same
 * update as its own cursor move; a key the field did nothing with is sent after it. Every
 * other key is sent at once. The reducer still decides, against the newest state, whether a
 * key was the field's or the key table's (D in an empty token field opens the demo).
 */
import {createContext} from 'react';
import type {FieldId} from '../state/text-field.js';
import type {Keypress} from './keypress.js';

export interface FieldEdit {
	field: FieldId;
	before: string;
	after: string;
}

export interface KeyEvent {
	key: Keypress;
	/** The field whose ink-text-input was listening when the key arrived. */
	live?: FieldId;
	edit?: FieldEdit;
}

export class FieldBus {
	private live?: FieldId;
	private open?: {event: KeyEvent; sent: boolean};
	private sink?: (event: KeyEvent) => void;

	/** The key listener: where keys go. */
	connect(sink: (event: KeyEvent) => void): () => void {
		this.sink = sink;
		return () => {
			if (this.sink === sink) this.sink = undefined;
		};
	}

	/** A field's ink-text-input listens (or stops). */
	listen(field: FieldId): () => void {
		this.live = field;
		return () => {
			if (this.live === field) this.live = undefined;
		};
	}

	/**
	 * A key arrived: sent now, or left open for the listening field to send with its edit.
	 * `fieldListens`: an ink-text-input's listener is in place right now (React adds and removes
	 * it a moment after a frame, so the field's own word is not enough).
	 */
	arrive(key: Keypress, isFieldKey: (key: Keypress) => boolean, fieldListens: boolean): void {
		const event: KeyEvent = {key, live: fieldListens ? this.live : undefined};
		if (event.live === undefined || !isFieldKey(key)) {
			this.open = undefined;
			this.sink?.(event);
			return;
		}
		const open = {event, sent: false};
		this.open = open;
		// Ink calls the field's listener right after the key listener, in the same turn.
		queueMicrotask(() => {
			if (this.open === open) this.open = undefined;
			if (!open.sent) this.sink?.(event);
		});
	}

	/** The field's edit for the key in flight; false when the key is not the field's to send. */
	sendEdit(field: FieldId, edit: (key: Keypress) => FieldEdit): boolean {
		const open = this.open;
		if (!open || open.sent || open.event.live !== field) return false;
		open.sent = true;
		this.sink?.({...open.event, edit: edit(open.event.key)});
		return true;
	}
}

/** Without a provider (a screen rendered alone) a field's edits go nowhere. */
export const FieldBusContext = createContext<FieldBus>(new FieldBus());
