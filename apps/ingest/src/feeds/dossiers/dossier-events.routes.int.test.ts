import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DossierDetail, DossierIndicatorsResponse, IngestResponse, Snapshot, WatchlistResponse } from '@cityioc/contracts';
import { buildTestApp, sendFeed, TEST_KEY, AS } from '../../../test/helpers/build-test-app.ts';
import { officialScore } from '../../../test/helpers/feed-samples.ts';
import { waitUntil } from '../../../../../test-support/wait.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let dataDir: string;
let now = Date.parse('2026-11-20T10:00:00+07:00'); // a Friday
afterEach(async () => cleanup?.());

async function start(overrides = {}) {
  // every finished dossier packed at once (issue 16 #7): details and indicators read them back
  ({ app, cleanup, dataDir } = await buildTestApp({ tickMs: 20, dossiersKeepFinished: 0, ...overrides }, { clock: () => now }));
}

const AGENCY_A = '000.00.01.H13';
const AGENCY_B = '000.00.02.H13';
function ev(code: string, status: number, statusAt: string, extra: Record<string, unknown> = {}) {
  return {
    eventId: `${code}-${status}-${Date.parse(statusAt)}`,
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode: AGENCY_A,
    adminUnitCode: '31135',
    channel: 2,
    status,
    statusAt,
    ...extra,
  };
}
/** A dossier received on `day` (Nov 2026) with an appointment on `due`, optionally finished. */
function dossier(code: string, day: string, due: string, finish?: string, extra: Record<string, unknown> = {}) {
  const received = `2026-11-${day}T08:00:00+07:00`;
  const dueAt = `2026-11-${due}T17:00:00+07:00`;
  const base = { receivedAt: received, dueAt, ...extra };
  const out = [ev(code, 2, received, base), ev(code, 4, `2026-11-${day}T09:00:00+07:00`, base)];
  if (finish) out.push(ev(code, 9, `2026-11-${finish}T15:00:00+07:00`, { ...base, finishedAt: `2026-11-${finish}T15:00:00+07:00` }));
  return out;
}
const post = (events: unknown[]) => app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: { 'x-api-key': TEST_KEY }, payload: { events } });
const get = async <T>(url: string) => (await app.inject({ headers: AS.analyst, url })).json() as T;

describe('POST /api/v1/dossiers/events', () => {
  it('keeps the valid events of a mixed batch and names every bad one (canonical and portal names)', async () => {
    await start();
    const portal = {
      MaHoSo: '000.00.02.H13-261105-0001',
      MaTTHC: '2.000815',
      MaCoQuan: AGENCY_B,
      KenhThucHien: 1,
      TrangThaiHoSo: 2,
      NgayTiepNhan: '20261105080000',
      NgayHenTra: '20261112170000',
    };
    const r = await post([
      ev('D1', 2, '2026-11-03T08:00:00+07:00', { receivedAt: '2026-11-03T08:00:00+07:00', dueAt: '2026-11-10T17:00:00+07:00' }),
      ev('D2', 11, '2026-11-03T08:00:00+07:00'),
      ev('D3', 2, '2026-11-03T08:00:00+07:00', { receivedAt: '2026-11-03T08:00:00+07:00', dueAt: '2026-11-01T17:00:00+07:00' }),
      ev('D4', 2, '2026-11-03T08:00:00+07:00', { procedureCode: 'abc' }),
      ev('D5', 2, '2026-11-03T08:00:00+07:00', { adminUnitCode: '999' }),
      { ...portal, adminUnitCode: undefined },
      { ...portal, TrangThaiHoSo: 42 },
    ]);
    expect(r.statusCode).toBe(422);
    const body = r.json() as IngestResponse;
    expect(body.results.map((x) => x.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted', 'rejected']);
    expect(body.results[1]!.errors![0]).toMatchObject({ field: '/status' });
    expect(body.results[2]!.errors![0]).toMatchObject({ field: '/dueAt', reason: 'due_before_received' });
    expect(body.results[3]!.errors![0]).toMatchObject({ field: '/procedureCode', reason: 'pattern' });
    expect(body.results[4]!.errors![0]).toMatchObject({ field: '/adminUnitCode', reason: 'unknown_area' });
    expect(body.results[6]!.errors!.map((e) => e.field)).toContain('/TrangThaiHoSo');
    expect(await app.ioc.store.countDossierEvents()).toBe(2);
    // the portal's dossier names its agency (Sở Tư pháp) and the agency catalogue gives its unit: the city
    const detail = await get<DossierDetail>(`/api/v1/dossiers/${portal.MaHoSo}`);
    expect(detail.summary).toMatchObject({ dossierCode: portal.MaHoSo, agencyCode: AGENCY_B, adminUnitCode: '92', status: 2, procedureCode: '2.000815' });
    const ind = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11&by=agency');
    expect(ind.total.received).toBe(2);
    expect(ind.rows.map((x) => [x.key, x.received])).toEqual([
      [AGENCY_A, 1],
      [AGENCY_B, 1],
    ]);
  });

  it('attributes a portal dossier to its agency’s unit through the agency catalogue; the payload’s own unit wins; an unknown agency is named', async () => {
    await start();
    const portal = (code: string, extra: Record<string, unknown>) => ({
      MaHoSo: code,
      MaTTHC: '1.000494',
      KenhThucHien: 2,
      TrangThaiHoSo: 2,
      NgayTiepNhan: '20261116080000',
      NgayHenTra: '20261120170000',
      ...extra,
    });
    const r = await post([
      portal('000.153.00.H13-261116-0001', { MaCoQuan: '000.153.00.H13' }), // UBND phường Ô Môn → 31153
      portal('000.258.00.H13-261116-0001', { MaCoQuan: '000.258.00.H13' }), // UBND xã Thới Lai → 31258
      portal('000.00.01.H13-261116-0001', { MaCoQuan: '000.00.01.H13', adminUnitCode: '31201' }), // Sở Nội vụ, the dossier of a Cái Răng resident
      portal('000.00.77.H13-261116-0001', { MaCoQuan: '000.00.77.H13' }), // not in the catalogue
      portal('000.00.78.H13-261116-0001', { MaCoQuan: '000.00.78.H13', adminUnitCode: '31135' }), // not in the catalogue, but its unit is given
      portal('000.00.21.H13-261116-0002', { MaCoQuan: '000.00.21.H13', adminUnitCode: '999' }), // a unit the area catalogue does not know
    ]);
    expect(r.statusCode).toBe(422);
    const body = r.json() as IngestResponse;
    expect(body.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'accepted', 'rejected']);
    expect(body.results[3]).toMatchObject({
      id: '000.00.77.H13-261116-0001',
      errors: [
        {
          field: '/MaCoQuan',
          reason: 'unknown_agency',
          message: "agency '000.00.77.H13' is not in the agency catalogue on 2026-11-16; send adminUnitCode, or add the agency",
        },
      ],
    });
    expect(body.results[5]!.errors).toEqual([
      { field: '/adminUnitCode', reason: 'unknown_area', message: "administrative unit '999' is not in the area registry" },
    ]);
    const unitOf = async (code: string) => (await get<DossierDetail>(`/api/v1/dossiers/${code}`)).summary.adminUnitCode;
    expect(await unitOf('000.153.00.H13-261116-0001')).toBe('31153');
    expect(await unitOf('000.258.00.H13-261116-0001')).toBe('31258');
    expect(await unitOf('000.00.01.H13-261116-0001')).toBe('31201');
    expect(await unitOf('000.00.78.H13-261116-0001')).toBe('31135');
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/000.00.77.H13-261116-0001' })).statusCode).toBe(404);
    const ind = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11');
    expect(ind.rows.map((x) => [x.key, x.received])).toEqual([
      ['31135', 1],
      ['31153', 1],
      ['31201', 1],
      ['31258', 1],
    ]);
  });

  it('counts a dossier once whatever the order of its events and however often they are retried', async () => {
    await start();
    const events = dossier('X1', '03', '10', '06');
    await post([events[2]!, events[0]!]);
    await post([events[1]!, events[0]!, events[2]!]);
    const again = (await post(events)).json() as IngestResponse;
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
    const ind = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11');
    expect(ind.total).toMatchObject({ received: 1, completed: 1, completedOnTime: 1, completedLate: 0, inProcess: 0 });
    expect(ind.total.onTime).toEqual({ numerator: 1, denominator: 1 });
  });

  it('refuses direct observations of indicators the IOC derives from dossiers', async () => {
    await start();
    const r = await sendFeed(app, 'POST', '/api/v1/observations', {
      id: 'o1',
      indicator: 'dossiers_received',
      area: '31135',
      observedAt: '2026-11-20T09:00:00+07:00',
      value: 5,
    });
    expect(r.statusCode).toBe(422);
    expect((r.json() as IngestResponse).results[0]!.errors![0]).toMatchObject({ field: '/indicator', reason: 'derived_indicator' });
  });
});

describe('dossier indicators', () => {
  it('aggregates ratios as Σnumerator/Σdenominator over agencies and districts, by reception month', async () => {
    await start();
    await post([
      ...dossier('A1', '02', '05', '04'), // on time
      ...dossier('A2', '02', '05', '09'), // late
      ...dossier('B1', '03', '06', '05', { agencyCode: AGENCY_B, adminUnitCode: '31153', channel: 1 }), // on time, in person
      ...dossier('O1', '02', '30', undefined, { receivedAt: '2026-10-30T08:00:00+07:00' }).map((e) => ({
        ...e,
        statusAt: e.statusAt.replace('2026-11-02', '2026-10-30'),
      })),
    ]);
    const city = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11&by=area');
    expect(city.total).toMatchObject({ received: 3, completedOnTime: 2, completedLate: 1 });
    expect(city.total.onTime).toEqual({ numerator: 2, denominator: 3 });
    expect(city.total.onlineSubmission).toEqual({ numerator: 2, denominator: 3 });
    expect(city.rows.map((r) => [r.key, r.received])).toEqual([
      ['31135', 2],
      ['31153', 1],
    ]);
    const byAgency = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11&scope=31135&by=agency');
    expect(byAgency.rows.map((r) => [r.key, r.onTime])).toEqual([[AGENCY_A, { numerator: 1, denominator: 2 }]]);
    const october = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-10');
    expect(october.total.received).toBe(1);
    const q4 = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-Q4');
    expect(q4.total.received).toBe(4);
  });

  it('publishes the current month to the live city snapshot as derived cells', async () => {
    await start();
    await post([
      ...dossier('L1', '16', '19', '18'),
      ...dossier('L2', '17', '25', undefined, { agencyCode: AGENCY_B, adminUnitCode: '31174', onlinePayment: 1, feeBearing: true }),
    ]);
    const snap = await waitUntil('the dossier cells in the city snapshot', async () => {
      const s = await get<Snapshot>('/api/v1/snapshot/92');
      return s.cells.some((c) => c.key === '92||dossiers_received') && s;
    });
    const cell = (k: string) => snap.cells.find((c) => c.key === k);
    expect(cell('92||dossiers_received')?.value).toBe(2);
    expect(cell('31174||dossiers_received')?.value).toBe(1);
    expect(cell('92||online_payment_rate')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(cell('92||dossiers_online_rate')).toMatchObject({ numerator: 2, denominator: 2 });
  });

  it.each([
    ['period=2026-13', 400],
    ['period=last-month', 400],
    ['period=2026-11&scope=999', 404],
    ['period=2026-11&by=procedure', 400],
  ])('GET /api/v1/dossiers/indicators?%s → %i', async (q, code) => {
    await start();
    expect((await app.inject({ headers: AS.analyst, url: `/api/v1/dossiers/indicators?${q}` })).statusCode).toBe(code);
  });
});

describe("operators' watchlist", () => {
  it('lists overdue and soon-due dossiers of a unit, and overdue changes with the clock alone', async () => {
    now = Date.parse('2026-11-20T10:00:00+07:00'); // Friday
    await start();
    await post([
      ...dossier('W1', '09', '13'), // open, due Fri 13 → overdue
      ...dossier('W2', '16', '24'), // due Tue 24 → within 2 working days of Fri 20? no (Mon 23, Tue 24 = 2) → soon
      ...dossier('W3', '16', '30'), // not soon
      ...dossier('W4', '09', '13', undefined, { adminUnitCode: '31153', agencyCode: AGENCY_B }), // other unit
      ...dossier('W5', '02', '05', '04'), // finished
    ]);
    const w = await get<WatchlistResponse>('/api/v1/dossiers/watchlist?area=31135');
    expect(w.overdue.map((d) => d.dossierCode)).toEqual(['W1']);
    expect(w.overdue[0]!.workingDays).toBeGreaterThan(4);
    expect(w.dueSoon.map((d) => d.dossierCode)).toEqual(['W2']);
    // Wednesday 25th, 09:00: W2 is now overdue with no new event
    now = Date.parse('2026-11-25T09:00:00+07:00');
    const later = await get<WatchlistResponse>('/api/v1/dossiers/watchlist?area=31135');
    expect(later.overdue.map((d) => d.dossierCode).sort()).toEqual(['W1', 'W2']);
    const detail = await get<DossierDetail>('/api/v1/dossiers/W1');
    expect(detail.overdue).toBe(true);
    expect(detail.trail.map((t) => t.status)).toEqual([2, 4]);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/nope' })).statusCode).toBe(404);
    expect((await app.inject({ headers: AS.analyst, url: '/api/v1/dossiers/watchlist?area=999' })).statusCode).toBe(404);
  });
});

describe('restart', () => {
  it('rebuilds the dossier state from the log', async () => {
    await start();
    await post([...dossier('R1', '03', '10', '06'), ...dossier('R2', '04', '12', '13')]);
    const before = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11');
    await app.close();
    ({ app, cleanup } = await buildTestApp({ dataDir }, { clock: () => now }));
    const after = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2026-11');
    expect(after).toEqual(before);
    expect(after.total.received).toBe(2);
  });
});

describe('official 766 scores', () => {
  it('imports the portal’s scores as their own series and refuses malformed ones', async () => {
    await start();
    const official = officialScore({ rank: 12, rankOf: 34 });
    const r = await sendFeed(app, 'POST', '/api/v1/score766/official', {
      scores: [official, { ...official, period: '2026-13' }, { ...official, period: '2026-09', groups: [{ id: 'x', score: 30, maxScore: 20 }] }],
    });
    expect(r.statusCode).toBe(422);
    expect((r.json() as IngestResponse).results.map((x) => x.status)).toEqual(['accepted', 'rejected', 'rejected']);
    const got = (await app.inject({ headers: AS.analyst, url: '/api/v1/score766/official?unit=H13' })).json() as {
      kind: string;
      scores: { total: number; unitName: string }[];
    };
    expect(got.kind).toBe('official');
    expect(got.scores).toHaveLength(1);
    expect(got.scores[0]).toMatchObject({ total: 84.2, unitName: 'Thành phố Cần Thơ' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/score766/official', payload: { scores: [official] } })).statusCode).toBe(401);
  });
});
