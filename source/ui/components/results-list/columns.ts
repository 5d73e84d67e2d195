/** Column widths of the results list for a given width: names get the room, columns grow when wide. */
import {bytes, shortTime, shortType} from '../../format.js';
import {fit} from '../../text.js';
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

export function listColumns(width: number): Columns {
	const wide = width >= 120;
	const fullType = width >= 150;
	const type = fullType ? 37 : 9;
	const ingest = wide ? 19 : 14;
	const size = 9;
	const exposure = width >= 110 ? (wide ? 19 : 14) : 0;
	const fixed = PREFIX + type + 1 + ingest + 1 + size + (exposure ? (exposure + 1) * 2 : 0) + 1;
	return {width, name: Math.max(8, width - fixed), type, ingest, exposure, size, fullType, wideTime: wide};
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

// A row's cells only change with the width: cache them so a cursor move re-fits nothing.
const bodyCache = new WeakMap<Row, {width: number; text: string}>();

function rowBody(row: Row, columns: Columns): string {
	const cached = bodyCache.get(row);
	if (cached && cached.width === columns.width) return cached.text;
	let line = fit(row.name, columns.name, {cut: 'middle'}) + ' ';
	line += fit(columns.fullType ? row.type : shortType(row.type), columns.type) + ' ';
	line += fit(shortTime(row.ingest, columns.wideTime), columns.ingest);
	if (columns.exposure) {
		line += ' ' + fit(shortTime(row.expStart, columns.wideTime), columns.exposure);
		line += ' ' + fit(shortTime(row.expEnd, columns.wideTime), columns.exposure);
	}
	line += ' ' + fit(bytes(row.size), columns.size, {align: 'right'});
	const text = fit(line, columns.width - 2);
	bodyCache.set(row, {width: columns.width, text});
	return text;
}

/** One row as exact-width text; the two prefix columns are the cursor glyph and the mark. */
export function rowLine(row: Row, columns: Columns, cursor: boolean, mark: string): string {
	return (cursor ? '›' : ' ') + mark + rowBody(row, columns);
}
