import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Score766ItemsResponse, Score766Response } from '@cityioc/contracts';
import { buildTestApp, TEST_KEY, AS } from '../../../test/helpers/build-test-app.ts';
import { csvLines } from '../../../test/helpers/workbooks.ts';

let app: FastifyInstance;
let cleanup: (() => Promise<void>) | undefined;
const t = (s: string) => `${s.replace(' ', 'T')}:00+07:00`;
const now = Date.parse(t('2026-04-10 10:00'));
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const OMON = '000.153.00.H13';
const proc = (code: string, vi: string, extra: Record<string, unknown>) => ({
  code,
  name: { vi },
  legalTime: { value: 2, unit: 'working_days' },
  validFrom: '2025-01-01',
  agencies: [OMON],
  ...extra,
});
/** Three procedures of Ô Môn (917): A online and fee-bearing, B partial with a paper result, C a certification at the counter. */
const CATALOGUE = [
  proc('1.000001', 'Thủ tục A', {
    feeBearing: true,
    onlineService: 'full',
    applicants: ['citizen'],
    missingComponents: [],
    publication: { decision: '10/QĐ-UBND', decidedOn: '2026-03-02', legalBasisEffectiveOn: '2026-03-16', publicOn: '2026-03-06' },
  }),
  proc('1.000002', 'Thủ tục B', {
    feeBearing: false,
    onlineService: 'partial',
    paperResult: true,
    applicants: ['citizen'],
    missingComponents: ['processing_time'],
    publication: { decision: '11/QĐ-UBND', decidedOn: '2026-03-10', legalBasisEffectiveOn: '2026-03-16' },
  }),
  proc('1.000003', 'Chứng thực bản sao từ bản chính', {
    feeBearing: true,
    onlineService: 'none',
    applicants: ['organisation'],
    certifiedCopy: true,
    missingComponents: [],
  }),
];
const SPLITS = [
  { scheme: 'dvcqg-current', group: 'online-service', metrics: { '3.1': 4, '3.2': 4, '3.3': 4 }, source: 'Quyết định của tỉnh (ví dụ kiểm thử)' },
  { scheme: 'dvcqg-current', group: 'online-payment', metrics: { '3.5': 5, '3.6': 5 }, source: 'Quyết định của tỉnh (ví dụ kiểm thử)' },
];

const fee = [{ code: 'LP', amountVnd: 10000 }];
const dossier = (code: string, procedureCode: string, steps: [number, string][], extra: Record<string, unknown>) =>
  steps.map(([status, at]) => ({
    eventId: `${code}-${status}`,
    dossierCode: code,
    procedureCode,
    agencyCode: OMON,
    adminUnitCode: '31153',
    status,
    statusAt: t(at),
    channel: 1,
    ...extra,
  }));
const DOSSIERS = [
  // A, online, on time, synced with a fee, paid online, digitised, re-used, personal storage, population data, e-result
  ...dossier(
    'D1',
    '1.000001',
    [
      [2, '2026-03-02 08:00'],
      [9, '2026-03-03 10:00'],
    ],
    {
      channel: 2,
      dueAt: t('2026-03-04 17:00'),
      syncedToDvcqg: true,
      fees: fee,
      onlinePayment: 1,
      digitized: true,
      reusedDigitizedData: true,
      personalStorage: true,
      populationData: true,
      eResult: true,
    },
  ),
  // A, at the counter, finished late, synced with a fee, not paid online
  ...dossier(
    'D2',
    '1.000001',
    [
      [2, '2026-03-03 08:00'],
      [9, '2026-03-06 09:00'],
    ],
    { dueAt: t('2026-03-05 17:00'), syncedToDvcqg: true, fees: fee, onlinePayment: 0 },
  ),
  // B (paper result), online but no electronic result, digitised, not synced, on time
  ...dossier(
    'D3',
    '1.000002',
    [
      [2, '2026-03-04 08:00'],
      [9, '2026-03-09 10:00'],
    ],
    { channel: 2, dueAt: t('2026-03-10 17:00'), syncedToDvcqg: false, digitized: true },
  ),
  // C (certification), still open past its due date; an electronic certified copy issued
  ...dossier('D4', '1.000003', [[2, '2026-03-05 08:00']], { dueAt: t('2026-03-06 17:00'), syncedToDvcqg: true, eCertifiedCopy: true }),
];
let k = 0;
const pakn = (id: string, step: string, at: string, extra: Record<string, unknown> = {}) => ({
  eventId: `${id}-${++k}`,
  paknId: id,
  step,
  at: t(at),
  ...extra,
});
/** A PAKN of Ô Môn (31153) received, classified (unless null), answered and published at these local times. */
const published = (id: string, classification: string | null, [received, classified, answered, publishedAt]: [string, string | null, string, string]) => [
  pakn(id, 'received', received, { adminUnitCode: '31153' }),
  ...(classification !== null && classified !== null ? [pakn(id, 'classified', classified, { classification })] : []),
  pakn(id, 'answered', answered),
  pakn(id, 'published', publishedAt),
];
const PAKN = [
  ...published('K1', 'procedure', ['2026-03-02 09:00', '2026-03-02 10:00', '2026-03-10 09:00', '2026-03-11 09:00']),
  pakn('K1', 'reaction', '2026-03-12 09:00', { reaction: 'like' }),
  // publication due Tue 24 Mar 17:00: late
  ...published('K2', 'staff', ['2026-03-03 09:00', '2026-03-03 10:00', '2026-03-20 09:00', '2026-03-26 09:00']),
  ...published('K3', 'procedure', ['2026-03-04 09:00', '2026-03-04 10:00', '2026-03-05 09:00', '2026-03-05 10:00']),
  pakn('K3', 'reaction', '2026-03-06 09:00', { reaction: 'dislike' }),
  pakn('K3', 'reaction', '2026-03-06 10:00', { reaction: 'dislike' }),
  pakn('K3', 'reaction', '2026-03-06 11:00', { reaction: 'like' }),
  ...published('K4', null, ['2026-03-05 09:00', null, '2026-03-06 09:00', '2026-03-06 10:00']),
  pakn('K4', 'repeat_complaint', '2026-03-09 09:00'),
];

async function start(splits = true) {
  // every finished dossier packed at once (issue 16 #7): the hand-computed figures must not move
  ({ app, cleanup } = await buildTestApp({ tickMs: 20, dossiersKeepFinished: 0 }, { clock: () => now }));
  const send = async (method: 'PUT' | 'POST', url: string, payload: object) => {
    const r = await app.inject({ method, url, headers: { 'x-api-key': TEST_KEY }, payload });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  };
  await send('PUT', '/api/v1/procedures', { items: CATALOGUE });
  if (splits) await send('PUT', '/api/v1/score766/splits', { items: SPLITS });
  await send('POST', '/api/v1/dossiers/events', { events: DOSSIERS });
  await send('POST', '/api/v1/pakn/events', { events: PAKN });
  await send('POST', '/api/v1/ratings', { ratings: [{ ratingId: 'R1', dossierCode: 'D3', ratedAt: t('2026-03-12 09:00'), satisfaction: 'dissatisfied' }] });
}
const get = async <T>(url: string) => {
  const r = await app.inject({ method: 'GET', url, headers: AS.analyst });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<T>();
};

describe('GET /api/v1/score766', () => {
  it('adds up a small unit to the hand-computed total out of 100 (48.51)', async () => {
    await start();
    // the splits are reference data an administrator or a granted key changes: audited
    const audit = await app.inject({ url: '/api/v1/admin/audit?action=score766.', headers: AS.admin });
    expect(audit.json<{ records: { actor: string; action: string; details: unknown }[] }>().records.map((r) => [r.actor, r.action, r.details])).toEqual([
      ['feed:tester', 'score766.splits_put', { stored: SPLITS.length, unchanged: 0, rejected: 0 }],
    ]);
    const s = await get<Score766Response>('/api/v1/score766?unit=31153&period=2026-03');
    const g = (id: string) => s.groups.find((x) => x.id === id)!;
    const m = (group: string, code: string) => g(group).metrics.find((x) => x.code === code)!;
    expect(s).toMatchObject({ unit: '31153', unitKind: 'area', period: '2026-03', scheme: 'dvcqg-current', official: null });
    expect(s.groups.map((x) => [x.id, x.points, x.max])).toEqual([
      ['transparency', 10.83, 18], // 1.1: 1 of 2 on time → 3; 1.2: 1 of 2 → 2; 1.3: 2 of 3 → 1.33; 1.4: 3 of 4 synced → 4.5
      ['progress', 10, 20], // 2 of 4 on time (D2 late, D4 open past due)
      ['online-service', 8.83, 12], // 3.1: 2/3 under 80 % → 3.33; 3.2: 2/2 → 4; 3.3: 1/4 × 0.75 = 0.1875 under 50 % → 1.5
      ['online-payment', 4.8, 10], // 3.5: 1 of 2 fee-bearing procedures → 3.13; 3.6: 1 of 3 fee-bearing dossiers paid online → 1.67
      ['digitisation', 6.38, 22], // 4.1: 0; 4.2: 1/4 → 1.25; 4.3: 0.63; 4.4: 1; 4.5b: 0.5; 4.5a: 1; certified copies: 2
      ['satisfaction', 7.67, 18], // 5.2: 3/4 → 4.5; 5.3: 1/4 → 1.5; 5.4: 1 − (2/4 + 1/4) = 0.25 → 1.67
    ]);
    expect(s.total).toEqual({ points: 48.51, max: 100, complete: true, missingGroups: [] });
    expect(m('transparency', 'DOSSIER_SYNC')).toMatchObject({ ratio: 0.75, numerator: 3, denominator: 4, points: 4.5, max: 6, split: 'published' });
    expect(m('online-service', '3.3')).toMatchObject({ ratio: 0.1875, numerator: 1, denominator: 4, threshold: 0.5, points: 1.5, max: 4, split: 'configured' });
    expect(m('online-service', '3.3').inputs).toEqual({
      online: { numerator: 1, denominator: 4, ratio: 0.25 },
      sync: { numerator: 3, denominator: 4, ratio: 0.75 },
    });
    expect(m('satisfaction', 'DOSSIER_RECEIVING_SATISFACTION')).toMatchObject({ ratio: 0.25, points: 1.67, threshold: 0.9 });
    expect(m('satisfaction', 'PETITION_CLASSIFICATION_TTHC')).toMatchObject({ ratio: 2 / 3, points: 0, max: 0, scored: false });
    expect(m('digitisation', 'ORIGINAL_RESULT_AVAILABLE')).toMatchObject({ ratio: 0, numerator: 0, denominator: 1, points: 0, noData: false });
    expect(g('online-service').splitSource).toBe('Quyết định của tỉnh (ví dụ kiểm thử)');
    // the city holds only this unit's data: the same total
    expect((await get<Score766Response>('/api/v1/score766?period=2026-03')).total.points).toBe(48.51);
  });

  it('without a configured split the online groups show their ratios and no points; a unit without PAKN has no data for 5.2', async () => {
    await start(false);
    const s = await get<Score766Response>('/api/v1/score766?unit=31153&period=2026-03');
    expect(s.total).toEqual({ points: 34.88, max: 100, complete: false, missingGroups: ['online-service', 'online-payment'] });
    expect(s.groups.find((x) => x.id === 'online-payment')!.metrics.find((x) => x.code === '3.6')).toMatchObject({
      ratio: 1 / 3,
      points: null,
      max: null,
      split: 'unpublished',
    });
    const agency = await get<Score766Response>(`/api/v1/score766?unit=${OMON}&period=2026-03`);
    expect(agency.unitKind).toBe('agency');
    expect(agency.groups.find((x) => x.id === 'satisfaction')!.metrics.find((x) => x.code === 'PETITION_PROCESSING_ON_TIME')).toMatchObject({
      noData: true,
      ratio: null,
      points: null,
    });
  });

  it('stands the official score beside it and explains the difference per group the portal scored', async () => {
    await start();
    const official = {
      kind: 'official',
      origin: 'dvcqg-evaluation-api',
      unitCode: 'OM-917',
      period: '2026-03',
      total: 61.2,
      rank: 3,
      rankOf: 9,
      groups: [
        { id: 'transparency', score: 12, maxScore: 18 },
        { id: 'dvc-progress-tree', score: 15, maxScore: 20 },
      ],
      metrics: [{ code: 'DOSSIER_SYNC', numerator: 4, denominator: 5, ratio: 80 }],
      fetchedAt: t('2026-04-02 00:00'),
    };
    const r = await app.inject({ method: 'POST', url: '/api/v1/score766/official', headers: { 'x-api-key': TEST_KEY }, payload: { scores: [official] } });
    expect(r.statusCode).toBe(200);
    const s = await get<Score766Response>('/api/v1/score766?unit=31153&period=2026-03&officialUnit=OM-917');
    expect(s.official).toMatchObject({
      unitCode: 'OM-917',
      total: 61.2,
      rank: 3,
      rankOf: 9,
      groups: [
        { id: 'transparency', group: 'transparency' },
        { id: 'dvc-progress-tree', group: 'progress' },
      ],
    });
    expect(s.difference).toEqual([
      {
        group: 'transparency',
        apiId: 'transparency',
        computed: 10.83,
        official: 12,
        difference: -1.17,
        metrics: [
          {
            code: 'DOSSIER_SYNC',
            computedRatio: 0.75,
            officialRatio: 0.8,
            computedNumerator: 3,
            officialNumerator: 4,
            computedDenominator: 4,
            officialDenominator: 5,
          },
        ],
      },
      { group: 'progress', apiId: 'dvc-progress-tree', computed: 10, official: 15, difference: -5, metrics: [] },
    ]);
  });

  it('names a bad unit, period or scheme', async () => {
    await start(false);
    const bad = async (url: string, status: number, error: string) => {
      const r = await app.inject({ method: 'GET', url, headers: AS.analyst });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error).toBe(error);
    };
    await bad('/api/v1/score766?unit=99999&period=2026-03', 404, 'unknown_unit');
    await bad('/api/v1/score766?period=2026-03-05..2026-04-20', 400, 'invalid_period');
    await bad('/api/v1/score766?period=2026-13', 400, 'invalid_request');
    await bad('/api/v1/score766?period=2026-03&scheme=2019', 400, 'invalid_request');
  });
});

describe('GET /api/v1/score766/:metric/items', () => {
  it('lists the dossiers, procedures and PAKN behind a numerator and denominator, paged and exported', async () => {
    await start();
    const late = await get<Score766ItemsResponse>('/api/v1/score766/2.1/items?unit=31153&period=2026-03&part=outside');
    expect(late).toMatchObject({ metric: '2.1', indicator: '2.1', kind: 'dossiers', part: 'outside', total: 2 });
    expect(late.items.map((x) => (x.kind === 'dossier' ? [x.code, x.inNumerator, x.reason] : null))).toEqual([
      ['D2', false, 'past_due'],
      ['D4', false, 'past_due'],
    ]);
    const all = await get<Score766ItemsResponse>('/api/v1/score766/3.3/items?unit=31153&period=2026-03&limit=2&offset=1');
    expect(all.total).toBe(4);
    expect(all.items.map((x) => (x.kind === 'dossier' ? [x.code, x.reason] : null))).toEqual([
      ['D2', 'not_online'],
      ['D3', 'online_without_e_result'],
    ]);
    const procs = await get<Score766ItemsResponse>('/api/v1/score766/3.1/items?unit=31153&period=2026-03');
    expect(procs.items.map((x) => (x.kind === 'procedure' ? [x.code, x.inNumerator, x.onlineService] : null))).toEqual([
      ['1.000001', true, 'full'],
      ['1.000002', true, 'partial'],
      ['1.000003', false, 'none'],
    ]);
    const unhappy = await get<Score766ItemsResponse>('/api/v1/score766/PETITION_HANDLING_SATISFACTION/items?unit=31153&period=2026-03');
    expect(unhappy.items.map((x) => (x.kind === 'pakn' ? [x.paknId, x.inNumerator, x.reason] : null))).toEqual([
      ['K1', true, null],
      ['K2', false, 'late'],
      ['K3', false, 'more_dislikes_than_likes'],
      ['K4', false, 'repeat_complaint'],
    ]);
    const csv = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/score766/2.1/items.csv?unit=31153&period=2026-03&part=outside' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="766-2.1-31153-2026-03-outside.csv"');
    const lines = csvLines(csv.body);
    expect(lines[0]).toBe('Mã hồ sơ;Mã TTHC;Cơ quan;Đơn vị;Kênh;Trạng thái;Ngày tiếp nhận;Tính vào tử số;Lý do');
    expect(lines.slice(1).map((l) => [l.split(';')[0], l.split(';').at(-1)])).toEqual([
      ['D2', 'past_due'],
      ['D4', 'past_due'],
    ]);
    const xlsx = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/score766/3.1/items.xlsx?unit=31153&period=2026-03' });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const unknown = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/score766/NOPE/items?period=2026-03' });
    expect(unknown.json()).toMatchObject({ statusCode: 404, error: 'unknown_metric' });
  });
});
