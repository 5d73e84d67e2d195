/**
 * What the browser prints after it hands the terminal back, on every exit path (q, Ctrl-C,
 * SIGTERM, SIGHUP, a lost terminal): the same summary a headless run prints and, when files
 * were left, the exact command that continues them. Exit 130 then, as an interrupted headless run.
 */
import {formatSummary} from '../headless/progress-line.js';
import {sanitizeDeep} from '../cassi/sanitize.js';
import type {Manifest} from '../cassi/download/types.js';

export interface ExitStory {
	text: string;
	/** Files were left interrupted, paused or cancelled (resumable). */
	incomplete: boolean;
}

/** `resumeCommand` is undefined when the queue never got as far as writing its journal (nothing to resume). */
export function exitStory(manifest: Manifest, resumeCommand: string | undefined): ExitStory | undefined {
	if (manifest.totals.files === 0) return undefined;
	const {incomplete, failed} = manifest.totals;
	let text = formatSummary(sanitizeDeep(manifest));
	if (!resumeCommand) return {text, incomplete: false};
	if (incomplete > 0) text += `interrupted: run \`${resumeCommand}\` to continue\n`;
	else if (failed > 0) text += `to try the failed files again: \`${resumeCommand}\`\n`;
	return {text, incomplete: incomplete > 0};
}
