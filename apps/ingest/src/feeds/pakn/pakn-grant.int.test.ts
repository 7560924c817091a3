import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { FeedKeyCreated, IngestResponse, PaknDetail } from '@cityioc/contracts';
import { appPerTest, AS, TEST_KEY } from '../../../test/helpers/build-test-app.ts';

/**
 * Issue 11 #3 for the citizen-feedback feeds: a key granted one ward's PAKN and ratings writes only
 * that ward's, item by item; an item outside the grant gets outside_grant, the rest is stored.
 */
let app: FastifyInstance;
const build = appPerTest();
const now = Date.parse('2026-03-24T10:00:00+07:00');

const NINH_KIEU = '31135';
const O_MON_AGENCY = '000.153.00.H13';
const NINH_KIEU_AGENCY = '000.135.00.H13';
const HOTLINE = {
  id: 'hotline-ninh-kieu',
  name: 'Đường dây nóng phường Ninh Kiều',
  grant: { endpoints: ['pakn', 'ratings'], stations: null, units: [NINH_KIEU], agencies: null },
};

async function start(grant: object = HOTLINE.grant): Promise<string> {
  app = await build({}, { clock: () => now });
  expect((await app.inject({ method: 'POST', url: '/api/v1/admin/feed-sources', headers: AS.admin, payload: { ...HOTLINE, grant } })).statusCode).toBe(201);
  const key = await app.inject({ method: 'POST', url: `/api/v1/admin/feed-sources/${HOTLINE.id}/keys`, headers: AS.admin });
  return key.json<FeedKeyCreated>().secret;
}

const ev = (eventId: string, paknId: string, step: string, at: string, extra: Record<string, unknown> = {}) => ({
  eventId,
  paknId,
  step,
  at: `2026-03-${at}:00+07:00`,
  ...extra,
});
const post = (key: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: { 'x-api-key': key }, payload });
const outside = (message: string) => [{ field: '/unit', reason: 'outside_grant', message }];

describe('PAKN feed under a key granted one ward', () => {
  it('keeps the ward’s events and refuses, item by item, those of another unit, a re-attribution out of the ward and an orphan step', async () => {
    const key = await start();
    // the city's hotline (a key of every feed) has already sent a PAKN of Ô Môn
    expect(
      (await post(TEST_KEY, '/api/v1/pakn/events', { events: [ev('om-1', 'P-OM', 'received', '02T09:00', { agencyCode: O_MON_AGENCY })] })).statusCode,
    ).toBe(200);
    const r = await post(key, '/api/v1/pakn/events', {
      events: [
        ev('nk-1', 'P-NK', 'received', '02T09:00', { adminUnitCode: NINH_KIEU, title: 'Đèn đường hỏng trên đường Hòa Bình' }),
        ev('om-2', 'P-OM2', 'received', '02T09:00', { adminUnitCode: '31153' }),
        ev('nk-2', 'P-NK', 'classified', '02T10:00', { classification: 'procedure' }),
        ev('om-3', 'P-OM', 'answered', '05T09:00'),
        ev('nk-3', 'P-NK', 'assigned', '03T09:00', { agencyCode: O_MON_AGENCY }),
        ev('x-1', 'P-UNKNOWN', 'answered', '05T09:00'),
        ev('nk-4', 'P-NK2', 'received', '04T09:00', { agencyCode: NINH_KIEU_AGENCY }),
        ev('nk-5', 'P-NK', 'assigned', '03T10:00', { agencyCode: NINH_KIEU_AGENCY }),
      ],
    });
    expect(r.statusCode).toBe(422);
    const body = r.json<IngestResponse>();
    expect(body).toMatchObject({ accepted: 4, duplicates: 0, rejected: 4 });
    expect(body.results.map((x) => [x.id, x.status, x.errors ?? null])).toEqual([
      ['nk-1', 'accepted', null],
      ['om-2', 'rejected', outside("this key may not write unit '31153'")],
      ['nk-2', 'accepted', null],
      ['om-3', 'rejected', outside("this key may not write unit '31153'")],
      ['nk-3', 'rejected', outside("this key may not write unit '31153'")],
      ['x-1', 'rejected', outside('this key may write only PAKN of its units or agencies, and this one names neither yet')],
      ['nk-4', 'accepted', null],
      ['nk-5', 'accepted', null],
    ]);
    // read back: the ward's PAKN took its steps, Ô Môn's is untouched, the refused ones left no trace
    const nk = (await app.inject({ url: '/api/v1/pakn/P-NK', headers: AS.admin })).json<PaknDetail>();
    expect(nk.summary).toMatchObject({ adminUnitCode: NINH_KIEU, agencyCode: NINH_KIEU_AGENCY });
    expect(nk.trail.map((t) => t.step)).toEqual(['received', 'classified', 'assigned']);
    const om = (await app.inject({ url: '/api/v1/pakn/P-OM', headers: AS.admin })).json<PaknDetail>();
    expect([om.summary.status, om.trail.map((t) => t.step)]).toEqual(['received', ['received']]);
    expect((await app.inject({ url: '/api/v1/pakn/P-OM2', headers: AS.admin })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/pakn/P-NK2', headers: AS.admin })).json<PaknDetail>().summary.adminUnitCode).toBe(NINH_KIEU);
    // the same judgement line by line on NDJSON
    const nd = await app.inject({
      method: 'POST',
      url: '/api/v1/pakn/events/ndjson?results=all',
      headers: { 'x-api-key': key, 'content-type': 'application/x-ndjson' },
      payload: [ev('nd-1', 'P-OM', 'answered', '06T09:00'), ev('nd-2', 'P-NK', 'answered', '06T09:00')].map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(nd.json<IngestResponse>().results.map((x) => [x.id, x.status, x.errors?.[0]?.reason ?? null])).toEqual([
      ['nd-1', 'rejected', 'outside_grant'],
      ['nd-2', 'accepted', null],
    ]);
  });

  it('a key granted one agency writes only PAKN that it handles; a key without the ratings endpoint is refused whole', async () => {
    const key = await start({ endpoints: ['pakn'], stations: null, units: null, agencies: [NINH_KIEU_AGENCY] });
    const r = await post(key, '/api/v1/pakn/events', {
      events: [
        ev('a-1', 'P-A', 'received', '02T09:00', { agencyCode: NINH_KIEU_AGENCY }),
        ev('a-2', 'P-B', 'received', '02T09:00', { agencyCode: O_MON_AGENCY }),
        ev('a-3', 'P-C', 'received', '02T09:00', { adminUnitCode: NINH_KIEU }),
        ev('a-4', 'P-A', 'answered', '05T09:00'),
      ],
    });
    expect(r.json<IngestResponse>().results.map((x) => [x.id, x.status, x.errors ?? null])).toEqual([
      ['a-1', 'accepted', null],
      ['a-2', 'rejected', [{ field: '/agency', reason: 'outside_grant', message: `this key may not write agency '${O_MON_AGENCY}'` }]],
      ['a-3', 'rejected', [{ field: '/agency', reason: 'outside_grant', message: 'this key may write only its agencies' }]],
      ['a-4', 'accepted', null],
    ]);
    const ratings = await post(key, '/api/v1/ratings', {
      ratings: [{ ratingId: 'R1', dossierCode: 'D-1', ratedAt: '2026-03-10T09:00:00+07:00', satisfaction: 'satisfied' }],
    });
    expect(ratings.statusCode).toBe(403);
    expect(ratings.json()).toEqual({ statusCode: 403, error: 'outside_grant', message: `the key of '${HOTLINE.id}' is not granted the ratings feed` });
  });
});

describe('ratings feed under a key granted one ward', () => {
  it('judges each rating by its own unit or agency and by the rated dossier’s unit as stored', async () => {
    const key = await start();
    // a dossier of Ô Môn, from the one-stop system
    const dossier = {
      eventId: 'om-d1',
      dossierCode: 'OM-1',
      procedureCode: '1.000494',
      agencyCode: O_MON_AGENCY,
      adminUnitCode: '31153',
      channel: 2,
      status: 2,
      statusAt: '2026-03-20T08:00:00+07:00',
      receivedAt: '2026-03-20T08:00:00+07:00',
    };
    expect((await post(TEST_KEY, '/api/v1/dossiers/events', { events: [dossier] })).statusCode).toBe(200);
    const rating = (ratingId: string, dossierCode: string, extra: Record<string, unknown> = {}) => ({
      ratingId,
      dossierCode,
      ratedAt: '2026-03-22T09:00:00+07:00',
      satisfaction: 'dissatisfied',
      ...extra,
    });
    const r = await post(key, '/api/v1/ratings', {
      ratings: [
        rating('R1', 'NK-1', { adminUnitCode: NINH_KIEU }),
        rating('R2', 'OM-1'),
        rating('R3', 'OM-1', { adminUnitCode: NINH_KIEU }),
        rating('R4', 'NK-2'),
        rating('R5', 'NK-3', { agencyCode: O_MON_AGENCY }),
        rating('R6', 'NK-4', { agencyCode: NINH_KIEU_AGENCY }),
      ],
    });
    expect(r.statusCode).toBe(422);
    expect(r.json<IngestResponse>().results.map((x) => [x.id, x.status, x.errors ?? null])).toEqual([
      ['R1', 'accepted', null],
      ['R2', 'rejected', outside("this key may not write unit '31153'")],
      ['R3', 'rejected', outside("this key may not write unit '31153'")],
      ['R4', 'rejected', outside('this key may write only ratings of its units or agencies, and this one names neither yet')],
      ['R5', 'rejected', outside("this key may not write unit '31153'")],
      ['R6', 'accepted', null],
    ]);
    expect(['NK-1', 'OM-1', 'NK-2', 'NK-3', 'NK-4'].map((d) => app.ioc.ratings.ratingOf(d))).toEqual(['dissatisfied', null, null, null, 'dissatisfied']);
    // a key of every feed still rates any dossier
    expect((await post(TEST_KEY, '/api/v1/ratings', { ratings: [rating('R7', 'OM-1')] })).statusCode).toBe(200);
    expect(app.ioc.ratings.ratingOf('OM-1')).toBe('dissatisfied');
  });
});
