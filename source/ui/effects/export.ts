/**
 * Export rows as CSV, JSON or a list of names; written to `<file>.tmp` then renamed, so a
 * failed write never leaves a half file under the name the user chose.
 */
import {rename, unlink, writeFile} from 'node:fs/promises';
import {productUrl} from '../../cassi/records.js';
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

export async function writeAtomically(file: string, content: string): Promise<void> {
	const temporary = `${file}.tmp`;
	try {
		await writeFile(temporary, content, 'utf8');
		await rename(temporary, file);
	} catch (error) {
		await unlink(temporary).catch(() => {});
		throw error;
	}
}

export function exportErrorMessage(file: string, error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : code ?? 'write failed';
	return `Could not write ${file}: ${why} — choose another file (o)`;
}
