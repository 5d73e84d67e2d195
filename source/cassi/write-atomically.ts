/**
 * Write a whole file or nothing: to `<file>.tmp-<pid>`, flushed, then renamed, so a failed
 * or interrupted write never leaves a half file under the name the user chose.
 */
import {open, rename, unlink} from 'node:fs/promises';

export async function writeAtomically(file: string, content: string): Promise<void> {
	const temporary = `${file}.tmp-${process.pid}`;
	try {
		const handle = await open(temporary, 'w', 0o644);
		try {
			await handle.writeFile(content, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temporary, file);
	} catch (error) {
		await unlink(temporary).catch(() => {});
		throw error;
	}
}

/** File-system error codes in words (the download engine's disk errors use the same table). */
export const FS_REASONS: Readonly<Record<string, string>> = {
	ENOENT: 'the folder does not exist',
	ENOSPC: 'no space left on the device',
	EDQUOT: 'disk quota exceeded',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'the file system is read-only',
	EISDIR: 'a folder is in the way',
	ENOTDIR: 'a file is in the way of the folder',
	ENAMETOOLONG: 'the name is too long',
	EMFILE: 'too many open files',
};

/** Why a file could not be read or written, in words rather than Node's message. */
export function fileErrorReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return (code && FS_REASONS[code]) ?? code ?? 'write failed';
}
