/** Column widths of the results list for a given width: names get the room, columns grow when wide. */
import {bytes, shortTime, shortType} from '../../format.js';
import {fit} from '../../text.js';
import type {ColumnNeeds} from '../../../state/selectors.js';
import type {Row, Sort} from '../../../state/types.js';

export interface Columns {
	width: number;
	name: number;
	type: number;
	ingest: number;
	exposure: number;
	size: number;
	fullType: boolean;
	wideTime: boolean;
}


const PREFIX = 2;
const SHORT_TYPE = 9;
const SIZE = 9;
const TIME = 14;
const WIDE_TIME = 19;
/** Names longer than this are cut in the middle rather than squeezing every other column. */
const MAX_NAME = 60;

/** A name column at least as wide as its heading, at most MAX_NAME. */
function nameNeed(needs: ColumnNeeds): number {
	return Math.min(MAX_NAME, Math.max(8, needs.name));
}

/** The narrowest list that shows every column: short types, short times, no exposure. */
export function minListWidth(needs: ColumnNeeds): number {
	return PREFIX + nameNeed(needs) + 1 + SHORT_TYPE + 1 + TIME + 1 + SIZE;
}

/**
 * Columns for a list `width` wide: names get what they need, then the room left buys, in
 * order, full type names, the exposure columns and full dates; what is still left pads the names.
 */
export function listColumns(width: number, needs: ColumnNeeds = {name: 20, fullType: 37}): Columns {
	const base = minListWidth(needs);
	let extra = width - base;
	const fullTypeWidth = Math.max(SHORT_TYPE, needs.fullType);
	const fullType = extra >= fullTypeWidth - SHORT_TYPE;
	if (fullType) extra -= fullTypeWidth - SHORT_TYPE;
	const exposure = extra >= (TIME + 1) * 2;
	if (exposure) extra -= (TIME + 1) * 2;
	const timeColumns = exposure ? 3 : 1;
	const wideTime = extra >= (WIDE_TIME - TIME) * timeColumns;
	if (wideTime) extra -= (WIDE_TIME - TIME) * timeColumns;
	const time = wideTime ? WIDE_TIME : TIME;
	return {
		width,
		// Narrower than the minimum: the name gives way (cut in the middle), down to 8.
		name: Math.max(8, nameNeed(needs) + extra),
		type: fullType ? fullTypeWidth : SHORT_TYPE,
		ingest: time,
		exposure: exposure ? time : 0,
		size: SIZE,
		fullType,
		wideTime,
	};
}

/** The counts panel's best width: the longest full type, a space, the count column. */
export function countsPanelNeed(longestType: number, total: number): number {
	return 2 + longestType + 1 + Math.max(5, String(total).length);
}

const PANEL_MIN = 22;

/** How wide the side panel is (0 below WIDE_LAYOUT, where a summary line replaces it). */
export function panelWidth(width: number, wide: boolean, needs: ColumnNeeds, panelNeed: number): number {
	if (!wide) return 0;
	return Math.max(PANEL_MIN, Math.min(panelNeed, width - minListWidth(needs) - 1));
}

function arrow(sort: Sort, key: Sort['key']): string {
	return sort.key === key ? (sort.descending ? '↓' : '↑') : '';
}

export function headerLine(columns: Columns, sort: Sort): string {
	let line = '  ' + fit(`Name${arrow(sort, 'name')}`, columns.name) + ' ' + fit(`Type${arrow(sort, 'type')}`, columns.type) + ' ' + fit(`Ingested${arrow(sort, 'ingest')}`, columns.ingest);
	if (columns.exposure) line += ' ' + fit('Exposure start', columns.exposure) + ' ' + fit('Exposure end', columns.exposure);
	line += ' ' + fit(`Size${arrow(sort, 'size')}`, columns.size, {align: 'right'});
	return fit(line, columns.width);
}

// A row's cells only change with the columns: cache them so a cursor move re-fits nothing.
const bodyCache = new WeakMap<Row, {columns: Columns; text: string}>();

function sameColumns(a: Columns, b: Columns): boolean {
	return a === b || (a.width === b.width && a.name === b.name && a.type === b.type && a.ingest === b.ingest && a.exposure === b.exposure && a.fullType === b.fullType);
}

function rowBody(row: Row, columns: Columns): string {
	const cached = bodyCache.get(row);
	if (cached && sameColumns(cached.columns, columns)) return cached.text;
	let line = fit(row.name, columns.name, {cut: 'middle'}) + ' ';
	line += fit(columns.fullType ? row.type : shortType(row.type), columns.type) + ' ';
	line += fit(shortTime(row.ingest, columns.wideTime), columns.ingest);
	if (columns.exposure) {
		line += ' ' + fit(shortTime(row.expStart, columns.wideTime), columns.exposure);
		line += ' ' + fit(shortTime(row.expEnd, columns.wideTime), columns.exposure);
	}
	line += ' ' + fit(bytes(row.size), columns.size, {align: 'right'});
	const text = fit(line, columns.width - 2);
	bodyCache.set(row, {columns, text});
	return text;
}

/** One row as exact-width text; the two prefix columns are the cursor glyph and the mark. */
export function rowLine(row: Row, columns: Columns, cursor: boolean, mark: string): string {
	return (cursor ? '›' : ' ') + mark + rowBody(row, columns);
}
