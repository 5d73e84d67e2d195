import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** cassi's version, from the package.json the running build belongs to (walked up to, so a bundle or an install finds it too). */
export function packageVersion(): string {
	let folder = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		try {
			const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {name?: string; version?: string};
			if (manifest.name === 'cassi' && manifest.version) return manifest.version;
		} catch {
			// No package.json here (or not ours): keep walking up.
		}
		const parent = dirname(folder);
		if (parent === folder) return 'unknown';
		folder = parent;
	}
}
