import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {initialState} from '../../../source/state/initial.js';
import {CassiApp} from '../../../source/ui/root.js';
import {KEY_BYTES, makeRecords} from '../../state/fixtures.js';
import {fakeServices} from '../fake-services.js';
import {waitFor} from '../render.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const statusLine = (frame: string) => frame.split('\n').at(-2) ?? '';

describe('text fields (ink-text-input)', () => {
	it('a fast typist loses no character, even before the field draws', async () => {
		const fake = fakeServices({records: makeRecords(40)});
		const app = render(<CassiApp initial={initialState({hasToken: true, width: 100, height: 24})} services={fake.services} connection={{apiUrl: 'http://127.0.0.1:9', token: 'good'}} autoRun />);
		unmount = app.unmount;
		await waitFor(app.lastFrame, text => text.includes('40 files'));
		for (const data of ['/', '0', '0', '3', KEY_BYTES.Backspace, '1']) app.stdin.write(data);
		const frame = await waitFor(app.lastFrame, text => /^\/001\s/.test(statusLine(text)));
		expect(statusLine(frame)).toMatch(/^\/001\s+\d+ match/);
	});
});
