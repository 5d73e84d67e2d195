import {describe, expect, it} from 'vitest';
import {formatFinishedLine} from '../../source/cassi/download/progress-line.js';
import {bytes} from '../../source/ui/format.js';

describe('sizes on screen', () => {
	it('a file reads the same in the list, the detail and the headless done line', () => {
		// CGI_00011851 on the demo archive: 148.3985… MB rounds to 148 MB, never a truncated 148.3.
		const size = 148_398_592;
		const done = formatFinishedLine({name: 'CGI_00011851', state: 'done', bytes: size, total: size, rate: 0, attempts: 1});
		expect(bytes(size)).toBe('148 MB');
		expect(done).toBe(`done     CGI_00011851  ${bytes(size)}`);
	});

	it('rounds rather than truncates', () => {
		expect(bytes(999_950)).toBe('1 MB');
		expect(bytes(2_650)).toBe('2.65 kB');
	});
});
