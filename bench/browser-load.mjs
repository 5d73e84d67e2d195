// Issue 15, "the browser's rows are lean": the browser loading a ~291k-row answer
// (`-s -7d -l 300000` at emulator --scale 400) against headless `--json` on the same query in the
// same run: wall time from start to the whole answer (the browser: its status line says "N files")
// and peak RSS, both under GNU time, both the real executable. Goal: ≤ 1.3× the time, ≤ 2× the RSS.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pty from 'node-pty';
import {cliBin, ratio, startEmulatorProcess, timedOnce} from './lib.mjs';

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007|\u001B[()][0-9A-B]|\u001B[=>78]/g;
const QUERY = ['-s', '-7d', '-l', '300000'];

/** The browser in a pseudo-terminal under GNU time: seconds until its status line shows the whole answer, then q. */
function browserRun({url, token, env}) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		// The executable itself, as the headless run below starts it: through its shebang, with its node flags.
		const child = pty.spawn('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', cliBin, '--api-url', url, '-t', token, ...QUERY], {
			name: 'xterm-256color', cols: 120, rows: 40, env,
		});
		let screen = '';
		let loadedAt;
		let rows;
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			reject(new Error(`the browser did not finish loading in 180 s: ${screen.replace(ANSI, '').slice(-300)}`));
		}, 180_000);
		child.onData(data => {
			screen = (screen + data).slice(-20_000);
			if (loadedAt !== undefined) return;
			// The last count drawn, whole (a chunk may end mid-line). Running: "⠋ N of T" or "N files so far";
			// done: "N files" or "N of about T files: the limit cut …".
			const text = screen.replace(ANSI, '');
			const last = [...text.matchAll(/(?<![\d,])([\d,]+) (?:of (?:about )?[\d,]+)?( files)?( so far)?/g)].at(-1);
			if (last?.[2] && !last[3] && last.index + last[0].length + 8 <= text.length) {
				loadedAt = performance.now();
				rows = Number(last[1].replaceAll(',', ''));
				child.write('q');
			}
		});
		child.onExit(() => {
			clearTimeout(timer);
			const match = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(screen.replace(ANSI, ''));
			if (loadedAt === undefined || !match) reject(new Error(`the browser run failed: ${screen.replace(ANSI, '').slice(-300)}`));
			else resolve({seconds: (loadedAt - started) / 1000, rows, rssMB: Number(match[4]) / 1024, cpu: Number(match[2]) + Number(match[3])});
		});
	});
}

export async function benchBrowserLoad({token}) {
	const emulator = await startEmulatorProcess(['--scale', '400']);
	const home = mkdtempSync(path.join(tmpdir(), 'cassi-bench-browser-'));
	// Its own HOME and config: no saved history, watermark or download journal from the user's runs.
	const env = {...process.env, HOME: home, CASSI_CONFIG_DIR: home, TMPDIR: home, NODE_ENV: 'production'};
	delete env.CI;
	try {
		const headlessArgs = ['-c', `"$0" "$@" > /dev/null`, cliBin, '--api-url', emulator.url, '-t', token, ...QUERY, '--json', '-q'];
		timedOnce('/bin/sh', headlessArgs, {env}); // untimed warm-up: the emulator builds and caches the week once
		const headless = timedOnce('/bin/sh', headlessArgs, {env});
		const browser = await browserRun({url: emulator.url, token, env});
		const verdict = (value, goal) => (value <= goal ? 'ok' : 'OVER');
		const timeRatio = browser.seconds / headless.seconds;
		const rssRatio = browser.rssMB / headless.rssMB;
		return [
			`browser load (emulator --scale 400, ${QUERY.join(' ')}: ${browser.rows} files):`,
			`  headless --json  ${headless.seconds.toFixed(1)} s, peak ${headless.rssMB.toFixed(0)} MB, cpu ${headless.cpu.toFixed(1)} s`,
			`  browser          ${browser.seconds.toFixed(1)} s to "${browser.rows} files", peak ${browser.rssMB.toFixed(0)} MB, cpu ${browser.cpu.toFixed(1)} s`,
			`  ratio   time ${ratio(browser.seconds, headless.seconds)}× headless (goal ≤ 1.3) ${verdict(timeRatio, 1.3)}; peak RSS ${ratio(browser.rssMB, headless.rssMB)}× (goal ≤ 2) ${verdict(rssRatio, 2)}`,
		].join('\n');
	} finally {
		emulator.close();
		rmSync(home, {recursive: true, force: true});
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const {DEMO_TOKEN} = await import('../dist/emulator/index.js');
	console.log(await benchBrowserLoad({token: DEMO_TOKEN}));
}
