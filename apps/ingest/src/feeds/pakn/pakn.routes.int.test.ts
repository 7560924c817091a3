import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { IngestResponse, PaknDetail, PaknWatchlistResponse } from '@cityioc/contracts';
import { AS, buildTestApp, sendFeed, TEST_KEY } from '../../../test/helpers/build-test-app.ts';
import { PROCEDURE_SAMPLE } from '../../../test/helpers/feed-samples.ts';

let app: FastifyInstance;
let cleanup: (() => Promise<void>) | undefined;
const local = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+07:00`);
const now = local('2026-03-24 10:00');
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const WARD = { token: 'ward-operator-token-916', name: 'Trực ban Ninh Kiều', unit: 'UBND phường Ninh Kiều', scopes: ['31135'] };
const CITY = { token: 'city-leader-token-0092', name: 'Văn phòng UBND', unit: 'UBND thành phố', role: 'leader' as const, scopes: ['92'] };

async function start() {
  // every finished dossier packed at once (issue 16 #7): a PAKN naming one revives it
  ({ app, cleanup } = await buildTestApp({ tickMs: 20, operators: [WARD, CITY], dossiersKeepFinished: 0 }, { clock: () => now }));
  const cat = await sendFeed(app, 'PUT', '/api/v1/procedures', { items: [PROCEDURE_SAMPLE] });
  expect(cat.statusCode).toBe(200);
}

let n = 0;
const ev = (paknId: string, step: string, at: string, extra: Record<string, unknown> = {}) => ({
  eventId: `${paknId}-${step}-${++n}`,
  paknId,
  step,
  at: `${at.replace(' ', 'T')}:00+07:00`,
  ...extra,
});
const post = (events: unknown[]) => app.inject({ method: 'POST', url: '/api/v1/pakn/events', headers: { 'x-api-key': TEST_KEY }, payload: { events } });
const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? { 'x-operator-token': token } : AS.analyst });

/** The scene: four PAKN of Ninh Kiều (916) and one of Ô Môn's agency (917), as a hotline system sends them. */
function scene() {
  return [
    ev('P1', 'received', '2026-03-02 09:00', {
      adminUnitCode: '31135',
      title: 'Hồ sơ cấp bản sao trễ hẹn',
      procedureCode: '1.000494',
      citizen: { name: 'Nguyễn Văn A', phone: '0909000000' },
      HoTen: 'Nguyễn Văn A',
      content: 'Nội dung có số điện thoại 0909000000',
    }),
    ev('P1', 'classified', '2026-03-02 10:00', { classification: 'procedure' }),
    ev('P2', 'received', '2026-03-04 09:00', { agencyCode: '000.153.00.H13', title: 'Đèn đường hỏng' }),
    ev('P3', 'received', '2026-03-02 09:00', { adminUnitCode: '31135' }),
    ev('P3', 'answered', '2026-03-20 10:00'),
    ev('P4', 'received', '2026-03-03 09:00', { adminUnitCode: '31135', dossierCode: '000.00.21.H13-260303-0001' }),
    ev('P4', 'answered', '2026-03-05 09:00'),
    ev('P4', 'published', '2026-03-06 09:00'),
    ev('P4', 'reaction', '2026-03-07 09:00', { reaction: 'dislike' }),
    ev('P4', 'reaction', '2026-03-07 10:00', { reaction: 'dislike' }),
    ev('P4', 'reaction', '2026-03-07 11:00', { reaction: 'like' }),
  ];
}

describe('PAKN feed', () => {
  it('stores each step, drops personal data at the door, and answers a retry as duplicates', async () => {
    await start();
    const events = scene();
    const r = await post(events);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<IngestResponse>()).toMatchObject({ accepted: 11, duplicates: 0, rejected: 0 });
    expect((await post(events)).json<IngestResponse>()).toMatchObject({ accepted: 0, duplicates: 11, rejected: 0 });
    const stored: string[] = [];
    await app.ioc.store.replayPaknEvents(0, (b) => stored.push(...b.map((x) => JSON.stringify(x.event))));
    expect(stored).toHaveLength(11);
    expect(stored.join('\n')).not.toMatch(/Nguyễn|0909000000|citizen|HoTen|content/);
    // the unit of a PAKN named only by its agency is the agency's, kept with the event
    expect(JSON.parse(stored[2]!)).toMatchObject({ paknId: 'P2', adminUnitCode: '31153', agencyCode: '000.153.00.H13' });
  });

  it('refuses an unknown unit, agency or procedure, an impossible transition and an implausible date with 422, keeping the rest', async () => {
    await start();
    await post(scene());
    const r = await post([
      ev('Q1', 'received', '2026-03-10 09:00', { adminUnitCode: '99999' }),
      ev('Q2', 'received', '2026-03-10 09:00', { agencyCode: '000.00.99.H13' }),
      ev('Q3', 'received', '2026-03-10 09:00', { adminUnitCode: '31135', procedureCode: '9.999999' }),
      ev('P4', 'reaction', '2026-03-05 10:00', { reaction: 'like' }), // before the answer was published
      ev('P4', 'rejected', '2026-03-08 09:00'), // it was answered
      ev('Q4', 'received', '1990-03-10 09:00', { adminUnitCode: '31135' }),
      ev('Q5', 'classified', '2026-03-10 10:00'), // no classification
      ev('Q6', 'received', '2026-03-10 09:00', { adminUnitCode: '31135' }),
      ev('Q6', 'assigned', '2026-03-09 09:00', { agencyCode: '000.135.00.H13' }), // before its reception, in the same batch
    ]);
    expect(r.statusCode).toBe(422);
    const res = r.json<IngestResponse>();
    expect(res).toMatchObject({ accepted: 1, rejected: 8 });
    expect(res.results.map((x) => [x.status, x.errors?.[0]?.field, x.errors?.[0]?.reason])).toEqual([
      ['rejected', '/adminUnitCode', 'unknown_area'],
      ['rejected', '/agencyCode', 'unknown_agency'],
      ['rejected', '/procedureCode', 'unknown_procedure'],
      ['rejected', '/at', 'impossible_transition'],
      ['rejected', '/step', 'impossible_transition'],
      ['rejected', '/at', 'implausible_date'],
      ['rejected', '/classification', 'required'],
      ['accepted', undefined, undefined],
      ['rejected', '/at', 'impossible_transition'],
    ]);
  });

  it('replays the PAKN and ratings logs at start: the same watchlist and dislikes after a restart', async () => {
    await start();
    await post(scene());
    await app.inject({
      method: 'POST',
      url: '/api/v1/ratings',
      headers: { 'x-api-key': TEST_KEY },
      payload: { ratings: [{ ratingId: 'R9', dossierCode: 'X-1', ratedAt: '2026-03-10T09:00:00+07:00', satisfaction: 'dissatisfied' }] },
    });
    const before = (await get('/api/v1/pakn/watchlist')).json<PaknWatchlistResponse>();
    const dataDir = app.ioc.config.dataDir;
    await app.close();
    const again = await buildTestApp({ tickMs: 20, operators: [WARD, CITY] }, { clock: () => now, config: { ...app.ioc.config, dataDir } });
    app = again.app;
    cleanup = again.cleanup;
    expect((await get('/api/v1/pakn/watchlist')).json<PaknWatchlistResponse>()).toEqual(before);
    expect(app.ioc.ratings.disliked('X-1')).toBe(true);
    expect(app.ioc.pakn.size).toBe(4);
  });

  it('folds events in any order', async () => {
    await start();
    const events = [
      ev('P5', 'received', '2026-03-09 09:00', { adminUnitCode: '31135' }),
      ev('P5', 'answered', '2026-03-10 09:00'),
      ev('P5', 'published', '2026-03-11 09:00'),
    ];
    for (const e of [...events].reverse()) expect((await post([e])).statusCode).toBe(200);
    const d = (await get('/api/v1/pakn/P5')).json<PaknDetail>();
    expect(d.summary.status).toBe('published');
    expect(d.trail.map((t) => t.step)).toEqual(['received', 'answered', 'published']);
  });
});

describe('PAKN for operators', () => {
  it('watchlist: overdue and soon-due on the working-day calendar, scoped to the operator', async () => {
    await start();
    await post(scene());
    const city = (await get('/api/v1/pakn/watchlist?within=2')).json<PaknWatchlistResponse>();
    // P1: answer due Mon 23 Mar 17:00, 17 h of working time ago; P3: ready 20 Mar, publication due Tue 24 Mar 17:00; P2: due Wed 25 Mar 17:00
    expect(city.overdue.map((x) => [x.paknId, x.pending, x.dueAt, x.workingDays])).toEqual([['P1', 'answer', local('2026-03-23 17:00'), 0.71]]);
    expect(city.dueSoon.map((x) => [x.paknId, x.pending, x.dueAt])).toEqual([
      ['P3', 'publish', local('2026-03-24 17:00')],
      ['P2', 'answer', local('2026-03-25 17:00')],
    ]);
    const ward = (await get('/api/v1/pakn/watchlist', WARD.token)).json<PaknWatchlistResponse>();
    expect([...ward.overdue, ...ward.dueSoon].map((x) => x.paknId)).toEqual(['P1', 'P3']);
    const out = await get('/api/v1/pakn/watchlist?area=31153', WARD.token);
    expect(out.statusCode).toBe(403);
    expect(out.json()).toMatchObject({ error: 'out_of_scope', details: [{ field: '/area', reason: 'out_of_scope' }] });
    expect((await get('/api/v1/pakn/watchlist?area=31153', CITY.token)).json<PaknWatchlistResponse>().dueSoon.map((x) => x.paknId)).toEqual(['P2']);
    expect((await get('/api/v1/pakn/watchlist?area=99999')).statusCode).toBe(404);
  });

  it('detail: deadlines, reactions and the 5.3 verdict of a PAKN with more dislikes than likes; out of scope is 404', async () => {
    await start();
    await post(scene());
    const d = (await get('/api/v1/pakn/P4', WARD.token)).json<PaknDetail>();
    expect(d).toMatchObject({ likes: 1, dislikes: 2, repeatComplaints: 0, onTime: true, satisfied: false });
    expect(d.deadlines.map((x) => [x.step, x.verdict])).toEqual([
      ['reject', 'not_applicable'],
      ['supplement', 'not_applicable'],
      ['answer', 'on_time'],
      ['publish', 'on_time'],
    ]);
    const hidden = await get('/api/v1/pakn/P2', WARD.token);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ error: 'unknown_pakn' });
    expect((await get('/api/v1/pakn/P2')).json<PaknDetail>().summary).toMatchObject({ adminUnitCode: '31153', title: 'Đèn đường hỏng', status: 'received' });
  });
});

describe('ratings feed', () => {
  it('stores ratings idempotently by id and names a bad one', async () => {
    await start();
    const rating = (ratingId: string, extra: Record<string, unknown> = {}) => ({
      ratingId,
      dossierCode: '000.00.21.H13-260303-0001',
      ratedAt: '2026-03-10T09:00:00+07:00',
      satisfaction: 'dissatisfied',
      ...extra,
    });
    const post = (ratings: unknown[]) => app.inject({ method: 'POST', url: '/api/v1/ratings', headers: { 'x-api-key': TEST_KEY }, payload: { ratings } });
    const r = await post([
      rating('R1', { criteria: [{ code: 'thoi_gian', satisfaction: 'dissatisfied' }] }),
      rating('R2', { agencyCode: '000.00.99.H13' }),
      rating('R3', { ratedAt: '2031-01-01T00:00:00+07:00' }),
      rating('R4', { satisfaction: 'angry' }),
    ]);
    expect(r.statusCode).toBe(422);
    expect(r.json<IngestResponse>().results.map((x) => [x.id, x.status, x.errors?.[0]?.reason])).toEqual([
      ['R1', 'accepted', undefined],
      ['R2', 'rejected', 'unknown_agency'],
      ['R3', 'rejected', 'implausible_date'],
      ['R4', 'rejected', 'const'],
    ]);
    expect((await post([rating('R1')])).json<IngestResponse>()).toMatchObject({ duplicates: 1 });
    expect(app.ioc.ratings.disliked('000.00.21.H13-260303-0001')).toBe(true);
  });
});
