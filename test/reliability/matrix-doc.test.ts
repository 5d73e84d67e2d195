/**
 * docs/reliability.md cannot drift: its one table must have at least 30 rows, and every row
 * must name a test file that exists and a test title that file really declares.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(path.join(repo, 'docs', 'reliability.md'), 'utf8');

interface Row {
	line: number;
	fault: string;
	promise: string;
	file: string;
	title: string;
}

/** The table's body rows (after the header and its `---` separator), one table only. */
export function tableRows(markdown: string): Row[] {
	const lines = markdown.split('\n');
	const tables: number[] = [];
	lines.forEach((text, index) => {
		if (/^\|\s*-{3,}/.test(text)) tables.push(index);
	});
	expect(tables, 'docs/reliability.md must hold exactly one table').toHaveLength(1);
	const rows: Row[] = [];
	for (let index = tables[0]! + 1; index < lines.length && lines[index]!.startsWith('|'); index++) {
		const cells = lines[index]!.split('|').slice(1, -1).map(cell => cell.trim());
		expect(cells, `line ${index + 1} must have three cells`).toHaveLength(3);
		const [fault, promise, test] = cells as [string, string, string];
		const match = /^`([^`]+)`\s*›\s*(.+)$/.exec(test);
		expect(match, `line ${index + 1}: the test cell must read \`file\` › title`).not.toBeNull();
		rows.push({line: index + 1, fault, promise, file: match![1]!, title: match![2]!});
	}
	return rows;
}

/** Does the file declare a test with this exact title (it, test or it.each, any quote)? */
function declares(source: string, title: string): boolean {
	return ["'", '"', '`'].some(quote => source.includes(`${quote}${title}${quote}`));
}

describe('docs/reliability.md', () => {
	const rows = tableRows(doc);

	it('lists at least 30 faults, each with a promise', () => {
		expect(rows.length).toBeGreaterThanOrEqual(30);
		for (const row of rows) {
			expect(row.fault.length, `line ${row.line}`).toBeGreaterThan(3);
			expect(row.promise.length, `line ${row.line}`).toBeGreaterThan(3);
		}
	});

	it('names, in every row, a test file that exists and a test it declares', () => {
		for (const row of rows) {
			const file = path.join(repo, row.file);
			expect(row.file, `line ${row.line}`).toMatch(/^test\/.+\.test\.tsx?$/);
			expect(existsSync(file), `line ${row.line}: ${row.file} does not exist`).toBe(true);
			expect(declares(readFileSync(file, 'utf8'), row.title), `line ${row.line}: ${row.file} has no test "${row.title}"`).toBe(true);
		}
	});

	it('names each test once per fault (no row copied by mistake)', () => {
		const seen = new Set<string>();
		for (const row of rows) {
			const key = `${row.fault}|${row.file}|${row.title}`;
			expect(seen.has(key), `line ${row.line} repeats an earlier row`).toBe(false);
			seen.add(key);
		}
	});
});
