/**
 * Everything that can change the state. Keys become `command` actions (see ../ui/keys.ts);
 * effects report back with the other kinds. Commands carry `now` so relative dates and
 * presets stay pure.
 */
import type {CheckReport} from '../cassi/check.js';
import type {FieldId} from './text-field.js';
import type {SearchPage} from '../cassi/types.js';
import type {ExportRequest, QueueSnapshot} from './types.js';

export const COMMANDS = [
	// moving
	'cursor-down',
	'cursor-up',
	'top',
	'bottom',
	'page-down',
	'page-up',
	'half-down',
	'half-up',
	// marking
	'mark',
	'mark-down',
	'mark-up',
	'range',
	'mark-all',
	'invert-marks',
	'clear-marks',
	'mark-type',
	// viewing
	'filter',
	'next-type',
	'prev-type',
	'sort',
	'detail',
	'open-form',
	'refresh',
	'fetch-rest',
	'download',
	'open-queue',
	'open-export',
	'open-check',
	'help',
	'back',
	'quit',
	'force-quit',
	// form
	'form-next',
	'form-prev',
	'form-run',
	'form-toggle',
	'form-clear-field',
	'form-history-prev',
	'form-history-next',
	'preset-today',
	'preset-yesterday',
	'preset-week',
	'preset-last-check',
	// text fields (filter, form, token, export)
	'backspace',
	'text-done',
	// confirm
	'confirm-yes',
	'confirm-no',
	'confirm-folder',
	// queue
	'queue-pause',
	'queue-cancel',
	'queue-retry',
	'queue-remove',
	'queue-resume-file',
	'queue-resume-all',
	'queue-detail',
	// token, welcome, export
	'token-submit',
	'token-toggle-save',
	'open-demo',
	'open-token',
	'export-next',
	'export-prev',
	'export-option-next',
	'export-option-prev',
	'export-write',
] as const;

export type Command = (typeof COMMANDS)[number];

export type Action =
	| {type: 'command'; command: Command; now: string}
	| {type: 'text'; text: string; now: string}
	/** What the focused ink-text-input did with a key: `before` → `after` as it saw the value. */
	| {type: 'field-edit'; field: FieldId; before: string; after: string; now: string}
	| {type: 'resize'; width: number; height: number}
	| {type: 'tick'}
	| {type: 'run-query'; now: string}
	| {type: 'search-page'; id: number; page: SearchPage}
	/** `lastCheck`: the watermark after this search, when the effects moved it. */
	| {type: 'search-done'; id: number; at: string; lastCheck?: string}
	| {type: 'search-failed'; id: number; message: string}
	| {type: 'baseline-ready'; searchId: number; report: CheckReport}
	| {type: 'baseline-failed'; searchId: number; message: string}
	/** The service has not answered for a while, or a retry is coming: said on the status line. */
	| {type: 'search-waiting'; id: number; text: string}
	| {type: 'auth-required'; message?: string}
	| {type: 'token-accepted'; saved: boolean}
	| {type: 'token-rejected'; message: string}
	| {type: 'demo-opened'}
	| {type: 'queue-snapshot'; snapshot: QueueSnapshot}
	| {type: 'message'; text: string; tone: 'info' | 'error' | 'success'}
	| {type: 'free-space'; free: number; folder: string}
	| {type: 'export-exists'; request: ExportRequest};
