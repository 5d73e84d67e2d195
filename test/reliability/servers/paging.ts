/**
 * A purpose-built search service for paging, independent of the emulator: every way the real
 * service might count (../shared/cassi-api.md, "Unknown"). `offsets` (and `limit`) count raw
 * rows or distinct files; `total` counts either, or is not sent; `cap` is the most rows (files,
 * when counting files) one response holds. Some files are sent again later (`repeatsOf`), not
 * always back to back: a repeat may land in a later page than its first row.
 */
import type http from 'node:http';
import {sendJson, startServer, type SeenRequest, type TestServer} from '../../cassi/helpers/server.js';

export type Unit = 'rows' | 'files';

export interface PagingService {
	offsets: Unit;
	total: Unit | 'none';
	cap?: number;
}

export interface PagingFile {
	archiveFileName: string;
	fileType: string;
	ingestCompletionDate: string;
	checksum: string;
	search_key: string;
	distribution: {url: {mast: string}; size: number};
	times: null;
}

/** `count` files a second apart on 2025-06-01, oldest first. */
export function pagingFiles(count: number): PagingFile[] {
	return Array.from({length: count}, (_, index) => {
		const name = `WFISCI_${String(70_000_000 + index).padStart(8, '0')}`;
		const time = new Date(Date.UTC(2025, 5, 1) + index * 1000).toISOString().slice(0, 19);
		return {
			archiveFileName: name,
			fileType: 'Science WFI Level 0',
			ingestCompletionDate: `${time}.1230000`,
			checksum: `md5-${index}`,
			search_key: `key-${index}`,
			distribution: {url: {mast: `mast:ROMAN/eng/${name}`}, size: 100 + index},
			times: null,
		};
	}) satisfies PagingFile[];
}

/** The raw rows: each file, and every 5th one again two files later (1 in 7 back to back). */
export function rowsWithRepeats(files: readonly PagingFile[]): PagingFile[] {
	const rows: PagingFile[] = [];
	const later = new Map<number, PagingFile[]>();
	files.forEach((file, index) => {
		rows.push(file);
		if (index % 7 === 3) rows.push(file);
		else if (index % 5 === 0) later.set(index + 2, [...(later.get(index + 2) ?? []), file]);
		for (const again of later.get(index) ?? []) rows.push(again);
	});
	return rows;
}

/** Rows [from, to) by file: from the first row of file `from` up to the first row of file `to`. */
function rowsOfFiles(rows: readonly PagingFile[], firstRow: readonly number[], from: number, to: number): PagingFile[] {
	if (from >= firstRow.length) return [];
	return rows.slice(firstRow[from], to >= firstRow.length ? rows.length : firstRow[to]);
}

export function pagingHandler(files: readonly PagingFile[], service: PagingService) {
	const rows = rowsWithRepeats(files);
	const firstRow: number[] = [];
	const seen = new Set<PagingFile>();
	rows.forEach((row, index) => {
		if (!seen.has(row)) firstRow.push(index);
		seen.add(row);
	});
	return (request: SeenRequest, response: http.ServerResponse) => {
		const {offset, limit} = request.json as {offset: number; limit: number};
		const count = Math.min(limit, service.cap ?? limit);
		const results = service.offsets === 'rows' ? rows.slice(offset, offset + count) : rowsOfFiles(rows, firstRow, offset, offset + count);
		const total = service.total === 'rows' ? rows.length : files.length;
		sendJson(response, 200, service.total === 'none' ? {results} : {results, totalResults: total});
	};
}

export function startPagingService(files: readonly PagingFile[], service: PagingService): Promise<TestServer> {
	return startServer(pagingHandler(files, service));
}
