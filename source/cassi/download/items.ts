/** From search records to queue items. */
import {downloadName, productUrl, recordSize} from '../records.js';
import type {CassiRecord} from '../types.js';
import type {DownloadItem} from './types.js';

export function itemFromRecord(record: CassiRecord): DownloadItem {
	const checksum = typeof record.checksum === 'string' && record.checksum ? record.checksum : undefined;
	return {
		name: downloadName(record),
		productUrl: productUrl(record),
		size: recordSize(record),
		checksum,
		fileType: record.fileType,
		ingest: record.ingestCompletionDate,
	};
}
