/**
 * A record's checksum (the bytes are hashed as they stream: stream-hash.ts). Its format is not
 * documented: 32 hex digits are taken as MD5, 64 as SHA-256; anything else means the file is
 * checked by size only.
 */
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
