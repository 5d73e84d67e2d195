import {describe, expect, it} from 'vitest';
import {formatFinishedLine} from '../../source/headless/progress-line.js';
import {expandHome} from '../../source/ui/effects/export.js';
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

describe('export file names', () => {
	it('read ~/ as the home folder, as a shell would', () => {
		expect(expandHome('~/out/x.csv', '/home/ada')).toBe('/home/ada/out/x.csv');
		expect(expandHome('x~/y.csv', '/home/ada')).toBe('x~/y.csv');
		expect(expandHome('cassi-results.csv', '/home/ada')).toBe('cassi-results.csv');
	});
});
