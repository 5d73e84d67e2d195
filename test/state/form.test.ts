import {describe, expect, it} from 'vitest';
import {checkForm, emptyForm, formFromInitial} from '../../source/state/form.js';
import {initialState} from '../../source/state/initial.js';
import {apply, NOW, press} from './fixtures.js';

const form = () => initialState({hasToken: true, now: NOW});

describe('the query form', () => {
	it('opens on the presets row; Y runs yesterday at once', () => {
		let state = form();
		expect(state.screen).toBe('form');
		state = press(state, 'Y');
		expect(state.screen).toBe('browse');
		expect(state.requests.search?.query).toMatchObject({ingestStart: '2025-10-04T00:00:00', ingestEnd: '2025-10-04T23:59:59'});
		expect(state.search.running).toBe(true);
	});

	it('T, 7 and L set today, the last 7 days and since the last check', () => {
		expect(press(form(), 'T').requests.search?.query).toMatchObject({ingestStart: '2025-10-05T00:00:00', ingestEnd: '2025-10-05T23:59:59'});
		expect(press(form(), '7').requests.search?.query).toMatchObject({ingestStart: '2025-09-29T00:00:00', ingestEnd: '2025-10-05T23:59:59'});
		const noCheck = press(form(), 'L');
		expect(noCheck.requests.search).toBeUndefined();
		expect(noCheck.message?.text).toMatch(/No earlier check/);
		const withCheck = press(initialState({hasToken: true, now: NOW, lastCheck: '2025-10-05T08:30:12.345'}), 'L');
		expect(withCheck.requests.search?.query.ingestStart).toBe('2025-10-05T08:30:12.345');
		expect(withCheck.requests.search?.query.ingestEnd).toBeUndefined();
	});

	it('presets also work from the results list', () => {
		let state = press(form(), 'Y');
		state = apply(state, {type: 'search-done', id: state.search.id, at: NOW.toISOString()});
		state = press(state, 'T');
		expect(state.requests.search?.query.ingestStart).toBe('2025-10-05T00:00:00');
	});

	it('typing goes into the focused field; letters there are text, not presets', () => {
		let state = press(form(), 'Down');
		expect(state.form.focus).toBe('ingestStart');
		state = press(state, 'yesterday');
		expect(state.form.values.ingestStart).toBe('yesterday');
		expect(state.requests.search).toBeUndefined();
		state = press(state, 'Backspace', 'Backspace');
		expect(state.form.values.ingestStart).toBe('yesterd');
		state = press(state, 'Ctrl+U', '2025-10-03', 'Tab', '-1d', 'Enter');
		expect(state.requests.search?.query).toMatchObject({ingestStart: '2025-10-03T00:00:00', ingestEnd: '2025-10-04T12:00:00'});
	});

	it('an invalid date says why and blocks the run', () => {
		let state = press(form(), 'Down', '2025-13-01', 'Enter');
		expect(state.requests.search).toBeUndefined();
		expect(state.screen).toBe('form');
		expect(state.message?.text).toMatch(/2025-13-01.*not a real day/);
		state = press(state, 'Ctrl+U', 'soon', 'Enter');
		expect(state.message?.text).toMatch(/"soon" is not a date/);
	});

	it('an end before the start is an error on the end field', () => {
		const {errors, query} = checkForm({...emptyForm(), ingestStart: '2025-10-05', ingestEnd: '2025-10-04'}, NOW);
		expect(query).toBeUndefined();
		expect(errors.ingestEnd).toMatch(/end 2025-10-04T23:59:59 is before start 2025-10-05T00:00:00/);
		expect(checkForm({...emptyForm(), expStart: '2025-10-05T10:00', expEnd: '2025-10-05T09:00'}, NOW).errors.expEnd).toMatch(/before start/);
	});

	it('checks the limit', () => {
		expect(checkForm({...emptyForm(), limit: '0'}, NOW).errors.limit).toMatch(/positive whole number/);
		expect(checkForm({...emptyForm(), limit: 'lots'}, NOW).errors.limit).toMatch(/"lots"/);
		expect(checkForm({...emptyForm(), limit: '250'}, NOW).query?.limit).toBe(250);
	});

	it('file types are chosen from the list with space, several at once', () => {
		let state = form();
		// presets, 6 text fields, then the seven types
		state = press(state, 'Up');
		expect(state.form.focus).toBe('type:Science WFI Level 0');
		state = press(state, 'Space', 'Up', 'Space', 'Space', 'Up', 'Space');
		expect(state.form.values.fileTypes).toEqual(['Science WFI Level 0', 'Observatory Predicted Ephemeris']);
		state = press(state, 'Enter');
		expect(state.requests.search?.query.fileTypes).toEqual(['Science WFI Level 0', 'Observatory Predicted Ephemeris']);
	});

	it('new file types seen in results join the list', () => {
		let state = press(form(), 'Y');
		state = apply(state, {
			type: 'search-page',
			id: state.search.id,
			page: {records: [{archiveFileName: 'NEW_1', fileType: 'Brand New Type', ingestCompletionDate: '2025-10-04T01:00:00.0000000'}], received: 1, duplicates: 0, done: true},
		});
		expect(state.knownTypes).toContain('Brand New Type');
	});

	it('prefills from command-line flags (already normalised)', () => {
		const values = formFromInitial({ingestStart: '2025-10-04T00:00:00', fileTypes: ['Science CGI Level 0'], fileNames: 'CGI_*', limit: 10});
		expect(values).toMatchObject({ingestStart: '2025-10-04T00:00:00', fileTypes: ['Science CGI Level 0'], fileNames: 'CGI_*', limit: '10'});
		expect(checkForm(values, NOW).query).toEqual({ingestStart: '2025-10-04T00:00:00', fileTypes: ['Science CGI Level 0'], fileNames: 'CGI_*', limit: 10});
	});

	it('^P and ^N recall earlier queries, newest first; a finished query joins the history', () => {
		const history = [
			{ingestStart: '2025-10-03T00:00:00', ingestEnd: '2025-10-03T23:59:59', limit: 100},
			{fileTypes: ['Science CGI Level 0'], fileNames: 'CGI_*', limit: 50000},
		];
		let state = press(initialState({hasToken: true, now: NOW, history}), 'Ctrl+P');
		expect(state.form.values).toMatchObject({ingestStart: '2025-10-03T00:00:00', ingestEnd: '2025-10-03T23:59:59', limit: '100'});
		state = press(state, 'Ctrl+P');
		expect(state.form.values).toMatchObject({ingestStart: '', fileTypes: ['Science CGI Level 0'], fileNames: 'CGI_*'});
		state = press(state, 'Ctrl+N', 'Enter');
		expect(state.requests.search?.query).toEqual(history[0]);
		state = apply(state, {type: 'search-done', id: state.search.id, at: NOW.toISOString()});
		expect(state.history).toHaveLength(2);
		state = press(state, 'Y');
		state = apply(state, {type: 'search-done', id: state.search.id, at: NOW.toISOString()});
		expect(state.history[0]).toMatchObject({ingestStart: '2025-10-04T00:00:00'});
		expect(state.history).toHaveLength(3);
	});

	it('e opens the form on the first date, wherever it was left; ^U clears that field only', () => {
		// Run yesterday with CGI chosen, leave the form focused in the type list.
		let state = press(form(), 'Up', 'Up', 'Space', 'Y');
		expect(state.screen).toBe('browse');
		state = press(state, 'e');
		expect(state.form.focus).toBe('ingestStart');
		state = press(state, 'Ctrl+U');
		expect(state.form.values.ingestStart).toBe('');
		expect(state.form.values.ingestEnd).toBe('2025-10-04');
		expect(state.form.values.fileTypes).toEqual(['Science CGI Level 0']);
		// On a type row ^U clears that checkbox, not the other chosen types.
		state = press(state, 'Up', 'Up', 'Space');
		expect(state.form.values.fileTypes).toEqual(['Science CGI Level 0', 'Science WFI Level 0']);
		state = press(state, 'Ctrl+U');
		expect(state.form.focus).toBe('type:Science WFI Level 0');
		expect(state.form.values.fileTypes).toEqual(['Science CGI Level 0']);
	});

	it('^P after a run steps to the query before it, not to the one already on screen', () => {
		const older = {ingestStart: '2025-10-01T00:00:00', ingestEnd: '2025-10-01T23:59:59', limit: 50000};
		let state = press(initialState({hasToken: true, now: NOW, history: [older]}), 'Y');
		state = apply(state, {type: 'search-done', id: state.search.id, at: NOW.toISOString()});
		expect(state.history).toHaveLength(2);
		state = press(state, 'e', 'Ctrl+P');
		expect(state.form.values).toMatchObject({ingestStart: '2025-10-01T00:00:00', ingestEnd: '2025-10-01T23:59:59'});
		expect(state.message?.text).toBe('Earlier query 2 of 2, newest first (Enter runs it)');
		state = press(state, 'Ctrl+P');
		expect(state.message?.text).toMatch(/^No query before this one/);
		state = press(state, 'Ctrl+N');
		expect(state.form.values.ingestStart).toBe('2025-10-04T00:00:00');
	});

	it('Esc leaves the form for the results, e and Tab come back', () => {
		let state = press(form(), 'Escape');
		expect(state.screen).toBe('browse');
		state = press(state, 'e');
		expect(state.screen).toBe('form');
		state = press(state, 'Escape', 'Tab');
		expect(state.screen).toBe('form');
	});
});
