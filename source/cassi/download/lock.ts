/**
 * One cassi per folder: `<folder>/.cassi.lock` holds who runs there. It is made
 * atomically (written to a private temp file, then hard-linked into place, which
 * fails if the lock exists), so a reader never sees a half-written lock.
 * A lock left by a dead process on this host is taken over.
 */
import {hostname} from 'node:os';
import {join} from 'node:path';
import {link, readFile, unlink, writeFile} from 'node:fs/promises';
import {CassiError} from '../errors.js';
import {diskError} from './disk.js';

export const LOCK_NAME = '.cassi.lock';

export interface LockInfo {
	pid: number;
	host: string;
	startedAt: string;
}

export interface FolderLock {
	path: string;
	info: LockInfo;
	release(): Promise<void>;
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function readLock(path: string): Promise<LockInfo | undefined> {
	try {
		const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
		if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
			return {pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? '')};
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
	}
	// Unreadable or not ours: treat as held by nobody we can name.
	return {pid: 0, host: '', startedAt: ''};
}

function since(startedAt: string): string {
	const date = new Date(startedAt);
	if (Number.isNaN(date.getTime())) return 'an unknown time';
	const hh = String(date.getHours()).padStart(2, '0');
	const mm = String(date.getMinutes()).padStart(2, '0');
	return `${hh}:${mm}`;
}

export function lockHeldMessage(info: LockInfo): string {
	return `folder is in use by cassi (pid ${info.pid} on ${info.host || 'unknown host'}, since ${since(info.startedAt)}): wait for it to finish, or stop it`;
}

/** Take the folder's lock or throw a CassiError saying who holds it. */
export async function acquireLock(folder: string, now: () => number = Date.now): Promise<FolderLock> {
	const path = join(folder, LOCK_NAME);
	const info: LockInfo = {pid: process.pid, host: hostname(), startedAt: new Date(now()).toISOString()};
	const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
	try {
		await writeFile(temp, `${JSON.stringify(info)}\n`, {mode: 0o644});
	} catch (error) {
		// The first write into the folder: a read-only or unwritable folder says so here, in one line.
		throw diskError(error, folder) ?? error;
	}
	try {
		for (let attempt = 0; attempt < 3; attempt++) {
			try {
				await link(temp, path);
				let released = false;
				return {
					path,
					info,
					async release() {
						if (released) return;
						released = true;
						const current = await readLock(path);
						if (current && current.pid === info.pid && current.startedAt === info.startedAt) {
							await unlink(path).catch(() => undefined);
						}
					},
				};
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			}
			const holder = await readLock(path);
			if (!holder) continue; // released between our attempts
			const stale =
				holder.pid === 0 ||
				(holder.host === info.host && holder.pid !== process.pid && !processAlive(holder.pid));
			if (!stale) throw new CassiError('usage', lockHeldMessage(holder));
			await unlink(path).catch(() => undefined);
		}
		throw new CassiError('usage', `could not take the lock ${path}: another cassi keeps taking it`);
	} finally {
		await unlink(temp).catch(() => undefined);
	}
}
