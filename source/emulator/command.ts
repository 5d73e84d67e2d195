/**
 * `cassi emulator`: runs the emulator in the foreground. Prints `READY <base-url>` as the
 * first line on stdout (scripts wait for it), one line per request on stderr unless quiet
 * (never the token), and closes on SIGINT/SIGTERM (or when `signal` aborts).
 */
import {CassiError} from '../cassi/errors.js';
import {MAX_SCALE} from './archive.js';
import {DEMO_TOKEN, startEmulator} from './server.js';
import {COUNT_MODES, type CountMode} from './types.js';

export interface EmulatorCommandOptions {
	port: number;
	host: string;
	seed: number;
	/** Undefined: the demo token. */
	token?: string;
	latencyMs: number;
	/** Extra delay for each request after the first on a kept-alive connection. */
	reuseLatencyMs: number;
	/** Downloads at once beyond this are refused with 429; undefined = no limit. */
	maxDownloads?: number;
	/** Per-connection download throttle; undefined = unthrottled. */
	bytesPerSecond?: number;
	scale: number;
	pageSize?: number;
	/** Undefined: the emulator's default (`raw`). */
	countMode?: CountMode;
	quiet: boolean;
}

/** What commander hands over: strings as typed. */
export interface RawEmulatorFlags {
	port?: string;
	host?: string;
	seed?: string;
	token?: string;
	latency?: string;
	reuseLatency?: string;
	maxDownloads?: string;
	rate?: string;
	scale?: string;
	pageSize?: string;
	countMode?: string;
	quiet?: boolean;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
	if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
		throw new CassiError('usage', `--${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
	}
	return Number(text);
}

/** `1048576`, `512k`, `10M`, `1G` (powers of 1024). */
export function parseRate(text: string): number {
	const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)\s*$/.exec(text);
	const value = m ? Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase()) : NaN;
	if (!m || !(value >= 1)) throw new CassiError('usage', `--rate must be bytes per second (e.g. 1048576, 512k, 10M), not "${text}"`);
	return Math.floor(value);
}

export function parseEmulatorFlags(raw: RawEmulatorFlags): EmulatorCommandOptions {
	const scale = raw.scale === undefined ? 1 : Number(raw.scale);
	if (!(scale > 0 && scale <= MAX_SCALE)) throw new CassiError('usage', `--scale must be a number above 0 and at most ${MAX_SCALE}, not "${raw.scale}"`);
	if (raw.token !== undefined && raw.token.trim() === '') throw new CassiError('usage', '--token must not be empty');
	if (raw.countMode !== undefined && !(COUNT_MODES as readonly string[]).includes(raw.countMode)) {
		throw new CassiError('usage', `--count-mode must be ${COUNT_MODES.join(' or ')}, not "${raw.countMode}"`);
	}
	return {
		port: raw.port === undefined ? 0 : wholeNumber('port', raw.port, 0, 65_535),
		host: raw.host ?? '127.0.0.1',
		seed: raw.seed === undefined ? 1 : wholeNumber('seed', raw.seed, 0, 2 ** 31),
		token: raw.token,
		latencyMs: raw.latency === undefined ? 0 : wholeNumber('latency', raw.latency, 0, 600_000),
		reuseLatencyMs: raw.reuseLatency === undefined ? 0 : wholeNumber('reuse-latency', raw.reuseLatency, 0, 600_000),
		maxDownloads: raw.maxDownloads === undefined ? undefined : wholeNumber('max-downloads', raw.maxDownloads, 1, 10_000),
		bytesPerSecond: raw.rate === undefined ? undefined : parseRate(raw.rate),
		scale,
		pageSize: raw.pageSize === undefined ? undefined : wholeNumber('page-size', raw.pageSize, 1, 1_000_000),
		countMode: raw.countMode as CountMode | undefined,
		quiet: raw.quiet ?? false,
	};
}

export interface RunIo {
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
	/** Stops the emulator (tests); SIGINT and SIGTERM always do. */
	signal?: AbortSignal;
}

export async function runEmulatorCommand(options: EmulatorCommandOptions, io: RunIo = {}): Promise<void> {
	const stdout = io.stdout ?? process.stdout;
	const stderr = io.stderr ?? process.stderr;
	let emulator;
	try {
		emulator = await startEmulator({
			port: options.port,
			host: options.host,
			seed: options.seed,
			token: options.token,
			latencyMs: options.latencyMs,
			reuseLatencyMs: options.reuseLatencyMs,
			maxDownloads: options.maxDownloads,
			bytesPerSecond: options.bytesPerSecond,
			scale: options.scale,
			pageSize: options.pageSize,
			countMode: options.countMode,
			quiet: options.quiet,
			log: line => stderr.write(`${line}\n`),
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new CassiError('usage', `port ${options.port} is in use: pick another with --port, or --port 0 for a free one`);
		throw error;
	}
	stdout.write(`READY ${emulator.url}\n`);
	const tokenNote = options.token === undefined ? `the demo token "${DEMO_TOKEN}"` : 'the token given with --token';
	stderr.write(`CaSSI emulator (seed ${options.seed}, scale ${options.scale}) at ${emulator.url}; accepts ${tokenNote}. Ctrl-C stops it.\n`);
	await new Promise<void>(resolve => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			io.signal?.removeEventListener('abort', stop);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		if (io.signal?.aborted) stop();
		else io.signal?.addEventListener('abort', stop);
	});
	await emulator.close();
}
