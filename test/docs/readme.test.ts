import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keysMarkdown} from '../../source/ui/keys.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
	it('shows the keys table generated from the key table the app uses (npm run readme:keys)', () => {
		const section = /<!-- keys:start -->\n([\s\S]*?)<!-- keys:end -->/.exec(readme)?.[1];
		expect(section).toBe(keysMarkdown());
	});

	it('starts with the two set-up commands: the demo and the tests', () => {
		const setup = readme.indexOf('## Set-up');
		expect(setup).toBeGreaterThan(-1);
		const block = readme.slice(setup, readme.indexOf('```', readme.indexOf('```', setup) + 3));
		expect(block).toContain('npm ci && npm run demo');
		expect(block).toContain('npm test');
	});
});
