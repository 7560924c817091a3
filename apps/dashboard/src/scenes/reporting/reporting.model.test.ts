import { describe, expect, it } from 'vitest';
import type { IndicatorValueRow, RankingResponse, SubmissionStatusResponse } from '@cityioc/contracts';
import { followedMonth, lateGroups, lateUnits, latestPeriodOf, periodAge, rankingView, targetRows, type ReportingCatalogueView } from './reporting.model.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** 5 December 2026, 10:00 in Cần Thơ. */
const AT = { now: Date.parse('2026-12-05T10:00:00+07:00'), timeZone: TZ };

/** A percentage the Department of Home Affairs reports, higher is better. */
const rate = (id: string, vi: string, en: string, decimals: number): ReportingCatalogueView['indicators'][number] => ({
  id,
  name: { vi, en },
  unit: '%',
  decimals,
  direction: 'up',
  sourceAgency: { vi: 'Sở Nội vụ', en: 'DoHA' },
});

const cat: ReportingCatalogueView = {
  indicators: [
    rate('online_payment_rate', 'Tỷ lệ thanh toán trực tuyến', 'Online payment', 1),
    rate('digitised_results_rate', 'Tỷ lệ số hóa kết quả', 'Results digitised', 2),
  ],
  units: [],
  regimes: [],
};
const row = (p: Partial<IndicatorValueRow>): IndicatorValueRow => ({
  indicator: 'online_payment_rate',
  unit: '92',
  unitName: 'Thành phố Cần Thơ',
  period: '2023',
  value: 42.4,
  numerator: null,
  denominator: null,
  target: 30,
  verdict: 'met',
  provenance: 'published',
  version: 1,
  regime: 'cchc-cds',
  ...p,
});

describe('ranks out of the country’s provinces of their period', () => {
  const withRank: ReportingCatalogueView = {
    ...cat,
    indicators: [
      ...cat.indicators,
      {
        id: 'dti_rank',
        name: { vi: 'Xếp hạng DTI cấp tỉnh', en: 'Provincial DTI rank' },
        unit: 'hạng',
        decimals: 0,
        direction: 'down',
        sourceAgency: cat.indicators[0]!.sourceAgency,
      },
    ],
  };
  it('says 5/63 for 2022 and 4/34 for 2025 (34 province-level units since 1 July 2025)', () => {
    const rows = targetRows(
      [row({ indicator: 'dti_rank', period: '2022', value: 5, target: 5 }), row({ indicator: 'dti_rank', period: '2025', value: 4, target: null })],
      withRank,
      'vi',
      AT,
    );
    expect(rows.map((r) => [r.value, r.target])).toEqual([
      ['hạng 5/63', 'hạng 5/63'],
      ['hạng 4/34', '—'],
    ]);
    expect(targetRows([row({ indicator: 'dti_rank', period: '2025', value: 4 })], withRank, 'en', AT)[0]!.value).toBe('rank 4/34');
  });
});

describe('reporting scene model', () => {
  it('follows the current month after its cut-off (14th), else the previous one, in local time', () => {
    expect(followedMonth(Date.parse('2026-11-22T10:00:00+07:00'), 'Asia/Ho_Chi_Minh')).toBe('2026-11');
    expect(followedMonth(Date.parse('2026-11-14T23:00:00+07:00'), 'Asia/Ho_Chi_Minh')).toBe('2026-10');
    // 17:30 UTC on 14 Jan is 00:30 on the 15th in Cần Thơ
    expect(followedMonth(Date.parse('2026-01-14T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-01');
    expect(followedMonth(Date.parse('2026-01-10T10:00:00+07:00'), 'Asia/Ho_Chi_Minh')).toBe('2025-12');
  });

  it('shows the city’s values against targets in vi-VN numbers, with the parts', () => {
    const rows = targetRows(
      [
        row({}),
        row({
          indicator: 'digitised_results_rate',
          period: '2022',
          value: (13000 / 362729) * 100,
          numerator: 13000,
          denominator: 362729,
          target: 50,
          verdict: 'missed',
        }),
        row({ unit: 'SNV' }),
      ],
      cat,
      'vi',
      AT,
    );
    expect(rows).toEqual([
      {
        indicator: 'online_payment_rate',
        name: 'Tỷ lệ thanh toán trực tuyến',
        period: 'Năm 2023',
        value: '42,4 %',
        target: '30 %',
        verdict: 'met',
        parts: null,
        illustrative: false,
        until: '31/12/2023',
        outdated: true,
      },
      {
        indicator: 'digitised_results_rate',
        name: 'Tỷ lệ số hóa kết quả',
        period: 'Năm 2022',
        value: '3,58 %',
        target: '50 %',
        verdict: 'missed',
        parts: '13.000 / 362.729',
        illustrative: false,
        until: '31/12/2022',
        outdated: true,
      },
    ]);
    expect(targetRows([row({})], cat, 'en', AT)[0]).toMatchObject({ name: 'Online payment', value: '42.4 %', period: '2023' });
  });

  it('summarises a ranking: average and count above the threshold as the server computed them', () => {
    const r: RankingResponse = {
      indicator: 'par_index',
      period: '2023',
      group: 'department',
      rows: [
        { rank: 1, unit: 'SLDTBXH', unitName: 'Sở LĐ-TB&XH', value: 98, provenance: 'published' },
        { rank: 2, unit: 'SNV', unitName: 'Sở Nội vụ', value: 86.54, provenance: 'illustrative' },
      ],
      aggregate: 92.27,
      threshold: 80,
      atOrAboveThreshold: 2,
      count: 2,
      illustrative: 1,
    };
    expect(rankingView(r, 'vi')).toEqual({
      rows: [
        { rank: 1, unit: 'SLDTBXH', name: 'Sở LĐ-TB&XH', value: '98,00', illustrative: false },
        { rank: 2, unit: 'SNV', name: 'Sở Nội vụ', value: '86,54', illustrative: true },
      ],
      average: '92,27 %',
      threshold: '2/2 ≥ 80 %',
      illustrative: 1,
      count: 2,
    });
    expect(rankingView({ ...r, rows: [], count: 0 }, 'vi')).toBeNull();
  });

  it('lists late units: overdue first, longest late first', () => {
    const unit = (unit: string, status: SubmissionStatusResponse['units'][number]['status'], lateByMs: number | null) => ({
      regime: 'cchc-cds',
      unit,
      unitName: unit,
      period: '2026-10',
      status,
      cutoffStart: '2026-09-15',
      cutoffEnd: '2026-10-14',
      deadline: 0,
      submittedAt: null,
      version: null,
      lateByMs,
    });
    const s: SubmissionStatusResponse = {
      regime: 'cchc-cds',
      period: '2026-10',
      asOf: 0,
      deadline: 0,
      counts: { not_due: 0, due: 0, submitted_on_time: 1, submitted_late: 1, overdue: 2, returned: 0, accepted: 0 },
      units: [
        unit('A', 'submitted_on_time', null),
        unit('B', 'submitted_late', 86_400_000 * 3),
        unit('C', 'overdue', 3_600_000),
        unit('D', 'overdue', 86_400_000 * 2.5),
      ],
    };
    expect(lateUnits(s).map((u) => [u.unit, u.status, u.daysLate])).toEqual([
      ['D', 'overdue', 3],
      ['C', 'overdue', 1],
      ['B', 'submitted_late', 3],
    ]);
  });

  it('finds the latest period of an indicator', () => {
    expect(latestPeriodOf([row({ period: '2022' }), row({ period: '2023' }), row({ indicator: 'x', period: '2025' })], 'online_payment_rate')).toBe('2023');
    expect(latestPeriodOf([], 'par_index')).toBeNull();
  });

  it('dates every figure by the last day of its period and greys it out once a whole cycle has passed since', () => {
    // a year is outdated a year after it closed, a quarter a quarter after, a month a month after
    expect(periodAge('2025', AT.now, TZ)).toEqual({ until: '31/12/2025', outdated: false });
    expect(periodAge('2024', AT.now, TZ)).toEqual({ until: '31/12/2024', outdated: true });
    expect(periodAge('2026-Q3', AT.now, TZ)).toEqual({ until: '30/09/2026', outdated: false });
    expect(periodAge('2026-Q2', AT.now, TZ)).toEqual({ until: '30/06/2026', outdated: true });
    expect(periodAge('2026-11', AT.now, TZ)).toEqual({ until: '30/11/2026', outdated: false });
    expect(periodAge('2026-10', AT.now, TZ)).toEqual({ until: '31/10/2026', outdated: true });
    // the cycle ends at local midnight: 1 January 2026 00:00 in Cần Thơ, a year after 2024 closed
    expect(periodAge('2024', Date.parse('2025-12-31T23:59:00+07:00'), TZ).outdated).toBe(false);
    expect(periodAge('2024', Date.parse('2026-01-01T00:00:00+07:00'), TZ).outdated).toBe(true);
    expect(periodAge('not-a-period', AT.now, TZ)).toEqual({ until: null, outdated: false });
  });

  it('groups the late units that are late in the same way: one line for 26 units overdue by 18 days', () => {
    const late = [
      ...Array.from({ length: 26 }, (_, i) => ({ unit: `U${i}`, name: `Phường ${i}`, status: 'overdue' as const, daysLate: 18 })),
      { unit: 'X', name: 'Xã X', status: 'overdue' as const, daysLate: 3 },
      { unit: 'Y', name: 'Xã Y', status: 'submitted_late' as const, daysLate: 3 },
      { unit: 'Z', name: 'Xã Z', status: 'submitted_late' as const, daysLate: 3 },
    ];
    const groups = lateGroups(late);
    expect(groups.map((g) => [g.status, g.daysLate, g.units.length])).toEqual([
      ['overdue', 18, 26],
      ['overdue', 3, 1],
      ['submitted_late', 3, 2],
    ]);
    expect(groups[2]!.units).toEqual([
      { unit: 'Y', name: 'Xã Y' },
      { unit: 'Z', name: 'Xã Z' },
    ]);
    expect(lateGroups([])).toEqual([]);
  });

  it('splits a group into departments and agencies first, then communes and wards, by unit code', () => {
    const rows = [
      { unit: '31135', name: 'Phường Ninh Kiều', status: 'overdue' as const, daysLate: 19 },
      { unit: 'SNV', name: 'Sở Nội vụ', status: 'overdue' as const, daysLate: 19 },
      { unit: '31153', name: 'Phường Ô Môn', status: 'overdue' as const, daysLate: 19 },
    ];
    const [g] = lateGroups(rows);
    expect(g!.byKind.map((k) => [k.kind, k.units.map((u) => u.name)])).toEqual([
      ['agency', ['Sở Nội vụ']],
      ['commune', ['Phường Ninh Kiều', 'Phường Ô Môn']],
    ]);
    expect(lateGroups(rows.slice(0, 1))[0]!.byKind.map((k) => k.kind)).toEqual(['commune']);
  });
});
