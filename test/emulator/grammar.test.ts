import {describe, expect, it} from 'vitest';
import {
	GrammarError,
	compileCondition,
	dateBounds,
	formatCassiDate,
	parseCassiDate,
	parseCondition,
} from '../../source/emulator/grammar.js';

const at = (text: string) => parseCassiDate(text).ms;

describe('dates', () => {
	it('reads date-times, date-only values and the service\'s 7-digit fractions', () => {
		expect(at('2025-10-04T00:01:27')).toBe(Date.UTC(2025, 9, 4, 0, 1, 27));
		expect(at('2025-10-04')).toBe(Date.UTC(2025, 9, 4));
		expect(at('2025-10-04T00:01:27.8970000')).toBe(Date.UTC(2025, 9, 4, 0, 1, 27, 897));
	});

	it('prints times as the service does', () => {
		expect(formatCassiDate(Date.UTC(2025, 9, 4, 0, 1, 27, 897))).toBe('2025-10-04T00:01:27.8970000');
	});

	it.each(['2025-13-01', '2025-02-30', '2025-10-04T24:00:00', '2025-10-04T12:60:00', 'yesterday', '04/10/2025', ''])(
		'rejects %j',
		text => expect(() => parseCassiDate(text)).toThrow(GrammarError),
	);
});

describe('date conditions', () => {
	const ingest = (condition: string) => compileCondition('date', condition);

	it('treats >=A,<=B as between, inclusive', () => {
		const m = ingest('>=2025-10-04T00:00:00,<=2025-10-04T23:59:59');
		expect(m('2025-10-04T00:00:00.0000000')).toBe(true);
		expect(m('2025-10-04T23:59:59.0000000')).toBe(true);
		expect(m('2025-10-03T23:59:59.9990000')).toBe(false);
		expect(m('2025-10-04T23:59:59.5000000')).toBe(false);
	});

	it('applies each comparison operator', () => {
		const t = at('2025-10-04T12:00:00');
		expect(ingest('>=2025-10-04T12:00:00')(t)).toBe(true);
		expect(ingest('>2025-10-04T12:00:00')(t)).toBe(false);
		expect(ingest('<=2025-10-04T12:00:00')(t)).toBe(true);
		expect(ingest('<2025-10-04T12:00:00')(t)).toBe(false);
		expect(ingest('<2025-10-04T12:00:01')(t)).toBe(true);
	});

	it('reads a date-only bound as midnight, as the notebook says', () => {
		expect(ingest('<=2025-10-04')(at('2025-10-04T00:00:01'))).toBe(false);
		expect(ingest('>=2025-10-04')(at('2025-10-04T00:00:00'))).toBe(true);
	});

	it('an end before the start matches nothing', () => {
		expect(ingest('>=2025-10-05,<=2025-10-04')(at('2025-10-04T12:00:00'))).toBe(false);
	});

	it('supports A..B ranges and exact values at the precision given', () => {
		expect(ingest('2025-10-01..2025-10-03')(at('2025-10-02T08:00:00'))).toBe(true);
		expect(ingest('2025-10-01..2025-10-03')(at('2025-10-03T08:00:00'))).toBe(false);
		expect(ingest('2025-10-04')(at('2025-10-04T23:00:00'))).toBe(true);
		expect(ingest('2025-10-04T00:01:27')(at('2025-10-04T00:01:27.897'))).toBe(true);
		expect(ingest('2025-10-04T00:01:27')(at('2025-10-04T00:01:28'))).toBe(false);
	});

	it('matches a wildcard date pattern against the printed time', () => {
		expect(ingest('2025-10-04T00:*')(at('2025-10-04T00:59:00'))).toBe(true);
		expect(ingest('2025-10-04T00:*')(at('2025-10-04T01:00:00'))).toBe(false);
		expect(ingest('2025-10-04T00:*')('2025-10-04T00:01:27.8970000')).toBe(true);
	});

	it('excludes with ! on dates', () => {
		const m = ingest('>=2025-10-01,!2025-10-02');
		expect(m(at('2025-10-03T01:00:00'))).toBe(true);
		expect(m(at('2025-10-02T01:00:00'))).toBe(false);
	});

	it('never matches a missing value except under exclusions only', () => {
		expect(ingest('>=2025-10-01')(null)).toBe(false);
		expect(ingest('!2025-10-01')(null)).toBe(true);
	});

	it.each(['>=2025-10-4', '>=', '>=2025-10-04,<=nope', '2025-10-01..', '!', '!!2025-10-01', ',', '>=2025-10-04T25:00:00'])(
		'rejects the malformed value %j',
		value => expect(() => parseCondition('date', value)).toThrow(GrammarError),
	);

	it('bounds the days a condition can match', () => {
		expect(dateBounds(parseCondition('date', '>=2025-10-04T00:00:00,<=2025-10-04T23:59:59'))).toEqual({
			lo: at('2025-10-04T00:00:00'),
			hi: at('2025-10-04T23:59:59'),
		});
		expect(dateBounds(parseCondition('date', '>=2025-10-04')).hi).toBe(Infinity);
		expect(dateBounds(parseCondition('date', '2025-10-04*')).lo).toBe(-Infinity);
	});
});

describe('file names', () => {
	const name = (condition: string) => compileCondition('filename', condition);

	it('matches exact names case-insensitively, with no implicit wildcard', () => {
		expect(name('CGI_00011850')('CGI_00011850')).toBe(true);
		expect(name('cgi_00011850')('CGI_00011850')).toBe(true);
		expect(name('CGI_0001185')('CGI_00011850')).toBe(false);
		expect(name('GI_00011850')('CGI_00011850')).toBe(false);
	});

	it('ORs comma-separated names', () => {
		const m = name('CGI_00011850,CGI_00011851');
		expect(m('CGI_00011850')).toBe(true);
		expect(m('CGI_00011851')).toBe(true);
		expect(m('CGI_00011852')).toBe(false);
	});

	it('expands * and % anywhere', () => {
		expect(name('CGI_*')('CGI_00011850')).toBe(true);
		expect(name('*_000118*')('CGI_00011850')).toBe(true);
		expect(name('CGI%50')('CGI_00011850')).toBe(true);
		expect(name('WFI*')('CGI_00011850')).toBe(false);
	});

	it('supports [abc], [^abc] and [a-z] classes', () => {
		expect(name('CGI_0001185[01]')('CGI_00011851')).toBe(true);
		expect(name('CGI_0001185[01]')('CGI_00011852')).toBe(false);
		expect(name('CGI_0001185[^01]')('CGI_00011852')).toBe(true);
		expect(name('CGI_0001185[^01]')('CGI_00011850')).toBe(false);
		expect(name('CGI_0001185[2-4]')('CGI_00011853')).toBe(true);
		expect(name('CGI_0001185[2-4]')('CGI_00011855')).toBe(false);
		expect(name('[a-c]GI_*')('CGI_1')).toBe(true);
	});

	it('treats regex characters literally', () => {
		expect(name('a.b')('axb')).toBe(false);
		expect(name('a.b')('a.b')).toBe(true);
		expect(name('(x)+')('(x)+')).toBe(true);
	});

	it('ANDs exclusions while ORing positives', () => {
		const m = name('!CGI_0001185*,CGI_*,WFISCI_*');
		expect(m('CGI_00011849')).toBe(true);
		expect(m('CGI_00011850')).toBe(false);
		expect(m('WFISCI_00016592')).toBe(true);
		expect(m('WFIGW_00000001')).toBe(false);
		const onlyExclusions = name('!CGI_*,!WFISCI_*');
		expect(onlyExclusions('FPEHK_00000001')).toBe(true);
		expect(onlyExclusions('CGI_00000001')).toBe(false);
		expect(onlyExclusions('WFISCI_00000001')).toBe(false);
	});

	it('supports name ranges A..B', () => {
		const m = name('CGI_00011850..CGI_00011852');
		expect(m('CGI_00011851')).toBe(true);
		expect(m('cgi_00011852')).toBe(true);
		expect(m('CGI_00011853')).toBe(false);
	});

	it('ignores blanks around terms', () => {
		expect(name(' CGI_00011850 , CGI_00011851 ')('CGI_00011851')).toBe(true);
	});

	it.each(['CGI_[01', 'CGI_[]', 'CGI_[z-a]', '>=CGI', '!', ''])('rejects the malformed pattern %j', value => {
		expect(() => parseCondition('filename', value)).toThrow(GrammarError);
	});
});

describe('file types', () => {
	const type = (condition: string) => compileCondition('text', condition);

	it('match exactly and case-sensitively', () => {
		const m = type('Science CGI Level 0,Science WFI Level 0');
		expect(m('Science CGI Level 0')).toBe(true);
		expect(m('Science WFI Level 0')).toBe(true);
		expect(m('science cgi level 0')).toBe(false);
		expect(m('Science CGI Level 0 ')).toBe(false);
		expect(m('Guide Window Level 0')).toBe(false);
	});

	it('accept * wildcards and exclusions', () => {
		expect(type('Science*')('Science WFI Level 0')).toBe(true);
		expect(type('!Science*')('Science WFI Level 0')).toBe(false);
		expect(type('!Science*')('Guide Window Level 0')).toBe(true);
	});

	it('keep % and [ literal (only file names have them)', () => {
		expect(type('100%')('100%')).toBe(true);
		expect(type('100%')('1000')).toBe(false);
		expect(type('[x]')('[x]')).toBe(true);
	});
});
