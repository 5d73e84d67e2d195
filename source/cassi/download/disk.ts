/**
 * The local file system's side: free space before starting, and the errors that
 * must stop a file at once (retrying cannot make a full or read-only disk work).
 */
import {stat, statfs as nodeStatfs} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import prettyBytes from 'pretty-bytes';
import {CassiError} from '../errors.js';
import {fileErrorReason} from '../write-atomically.js';
import type {StatfsFn} from './types.js';

export const defaultStatfs: StatfsFn = async path => nodeStatfs(path);

/** Free bytes for an unprivileged user where `folder` is (or will be: its nearest existing parent). */
export async function freeBytes(folder: string, statfs: StatfsFn = defaultStatfs): Promise<number> {
	let path = resolve(folder);
	for (;;) {
		try {
			const stats = await statfs(path);
			return Number(stats.bavail) * Number(stats.bsize);
		} catch (error) {
			const parent = dirname(path);
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw error;
			path = parent;
		}
	}
}

export function spaceMessage(needed: number, free: number, folder: string): string {
	return `not enough disk space: needs ${prettyBytes(needed)}, ${prettyBytes(free)} free on ${folder}; free some space or choose another folder with --folder`;
}

/** Throws a CassiError('disk') with numbers when `needed` bytes do not fit. */
export async function assertFreeSpace(folder: string, needed: number, statfs: StatfsFn = defaultStatfs): Promise<void> {
	if (needed <= 0) return;
	let free: number;
	try {
		free = await freeBytes(folder, statfs);
	} catch {
		return; // cannot tell (exotic file system): let the writes speak for themselves
	}
	if (needed > free) throw new CassiError('disk', spaceMessage(needed, free, folder));
}

async function sizeOrZero(path: string): Promise<number> {
	try {
		return (await stat(path)).size;
	} catch {
		return 0;
	}
}

/** What still has to come over the wire: complete finals count nothing, parts count what they lack. */
export async function bytesToFetch(
	folder: string,
	files: Array<{name: string; size?: number}>,
	overwrite: boolean,
): Promise<number> {
	let needed = 0;
	for (const {name, size} of files) {
		if (size === undefined) continue;
		const finalPath = join(folder, name);
		if (!overwrite && (await sizeOrZero(finalPath)) === size) continue;
		const part = overwrite ? 0 : await sizeOrZero(`${finalPath}.part`);
		needed += Math.max(0, size - (part <= size ? part : 0));
	}
	return needed;
}

// Errors retrying cannot fix: the file fails (or the queue stops) at once.
const FATAL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG', 'EMFILE']);

/** A CassiError('disk') for file-system errors that retrying will not fix, else undefined. */
export function diskError(error: unknown, path: string): CassiError | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (!code || !FATAL_CODES.has(code)) return undefined;
	return new CassiError('disk', `cannot write ${path}: ${fileErrorReason(error)} (${code})`, {cause: error});
}
