import { describe, expect, it } from 'vitest';
import { NOW } from '../test/fixtures.ts';
import { summary, watchlist } from '../test/dossier-fixtures.ts';
import { filterRows, formatSort, groupByProcedure, parseSort, sortRows, toggleSort, watchRows, type WatchRow } from './watchlist.model.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;

const response = watchlist(
  [
    summary('HS-A1', { procedureCode: '1.000494', workingDays: 1.5, receivedAt: NOW - 20 * DAY }),
    summary('HS-B1', { procedureCode: '2.000815', workingDays: 6.25, status: 5, channel: 1, receivedAt: NOW - 30 * DAY }),
    summary('HS-A2', { procedureCode: '1.000494', workingDays: 0.5, receivedAt: NOW - 12 * DAY }),
  ],
  [
    summary('HS-C1', { procedureCode: '1.001612', workingDays: 0.75, dueAt: NOW + DAY, status: 2, channel: 3, receivedAt: null }),
    summary('HS-A3', { procedureCode: '1.000494', workingDays: 1.9, dueAt: NOW + 2 * DAY }),
    summary('HS-A1', { procedureCode: '1.000494', workingDays: 0.1 }), // listed twice by mistake
  ],
);
const rows = watchRows(response, 'vi', TZ);
const codes = (rs: readonly WatchRow[]) => rs.map((r) => r.code);

describe('watchlist rows', () => {
  it('takes both lists, labels status and channel in the language, formats local times', () => {
    expect(codes(rows)).toEqual(['HS-A1', 'HS-B1', 'HS-A2', 'HS-C1', 'HS-A3']);
    const b = rows.find((r) => r.code === 'HS-B1')!;
    expect(b).toMatchObject({ kind: 'overdue', daysMode: 'late', statusLabel: 'Yêu cầu bổ sung giấy tờ', channelLabel: 'Trực tiếp', daysText: '6,3' });
    expect(b.receivedText).toBe('23/10/2026 07:30');
    const c = rows.find((r) => r.code === 'HS-C1')!;
    expect(c).toMatchObject({ kind: 'dueSoon', daysMode: 'left', channelLabel: 'Bưu chính công ích', receivedText: '—', urgency: -0.75 });
    expect(watchRows(response, 'en', TZ)[0]).toMatchObject({ statusLabel: 'In process', channelLabel: 'Online', daysText: '1.5' });
  });

  it('keeps the sign: late under 766 before the due date, or past a paused due date', () => {
    const odd = watchRows(
      watchlist(
        [summary('HS-R', { workingDays: -2.99, supplementRequests: 2 })],
        [summary('HS-P', { workingDays: -1.29, status: 5 }), summary('HS-N', { workingDays: null })],
      ),
      'vi',
      TZ,
    );
    expect(odd.map((r) => [r.code, r.daysMode, r.daysText])).toEqual([
      ['HS-R', 'lateByRule', '3,0'],
      ['HS-P', 'pastDue', '1,3'],
      ['HS-N', 'unknown', '—'],
    ]);
    // every overdue dossier sorts before every due-soon one
    expect(sortRows(odd, { key: 'days', dir: 'desc' }).map((r) => r.code)).toEqual(['HS-R', 'HS-P', 'HS-N']);
  });

  it('filters overdue and due-soon', () => {
    expect(codes(filterRows(rows, 'overdue'))).toEqual(['HS-A1', 'HS-B1', 'HS-A2']);
    expect(codes(filterRows(rows, 'dueSoon'))).toEqual(['HS-C1', 'HS-A3']);
    expect(filterRows(rows, 'all')).toHaveLength(5);
  });
});

describe('sorting', () => {
  it('puts the most urgent first by default: longest overdue, then soonest due', () => {
    expect(codes(sortRows(rows, parseSort(null)))).toEqual(['HS-B1', 'HS-A1', 'HS-A2', 'HS-C1', 'HS-A3']);
  });

  it('sorts by any column, keeping rows without that value last', () => {
    expect(codes(sortRows(rows, { key: 'received', dir: 'asc' }))).toEqual(['HS-B1', 'HS-A1', 'HS-A2', 'HS-A3', 'HS-C1']);
    expect(codes(sortRows(rows, { key: 'received', dir: 'desc' })).at(-1)).toBe('HS-C1');
    expect(codes(sortRows(rows, { key: 'code', dir: 'desc' }))).toEqual(['HS-C1', 'HS-B1', 'HS-A3', 'HS-A2', 'HS-A1']);
    // Vietnamese collation: 'Đang xử lý' < 'Được tiếp nhận' < 'Yêu cầu bổ sung giấy tờ'; urgency breaks ties
    expect(codes(sortRows(rows, { key: 'status', dir: 'asc' }))).toEqual(['HS-A1', 'HS-A2', 'HS-A3', 'HS-C1', 'HS-B1']);
  });

  it('toggles direction on the same column and starts a new column in its natural order', () => {
    expect(toggleSort({ key: 'days', dir: 'desc' }, 'days')).toEqual({ key: 'days', dir: 'asc' });
    expect(toggleSort({ key: 'days', dir: 'desc' }, 'due')).toEqual({ key: 'due', dir: 'asc' });
    expect(toggleSort({ key: 'code', dir: 'asc' }, 'days')).toEqual({ key: 'days', dir: 'desc' });
  });

  it('round-trips through the URL and ignores junk', () => {
    expect(parseSort(formatSort({ key: 'due', dir: 'asc' }))).toEqual({ key: 'due', dir: 'asc' });
    expect(parseSort('drop-table')).toEqual({ key: 'days', dir: 'desc' });
    expect(parseSort('days-sideways')).toEqual({ key: 'days', dir: 'desc' });
  });
});

describe('grouping by procedure', () => {
  it('groups after sorting, groups ordered by their most urgent dossier, with counts', () => {
    const groups = groupByProcedure(rows);
    expect(groups.map((g) => [g.procedureCode, codes(g.rows), g.overdue, g.dueSoon])).toEqual([
      ['2.000815', ['HS-B1'], 1, 0],
      ['1.000494', ['HS-A1', 'HS-A2', 'HS-A3'], 2, 1],
      ['1.001612', ['HS-C1'], 0, 1],
    ]);
  });

  it('orders groups by procedure code when sorting by procedure', () => {
    expect(groupByProcedure(rows, { key: 'procedure', dir: 'asc' }).map((g) => g.procedureCode)).toEqual(['1.000494', '1.001612', '2.000815']);
    expect(groupByProcedure(rows, { key: 'procedure', dir: 'desc' }).map((g) => g.procedureCode)).toEqual(['2.000815', '1.001612', '1.000494']);
  });

  it('is empty for an empty watchlist', () => {
    expect(groupByProcedure(watchRows(watchlist([], []), 'vi', TZ))).toEqual([]);
  });
});
