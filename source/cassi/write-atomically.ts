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

/** Why a file could not be read or written, in words rather than Node's message. */
export function fileErrorReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'ENOENT':
			return 'the folder does not exist';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'ENOSPC':
			return 'the disk is full';
		case 'EROFS':
			return 'the file system is read-only';
		case 'EISDIR':
			return 'it is a folder';
		default:
			return code ?? 'write failed';
	}
}
