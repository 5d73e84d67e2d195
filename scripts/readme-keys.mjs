// `npm run readme:keys`: regenerate the README's keys table from the app's own key table.
import {readFileSync, writeFileSync} from 'node:fs';
import {keysMarkdown} from '../dist/ui/keys.js';

const README = new URL('../README.md', import.meta.url);
const START = '<!-- keys:start -->';
const END = '<!-- keys:end -->';

const text = readFileSync(README, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md lacks the ${START} … ${END} markers`);
writeFileSync(README, `${text.slice(0, from + START.length)}\n${keysMarkdown()}${text.slice(to)}`);
console.log('README.md keys table regenerated');
