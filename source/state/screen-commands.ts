/** Commands on the detail, queue, export, token and welcome screens, and in the help overlay. */
import type {Command} from './actions.js';
import {detailHeight} from './layout.js';
import {
	changeExportOption,
	leaveToken,
	moveExportFocus,
	moveQueueCursor,
	openToken,
	queueOp,
	requestDemo,
	submitToken,
	writeExport,
} from './screens-reducer.js';
import type {AppState} from './types.js';

export function onDetail(state: AppState, command: Command): AppState {
	const page = detailHeight(state.height);
	switch (command) {
		case 'cursor-down':
			return {...state, detailScroll: state.detailScroll + 1};
		case 'cursor-up':
			return {...state, detailScroll: Math.max(0, state.detailScroll - 1)};
		case 'page-down':
			return {...state, detailScroll: state.detailScroll + page};
		case 'page-up':
			return {...state, detailScroll: Math.max(0, state.detailScroll - page)};
		case 'top':
			return {...state, detailScroll: 0};
		case 'back':
		case 'detail':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

export function onQueue(state: AppState, command: Command): AppState {
	if (state.queueDetail) {
		if (command === 'back' || command === 'queue-detail') return {...state, queueDetail: false};
		return state;
	}
	switch (command) {
		case 'cursor-down':
			return moveQueueCursor(state, 1);
		case 'cursor-up':
			return moveQueueCursor(state, -1);
		case 'top':
			return moveQueueCursor(state, -Infinity);
		case 'bottom':
			return moveQueueCursor(state, Infinity);
		case 'queue-pause':
			return queueOp(state, state.queue?.totals.paused ? 'resume' : 'pause');
		case 'queue-cancel':
			return queueOp(state, 'cancel');
		case 'queue-retry':
			return queueOp(state, 'retry');
		case 'queue-remove':
			return queueOp(state, 'remove');
		case 'queue-resume-file':
			return queueOp(state, 'resume-file');
		case 'queue-resume-all':
			return queueOp(state, 'resume-all');
		case 'queue-detail':
			return state.queue?.files[state.queueCursor] ? {...state, queueDetail: true} : state;
		case 'back':
		case 'open-queue':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

export function onExport(state: AppState, command: Command): AppState {
	switch (command) {
		case 'export-next':
			return moveExportFocus(state, 1);
		case 'export-prev':
			return moveExportFocus(state, -1);
		case 'export-option-next':
			return changeExportOption(state, 1);
		case 'export-option-prev':
			return changeExportOption(state, -1);
		case 'export-write':
			return writeExport(state);
		case 'back':
			return {...state, screen: 'browse'};
		default:
			return state;
	}
}

export function onToken(state: AppState, command: Command): AppState {
	switch (command) {
		case 'token-submit':
			return submitToken(state);
		case 'token-toggle-save':
			return {...state, token: {...state.token, save: !state.token.save}};
		case 'open-demo':
			return requestDemo(state);
		case 'back':
			return leaveToken(state);
		default:
			return state;
	}
}

export function onWelcome(state: AppState, command: Command): AppState {
	if (command === 'open-demo') return requestDemo(state);
	if (command === 'open-token') return openToken(state, 'missing');
	return state;
}

export function onHelp(state: AppState, command: Command): AppState {
	const page = Math.max(1, state.height - 5);
	switch (command) {
		case 'back':
			return {...state, helpOpen: false};
		case 'cursor-down':
			return {...state, helpScroll: state.helpScroll + 1};
		case 'cursor-up':
			return {...state, helpScroll: Math.max(0, state.helpScroll - 1)};
		case 'page-down':
			return {...state, helpScroll: state.helpScroll + page};
		case 'page-up':
			return {...state, helpScroll: Math.max(0, state.helpScroll - page)};
		default:
			return state;
	}
}
