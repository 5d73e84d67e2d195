/** Export rows as CSV, JSON or a list of names (written with writeAtomically by the runner). */
import {homedir} from 'node:os';
import {join} from 'node:path';
import {productUrl} from '../../cassi/records.js';
import {fileErrorReason} from '../../cassi/write-atomically.js';
import {csvCell} from '../../cassi/sanitize.js';
import type {ExportFormat, Row} from '../../state/types.js';

const CSV_COLUMNS = ['archiveFileName', 'fileType', 'ingestCompletionDate', 'startTime', 'endTime', 'size', 'checksum', 'productUrl'];

export function exportText(rows: Row[], format: ExportFormat): string {
	if (format === 'names') return rows.map(row => `${row.name}\n`).join('');
	if (format === 'json') return `${JSON.stringify(rows.map(row => row.record), null, 2)}\n`;
	const lines = [CSV_COLUMNS.join(',')];
	for (const row of rows) {
		const values = [row.name, row.type, row.record.ingestCompletionDate, row.expStart, row.expEnd, row.size, row.record.checksum, productUrl(row.record)];
		lines.push(values.map(csvCell).join(','));
	}
	return `${lines.join('\n')}\n`;
}

export function exportErrorMessage(file: string, error: unknown): string {
	return `Could not write ${file}: ${fileErrorReason(error)} — choose another file (o)`;
}

/** `~/x.csv` as a shell would read it: the export field is typed like a shell path. */
export function expandHome(file: string, home: string = homedir()): string {
	return file === '~' || file.startsWith('~/') ? join(home, file.slice(1)) : file;
}
