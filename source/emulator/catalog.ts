/**
 * What the synthetic archive holds: the seven Roman file types, their name prefixes,
 * shares of the daily volume (from the notebook's 4409-file query), sizes and exposure
 * timing. Sizes and timings are plausible guesses, not measurements; the small types are
 * kept small (KB to a few hundred KB) because their records carry an MD5 that the emulator
 * must compute from the generated content, and a 50,000-row search should stay quick.
 */
import {logUniform} from './rng.js';

export const KB = 1024;
export const MB = 1024 * 1024;

export interface PrefixSpec {
	prefix: string;
	fileType: string;
	/** Expected files per day per unit of daily volume (see archive.ts). */
	share: number;
	/** The serial of this prefix's first file on the demo day, 2025-10-04. */
	anchor: number;
	size: (random: () => number) => number;
	/** Exposure: minutes long, and hours between its end and ingest. Absent: `times` is null. */
	exposure?: {minutes: [number, number]; delayHours: [number, number]};
	/** Files that come on a schedule rather than with the daily volume (times `scale`). */
	schedule?: {everyDays: number; extraChance: number};
}

const science = {minutes: [1, 45] as [number, number], delayHours: [0.3, 6] as [number, number]};

export const PREFIXES: PrefixSpec[] = [
	{prefix: 'WFISCI_', fileType: 'Science WFI Level 0', share: 0.26, anchor: 16592, size: r => Math.round(logUniform(r, 40 * MB, 420 * MB)), exposure: science},
	{prefix: 'CGI_', fileType: 'Science CGI Level 0', share: 0.11, anchor: 11850, size: r => Math.round(logUniform(r, 25 * MB, 220 * MB)), exposure: science},
	{prefix: 'WFIGW_', fileType: 'Guide Window Level 0', share: 0.11, anchor: 8143, size: r => Math.round(logUniform(r, 12 * MB, 64 * MB)), exposure: science},
	{prefix: 'FPEHK_', fileType: 'Housekeeping Ancillary Telemetry Data', share: 0.11, anchor: 20311, size: r => Math.round(logUniform(r, 2 * KB, 256 * KB)), exposure: {minutes: [10, 90], delayHours: [1, 10]}},
	{prefix: 'SCANC_', fileType: 'Housekeeping Ancillary Telemetry Data', share: 0.057, anchor: 6702, size: r => Math.round(logUniform(r, 1 * KB, 32 * KB)), exposure: {minutes: [10, 90], delayHours: [1, 10]}},
	// The real prefix of Calibrated Engineering Data is unknown: RST_CALENG_ is invented.
	{prefix: 'RST_CALENG_', fileType: 'Calibrated Engineering Data', share: 0.345, anchor: 41020, size: r => Math.round(logUniform(r, 1 * KB, 64 * KB))},
	{prefix: 'RST_FSWLOG_', fileType: 'FSW Event Message Logs', share: 0.006, schedule: {everyDays: 1, extraChance: 0.15}, anchor: 1207, size: r => Math.round(logUniform(r, 1 * KB, 64 * KB))},
	{prefix: 'RST_EPH_PRED_', fileType: 'Observatory Predicted Ephemeris', share: 0.0018, schedule: {everyDays: 3, extraChance: 0}, anchor: 388, size: r => Math.round(logUniform(r, 20 * KB, 400 * KB))},
	{prefix: 'RST_EPH_DEF_', fileType: 'Observatory Predicted Ephemeris', share: 0.0005, schedule: {everyDays: 6, extraChance: 0}, anchor: 152, size: r => Math.round(logUniform(r, 20 * KB, 400 * KB))},
];

export const PREFIX_INDEX = new Map(PREFIXES.map((spec, index) => [spec.prefix, index]));

/** `CGI_00011850` → {prefixIndex, serial}; undefined for names the generator never makes. */
export function parseName(name: string): {prefixIndex: number; serial: number} | undefined {
	const m = /^([A-Z_]+_)(\d{8})$/.exec(name);
	if (!m) return undefined;
	const prefixIndex = PREFIX_INDEX.get(m[1]);
	return prefixIndex === undefined ? undefined : {prefixIndex, serial: Number(m[2])};
}

export function productName(prefixIndex: number, serial: number): string {
	return PREFIXES[prefixIndex].prefix + String(serial).padStart(8, '0');
}
