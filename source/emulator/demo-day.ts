/**
 * 2025-10-04, the notebook's day, pinned for every seed and scale: 39 files of all seven
 * types; the ten Science CGI/WFI Level 0 files with the names and ingest times the seed's
 * table prints; CGI_00011850 + CGI_00011851 ≈ 297 MB; and the only four files in the whole
 * archive whose exposure lies within 2025-10-03 17:00:00–17:59:59, all Housekeeping.
 */

export const DEMO_DAY_MS = Date.UTC(2025, 9, 4);

/** 2025-10-05, the day after: a normal volume but no FSW Event Message Logs (`cassi check` says missing). */
export const NO_EVENT_LOGS_DAY_MS = Date.UTC(2025, 9, 5);

/** Files per prefix on the demo day (sums to 39). */
export const DEMO_COUNTS: Record<string, number> = {
	'WFISCI_': 5,
	'CGI_': 5,
	'WFIGW_': 5,
	'FPEHK_': 5,
	'SCANC_': 3,
	'RST_CALENG_': 13,
	'RST_FSWLOG_': 1,
	'RST_EPH_PRED_': 1,
	'RST_EPH_DEF_': 1,
};

/** Copied from the seed's printed table (its order shows WFISCI_00016596 ingested before 16594). */
export const DEMO_SCIENCE: Array<{name: string; ingest: string; size?: number}> = [
	{name: 'CGI_00011850', ingest: '2025-10-04T00:01:27.897', size: 148_602_880},
	{name: 'CGI_00011851', ingest: '2025-10-04T00:01:30.983', size: 148_398_592},
	{name: 'WFISCI_00016592', ingest: '2025-10-04T00:03:35.238'},
	{name: 'WFISCI_00016593', ingest: '2025-10-04T00:03:53.703'},
	{name: 'CGI_00011852', ingest: '2025-10-04T00:31:31.234'},
	{name: 'WFISCI_00016596', ingest: '2025-10-04T00:33:00.105'},
	{name: 'WFISCI_00016594', ingest: '2025-10-04T00:33:00.400'},
	{name: 'WFISCI_00016595', ingest: '2025-10-04T00:33:42.382'},
	{name: 'CGI_00011853', ingest: '2025-10-04T01:31:49.125'},
	{name: 'CGI_00011854', ingest: '2025-10-04T03:01:30.789'},
];

/** The notebook's exposure-window example. */
export const EXPOSURE_WINDOW = {
	startMs: Date.UTC(2025, 9, 3, 17, 0, 0),
	endMs: Date.UTC(2025, 9, 3, 17, 59, 59),
};

/** How many of each Housekeeping prefix on the demo day have their exposure inside the window. */
export const WINDOW_HOUSEKEEPING: Record<string, number> = {'FPEHK_': 3, 'SCANC_': 1};

/** Files always listed with a checksum whatever their size (the notebook downloads them). */
export const ALWAYS_CHECKSUMMED = new Set(['CGI_00011850', 'CGI_00011851']);

/**
 * MD5s of those two files for the default seed, so `--demo` need not hash 297 MB before its
 * first answer. test/emulator/archive.test.ts checks them against content.ts.
 */
export const PRECOMPUTED_MD5: Record<number, Record<string, string>> = {
	1: {
		'CGI_00011850': 'd1b600b9f57d7f4e0d0d6addf917fd81',
		'CGI_00011851': '8c2d1ecdda103652615f84b7c1806cab',
	},
};
