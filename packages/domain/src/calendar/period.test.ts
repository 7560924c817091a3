import { describe, expect, it } from 'vitest';
import { periodLabel } from './period-label.ts';
import {
  checkPeriod,
  comparePeriods,
  convertPeriod,
  countPeriods,
  listPeriods,
  nextPeriod,
  parsePeriod,
  periodBounds,
  periodIndex,
  periodKey,
  periodKeysOf,
  periodKindOf,
  periodOfMonth,
  periodsOfYear,
  wholeMonthsOf,
  previousPeriod,
  samePeriodLastYear,
  shiftPeriod,
  type SeriesKind,
} from './period.ts';

const at = (iso: string) => Date.parse(iso);
const local = (s: string) => at(`${s.replace(' ', 'T')}:00+07:00`);

describe('parse and check', () => {
  it('reads every kind of key', () => {
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', year: 2026, index: 11 });
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(parsePeriod('2026-H2')).toEqual({ kind: 'half', year: 2026, index: 2 });
    expect(parsePeriod('2026-9M')).toEqual({ kind: 'nine_months', year: 2026, index: 1 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, index: 1 });
    expect(periodKindOf('2026-11-22')).toBe('day');
    expect(periodKindOf('2026-11-22T07')).toBe('hour');
    expect(periodKindOf('2026-03-10..2026-04-15')).toBe('range');
  });

  it('says why a key names no period: malformed, nonexistent, inverted', () => {
    const reason = (k: string) => {
      const c = checkPeriod(k);
      return c.ok ? 'ok' : c.reason;
    };
    for (const k of ['2023-13', '2024-00', '2024-Q5', '2024-Q0', '2024-H3', '2025-02-29', '2024-02-30', '2026-11-22T24', '0999', '2026-02-30..2026-03-01'])
      expect(reason(k), k).toBe('nonexistent');
    for (const k of ['', 'all', '26-11', '2026-1', '2026-11 ', '2024-W05', '2026-Q', '2026-11-22T7', '2026-03-10..', '../../etc/passwd'])
      expect(reason(k), k).toBe('malformed');
    expect(reason('2026-04-15..2026-03-10')).toBe('inverted');
    expect(checkPeriod('2023-13')).toMatchObject({ ok: false, message: 'month 13 does not exist' });
    expect(reason('2024-02-29')).toBe('ok');
    expect(reason('2026-03-10..2026-03-10')).toBe('ok');
  });

  it('refuses a real period of a kind the caller does not accept', () => {
    expect(checkPeriod('2026-11-22', ['month', 'year'])).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(checkPeriod('2026-11', ['month', 'year'])).toMatchObject({ ok: true });
  });

  it('writes keys back unchanged', () => {
    for (const k of ['2026-11', '2026-Q4', '2026-H1', '2026-9M', '2026', '2026-02-28', '2026-01-01T00', '2026-03-10..2026-04-15'])
      expect(shiftPeriod(k, 0)).toBe(k);
  });
});

describe('instants to keys on the Asia/Ho_Chi_Minh calendar', () => {
  it('puts 23:30 on 31 March local (16:30 UTC) in March, Q1, H1; 17:00 UTC is already April', () => {
    expect(periodKeysOf(at('2025-03-31T16:30:00Z'), ['year', 'half', 'quarter', 'month'])).toEqual(['2025', '2025-H1', '2025-Q1', '2025-03']);
    expect(periodKey('month', at('2025-03-31T17:00:00Z'))).toBe('2025-04');
    expect(periodKey('quarter', at('2025-12-31T16:59:59Z'))).toBe('2025-Q4');
    expect(periodKey('year', Date.UTC(2026, 11, 31, 17, 30))).toBe('2027');
  });

  it('names hour and day keys as the rollups use them', () => {
    const t = at('2026-11-22T07:15:00+07:00');
    expect((['hour', 'day', 'month', 'quarter', 'half', 'year'] as SeriesKind[]).map((k) => periodKey(k, t))).toEqual([
      '2026-11-22T07',
      '2026-11-22',
      '2026-11',
      '2026-Q4',
      '2026-H2',
      '2026',
    ]);
    expect(periodKey('hour', at('2026-11-22T00:30:00Z'))).toBe('2026-11-22T07');
    expect(periodKey('day', at('2026-11-21T17:00:00Z'))).toBe('2026-11-22');
  });

  it('gives the period of a month of another kind', () => {
    expect(periodOfMonth('quarter', 2026, 11)).toBe('2026-Q4');
    expect(periodOfMonth('half', 2026, 6)).toBe('2026-H1');
  });
});

describe('bounds', () => {
  it('start at local midnight (or the local hour) and end at the next period', () => {
    expect(periodBounds('2025-Q2')).toEqual({ kind: 'quarter', start: local('2025-04-01 00:00'), end: local('2025-07-01 00:00') });
    expect(periodBounds('2025-12')).toEqual({ kind: 'month', start: local('2025-12-01 00:00'), end: local('2026-01-01 00:00') });
    expect(periodBounds('2025-H2')).toMatchObject({ start: local('2025-07-01 00:00'), end: local('2026-01-01 00:00') });
    expect(periodBounds('2025-9M')).toMatchObject({ start: local('2025-01-01 00:00'), end: local('2025-10-01 00:00') });
    expect(periodBounds('2025')).toMatchObject({ kind: 'year', start: local('2025-01-01 00:00'), end: local('2026-01-01 00:00') });
    expect(periodBounds('2026-11-22')).toMatchObject({ start: local('2026-11-22 00:00'), end: local('2026-11-23 00:00') });
    expect(periodBounds('2026-11-22T07')).toMatchObject({ start: local('2026-11-22 07:00'), end: local('2026-11-22 08:00') });
    expect(periodBounds('2026-03-10..2026-04-15')).toMatchObject({ start: local('2026-03-10 00:00'), end: local('2026-04-16 00:00') });
  });

  it('is null for bad keys, "all" and a key of another kind than asked', () => {
    expect(periodBounds('2025-13')).toBeNull();
    expect(periodBounds('all')).toBeNull();
    expect(periodBounds('2026-Q1', 'month')).toBeNull();
    expect(periodBounds('2026-02-30', 'day')).toBeNull();
  });
});

describe('shift', () => {
  it.each([
    ['2026-01', -1, '2025-12'],
    ['2025-12', 1, '2026-01'],
    ['2026-11', -23, '2024-12'],
    ['2026-11', 14, '2028-01'],
    ['2026-Q1', -1, '2025-Q4'],
    ['2026-Q4', 1, '2027-Q1'],
    ['2026-H1', -1, '2025-H2'],
    ['2026-9M', -1, '2025-9M'],
    ['2026', -1, '2025'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-31T23', 1, '2026-04-01T00'],
    // a range moves by its own length
    ['2026-03-01..2026-03-10', -1, '2026-02-19..2026-02-28'],
    ['2026-03-01..2026-03-10', 1, '2026-03-11..2026-03-20'],
  ])('steps %s by %i to %s, across year ends', (key, by, expected) => {
    expect(shiftPeriod(key, by)).toBe(expected);
    if (by === -1) expect(previousPeriod(key)).toBe(expected);
    if (by === 1) expect(nextPeriod(key)).toBe(expected);
  });

  it.each([
    ['2026-Q2', '2025-Q2'],
    ['2026-11', '2025-11'],
    ['2024-02-29', '2023-02-28'],
    ['2026-11-22T07', '2025-11-22T07'],
    ['2026-03-10..2026-04-15', '2025-03-10..2025-04-15'],
    ['1000', null],
  ])('the same period last year of %s is %s', (key, lastYear) => {
    expect(samePeriodLastYear(key)).toBe(lastYear);
  });

  it('is null for a bad key, a fractional step or a year beyond 9999', () => {
    expect(previousPeriod('2026-13')).toBeNull();
    expect(shiftPeriod('2026-11', 0.5)).toBeNull();
    expect(nextPeriod('9999-Q4')).toBeNull();
  });
});

describe('compare, count and list', () => {
  it('orders by end, the shorter period first at the same end', () => {
    expect(['2024', '2023', '2024-Q1', '2024-03', '2024-H1', '2024-9M'].sort(comparePeriods)).toEqual([
      '2023',
      '2024-03',
      '2024-Q1',
      '2024-H1',
      '2024-9M',
      '2024',
    ]);
    expect(comparePeriods('2026-10', '2026-11')).toBeLessThan(0);
    expect(comparePeriods('2026-Q4', '2026-Q4')).toBe(0);
    expect(comparePeriods('2026', 'bad')).toBeNaN();
  });

  it('counts and lists periods of one kind, inverted ranges giving none', () => {
    expect(listPeriods('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(countPeriods('2026-03', '2026-01')).toBeLessThanOrEqual(0);
    expect(listPeriods('2026-03', '2026-01')).toEqual([]);
    expect(countPeriods('2026-01-01T00', '2026-01-02T23')).toBe(48);
    expect(countPeriods('2026-01', '2026-Q1')).toBe(0);
    expect(listPeriods('2026-03-31T22', '2026-04-01T01')).toEqual(['2026-03-31T22', '2026-03-31T23', '2026-04-01T00', '2026-04-01T01']);
    expect(listPeriods('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(periodsOfYear('quarter', 2026)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOfYear('nine_months', 2026)).toEqual(['2026-9M']);
  });

  it('lists the whole months of a period, or null when it cuts a month', () => {
    expect(wholeMonthsOf('2026-9M')).toHaveLength(9);
    expect(wholeMonthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(wholeMonthsOf('2025-11-01..2026-02-28')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(wholeMonthsOf('2026-11-02..2026-11-30')).toBeNull();
    expect(wholeMonthsOf('2026-11-01..2026-11-29')).toBeNull();
    expect(wholeMonthsOf('2026-11-22')).toBeNull();
    expect(wholeMonthsOf('2026-13')).toBeNull();
  });

  it('places a bucket among periods from a start', () => {
    const start = local('2025-12-01 00:00');
    expect(periodIndex('hour', start, local('2025-12-01 05:00'))).toBe(5);
    expect(periodIndex('day', start, local('2025-12-31 00:00'))).toBe(30);
    expect(periodIndex('month', start, local('2026-02-01 00:00'))).toBe(2);
    expect(periodIndex('quarter', local('2025-10-01 00:00'), local('2026-03-01 00:00'))).toBe(1);
  });

  it.each([
    ['2026-11', 'quarter', '2026-Q4'],
    ['2026-11', 'year', '2026'],
    ['2026-Q3', 'month', '2026-07'],
    ['2026-H2', 'month', '2026-07'],
    ['2026-11-22', 'month', '2026-11'],
    ['bad', 'month', null],
  ] as const)('converts %s to the %s holding its first instant: %s', (key, kind, expected) => {
    expect(convertPeriod(key, kind)).toBe(expected);
  });
});

describe('labels: one style everywhere', () => {
  it.each([
    ['2026-11', 'Tháng 11/2026', 'Nov 2026'],
    ['2026-03', 'Tháng 3/2026', 'Mar 2026'],
    ['2026-Q1', 'Quý I/2026', 'Q1 2026'],
    ['2026-Q4', 'Quý IV/2026', 'Q4 2026'],
    ['2026-H1', '6 tháng đầu năm 2026', 'H1 2026'],
    ['2026-H2', '6 tháng cuối năm 2026', 'H2 2026'],
    ['2026-9M', '9 tháng năm 2026', '9M 2026'],
    ['2026', 'Năm 2026', '2026'],
    ['2026-11-22', 'Ngày 22/11/2026', '22 Nov 2026'],
    ['2026-11-22T07', '07:00 ngày 22/11/2026', '22 Nov 2026 07:00'],
    ['2026-03-01..2026-04-15', 'Từ 01/03/2026 đến 15/04/2026', '1 Mar 2026 – 15 Apr 2026'],
  ])('%s: Vietnamese as official documents write it (%s), English short (%s)', (key, vi, en) => {
    expect(periodLabel(key, 'vi')).toBe(vi);
    expect(periodLabel(key, 'en')).toBe(en);
  });

  it.each(['all', '2024-Q5'])('returns %s, a key that names no period, as it is', (key) => {
    expect(periodLabel(key, 'vi')).toBe(key);
    expect(periodLabel(key, 'en')).toBe(key);
  });
});
