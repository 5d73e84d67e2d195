/**
 * Checksums are verified while streaming. The record's checksum format is not
 * documented: 32 hex digits are taken as MD5, 64 as SHA-256; anything else
 * means the file is checked by size only.
 */
import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';

export type ChecksumAlgorithm = 'md5' | 'sha256';

export interface ExpectedChecksum {
	algorithm: ChecksumAlgorithm;
	/** Lower-case hex. */
	hex: string;
}

export function parseChecksum(value: unknown): ExpectedChecksum | undefined {
	if (typeof value !== 'string') return undefined;
	const hex = value.trim().toLowerCase();
	if (/^[0-9a-f]{32}$/.test(hex)) return {algorithm: 'md5', hex};
	if (/^[0-9a-f]{64}$/.test(hex)) return {algorithm: 'sha256', hex};
	return undefined;
}

/** Hash a whole file; used to check an existing final file before skipping it. */
export async function hashFile(path: string, expected: ExpectedChecksum, signal?: AbortSignal): Promise<string> {
	const hash = createHash(expected.algorithm);
	const stream = createReadStream(path, {highWaterMark: 1 << 20, signal});
	for await (const chunk of stream) hash.update(chunk as Buffer);
	return hash.digest('hex');
}
