/**
 * Labels for the archive's file types: the short one the list shows where columns are narrow,
 * and the tiny one of the one-line counts summary. The `/` filter matches the short label too,
 * so whatever the user reads on screen is what they can type.
 */
const SHORT_TYPES: Record<string, string> = {
	'Calibrated Engineering Data': 'Cal Eng',
	'FSW Event Message Logs': 'FSW Logs',
	'Guide Window Level 0': 'GW L0',
	'Housekeeping Ancillary Telemetry Data': 'HK Telem',
	'Observatory Predicted Ephemeris': 'Ephem',
	'Science CGI Level 0': 'CGI L0',
	'Science WFI Level 0': 'WFI L0',
};

const TINY_TYPES: Record<string, string> = {
	'Calibrated Engineering Data': 'Cal',
	'FSW Event Message Logs': 'FSW',
	'Guide Window Level 0': 'GW',
	'Housekeeping Ancillary Telemetry Data': 'HK',
	'Observatory Predicted Ephemeris': 'Ephem',
	'Science CGI Level 0': 'CGI',
	'Science WFI Level 0': 'WFI',
};

/** A short label for a file type where columns are narrow; unknown types are kept (and cut where drawn). */
export function shortType(type: string): string {
	return SHORT_TYPES[type] ?? type;
}

/** The shortest label, for the one-line counts summary on narrow screens. */
export function tinyType(type: string): string {
	return TINY_TYPES[type] ?? type;
}
