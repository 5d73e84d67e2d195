/**
 * Real hostile file systems for the fault matrix: a tiny tmpfs (a full disk) and a read-only
 * one, when the tests run as root and may mount; otherwise the caller falls back to an
 * injected ENOSPC, or a folder without write permission.
 */
import {spawnSync} from 'node:child_process';
import {chmod, mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';

export interface Sandbox {
	/** A folder only this test uses; the target folder goes inside it. */
	root: string;
	cleanup(): Promise<void>;
}

export async function sandbox(): Promise<Sandbox> {
	const root = await mkdtemp(join(tmpdir(), 'cassi-rel-'));
	return {root, cleanup: () => rm(root, {recursive: true, force: true})};
}

/** Every file and folder under `root`, as paths relative to it, sorted. */
export async function tree(root: string): Promise<string[]> {
	const out: string[] = [];
	const walk = async (dir: string) => {
		for (const entry of await readdir(dir, {withFileTypes: true})) {
			const full = join(dir, entry.name);
			out.push(relative(root, full));
			if (entry.isDirectory()) await walk(full);
		}
	};
	await walk(root);
	return out.sort();
}

export interface Mounted {
	path: string;
	/**
	 * 'tmpfs' when a real file system was mounted; otherwise how the fault is made:
	 * 'fallback' (the caller injects it), 'mode' (a folder of mode 0555, for a user who is not
	 * root) or 'file' (a file where the folder's parent should be: root without mount rights).
	 */
	kind: 'tmpfs' | 'fallback' | 'mode' | 'file';
	cleanup(): Promise<void>;
}

function mount(args: string[]): boolean {
	if (process.getuid?.() !== 0) return false;
	const result = spawnSync('mount', args, {encoding: 'utf8'});
	return result.status === 0;
}

function unmount(path: string): void {
	spawnSync('umount', ['-l', path], {encoding: 'utf8'});
}

/** A file system of `bytes` (a full disk once written), or a plain folder when mounting is impossible. */
export async function smallDisk(bytes: number): Promise<Mounted> {
	const base = await mkdtemp(join(tmpdir(), 'cassi-disk-'));
	const path = join(base, 'mnt');
	await mkdir(path);
	const mounted = mount(['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', path]);
	return {
		path,
		kind: mounted ? 'tmpfs' : 'fallback',
		async cleanup() {
			if (mounted) unmount(path);
			await rm(base, {recursive: true, force: true});
		},
	};
}

/**
 * A folder nobody may write in: a read-only tmpfs as root (root ignores permission bits),
 * a folder of mode 0555 for anyone else, and for root without mount rights a folder whose
 * parent is a file (ENOTDIR: unwritable all the same).
 */
export async function readOnlyFolder(): Promise<Mounted> {
	const base = await mkdtemp(join(tmpdir(), 'cassi-ro-'));
	let path = join(base, 'ro');
	await mkdir(path);
	const root = process.getuid?.() === 0;
	const mounted = mount(['-t', 'tmpfs', '-o', 'ro,size=65536', 'tmpfs', path]);
	let kind: Mounted['kind'] = 'tmpfs';
	if (!mounted && !root) {
		await chmod(path, 0o555);
		kind = 'mode';
	} else if (!mounted) {
		await writeFile(join(base, 'blocker'), 'not a folder\n');
		path = join(base, 'blocker', 'ro');
		kind = 'file';
	}
	return {
		path,
		kind,
		async cleanup() {
			if (mounted) unmount(path);
			if (kind === 'mode') await chmod(path, 0o755).catch(() => undefined);
			await rm(base, {recursive: true, force: true});
		},
	};
}
