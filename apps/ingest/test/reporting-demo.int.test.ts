import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { IndicatorValuesResponse, RankingResponse } from '@cityioc/contracts';
import { buildTestApp, AS } from './helpers/build-test-app.ts';
import { importDemoReports } from './helpers/replay.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
afterEach(async () => cleanup?.());

const loadDemo = () => importDemoReports(app);

describe('the Cần Thơ reporting demo files, through the department import', () => {
  it('load whole and give the published figures; averages are computed from the loaded units', async () => {
    ({ app, cleanup } = await buildTestApp({}, { clock: () => Date.parse('2026-11-20T10:00:00+07:00') }));
    const first = await loadDemo();
    expect(first['par-index-2023.xlsx']!.reports).toHaveLength(25);

    const dept = (await (
      await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/rankings?indicator=par_index&period=2023&group=department' })
    ).json()) as RankingResponse;
    expect(dept.count).toBe(16);
    expect(dept.atOrAboveThreshold).toBe(16);
    expect(dept.aggregate!).toBeCloseTo(92.27, 10);
    expect(dept.rows[0]).toMatchObject({ rank: 1, unit: 'SLDTBXH', value: 98, provenance: 'published' });
    expect(dept.rows.slice(-3).map((r) => [r.unit, r.value])).toEqual([
      ['SKHDT', 86],
      ['STNMT', 84],
      ['SYT', 84],
    ]);
    expect(dept.illustrative).toBe(10);
    const dist = (await (
      await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/rankings?indicator=par_index&period=2023&group=district' })
    ).json()) as RankingResponse;
    expect(dist.count).toBe(9);
    expect(dist.aggregate!).toBeCloseTo(93.93, 10);
    expect(dist.rows[dist.rows.length - 1]).toMatchObject({ unit: '916', value: 91, provenance: 'published' });

    const v = (await (await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/values?period=2023&units=92' })).json()) as IndicatorValuesResponse;
    expect(v.rows.find((r) => r.indicator === 'online_payment_rate')).toMatchObject({ value: 42.4, target: 30, verdict: 'met', provenance: 'published' });
    const q = (await (await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/values?period=2022-Q1' })).json()) as IndicatorValuesResponse;
    expect(q.rows[0]).toMatchObject({ indicator: 'e_document_rate', numerator: 328330, denominator: 342006 });

    // today's departments (by name) and today's wards and communes (by code) report on today's units
    expect(first['bao-cao-cchc-cds-2026-q3-so-nganh.csv']!.reports).toHaveLength(10);
    expect(first['bao-cao-cchc-cds-2026-q3-xa-phuong.csv']!.reports).toHaveLength(103);
    const q3 = (await (
      await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/values?period=2026-Q3&indicators=e_document_rate' })
    ).json()) as IndicatorValuesResponse;
    expect(q3.rows).toHaveLength(113);
    expect(q3.rows.every((r) => r.provenance === 'illustrative')).toBe(true);

    // loading the same files again stores nothing new
    const again = await loadDemo();
    expect(Object.values(again).flatMap((r) => r.reports.map((x) => x.result))).toEqual(Object.values(again).flatMap((r) => r.reports.map(() => 'unchanged')));
    const status = (await (await app.inject({ headers: AS.analyst, url: '/api/v1/reporting/status?regime=par-index&period=2023' })).json()) as {
      counts: Record<string, number>;
    };
    expect(status.counts.submitted_on_time).toBe(25);
  });
});
