import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DossierDetail, DossierIndicatorsResponse, ProceduresResponse, ReferencePutResponse } from '@cityioc/contracts';
import { buildTestApp, TEST_KEY, AS } from '../../../test/helpers/build-test-app.ts';
import { PROCEDURE_SAMPLE } from '../../../test/helpers/feed-samples.ts';

let app: FastifyInstance;
let cleanup: (() => Promise<void>) | undefined;
let dataDir: string;
let now = Date.parse('2026-12-05T10:00:00+07:00');
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function start(overrides = {}) {
  // every finished dossier packed at once (issue 16 #7): catalogue changes must re-judge them too
  ({ app, cleanup, dataDir } = await buildTestApp({ tickMs: 20, dossiersKeepFinished: 0, ...overrides }, { clock: () => now }));
}

const AGENCY = '000.00.01.H13';
/** A dossier event as a one-stop system sends it, here without an appointment date (NgayHenTra). */
function ev(code: string, status: number, statusAt: string, extra: Record<string, unknown> = {}) {
  return {
    eventId: `${code}-${status}-${statusAt.replace(/[^0-9T]/g, '')}`,
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode: AGENCY,
    adminUnitCode: '31135',
    channel: 2,
    status,
    statusAt,
    ...extra,
  };
}
/** Birth-certificate copy, as an administrator loads it: 1 working day, fee-bearing, full online. */
const PROCEDURE = PROCEDURE_SAMPLE;

const put = (url: string, items: unknown[]) => app.inject({ method: 'PUT', url, headers: { 'x-api-key': TEST_KEY }, payload: { items } });
const postEvents = (events: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: { 'x-api-key': TEST_KEY }, payload: { events } });
const get = async <T>(url: string) => {
  const r = await app.inject({ method: 'GET', headers: AS.analyst, url });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};
const local = (s: string) => Date.parse(`${s}+07:00`);

describe('PUT /api/v1/procedures', () => {
  it('stores the valid items of a mixed batch, names every bad one, and recognises a resent item', async () => {
    await start();
    const r = await put('/api/v1/procedures', [
      PROCEDURE,
      { ...PROCEDURE, code: '1.49' },
      { ...PROCEDURE, code: '2.000815', validFrom: '2026-02-30' },
      { ...PROCEDURE, code: '2.000816', legalTime: { value: 3, unit: 'weeks' } },
      { ...PROCEDURE, code: '2.000817', DonViTinh: 'Ngày' },
      'not an object',
    ]);
    expect(r.statusCode).toBe(422);
    const body = r.json<ReferencePutResponse>();
    expect(body).toMatchObject({ stored: 1, unchanged: 0, rejected: 5 });
    expect(body.results[0]).toEqual({ index: 0, key: '1.000494', status: 'stored', version: 1 });
    expect(body.results[1]).toMatchObject({ index: 1, key: '1.49', status: 'rejected', errors: [{ field: '/code', reason: 'pattern' }] });
    expect(body.results[2]).toMatchObject({ key: '2.000815', status: 'rejected', errors: [{ field: '/validFrom', reason: 'date_format' }] });
    expect(body.results[3]!.errors![0]).toMatchObject({ field: '/legalTime/unit' });
    expect(body.results[4]).toMatchObject({ status: 'rejected', errors: [{ field: '/DonViTinh', reason: 'unknown_field' }] });
    expect(body.results[5]).toMatchObject({ key: null, status: 'rejected', errors: [{ field: '', reason: 'type' }] });

    // the same item with its fields in another order is the same document
    const again = await put('/api/v1/procedures', [Object.fromEntries(Object.entries(PROCEDURE).reverse())]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ stored: 0, unchanged: 1, rejected: 0, results: [{ index: 0, key: '1.000494', status: 'unchanged', version: 1 }] });
    const list = await get<ProceduresResponse>('/api/v1/procedures');
    expect(list.items).toEqual([{ ...PROCEDURE, version: 1, storedAt: now, origin: 'tester', current: true }]);
  });

  it('refuses a write without an API key and an empty batch', async () => {
    await start();
    expect((await app.inject({ method: 'PUT', url: '/api/v1/procedures', payload: { items: [PROCEDURE] } })).statusCode).toBe(401);
    const empty = await put('/api/v1/procedures', []);
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('dossiers without NgayHenTra are judged against the procedure’s legal time', () => {
  it('due date from the catalogue, shown with its source; loaded later, it applies at once; it survives a restart', async () => {
    await start();
    // received Wed 31 Dec 2025 10:00, finished Mon 5 Jan 16:00, no appointment date
    const received = '2025-12-31T10:00:00+07:00';
    const events = [ev('HS-1', 2, received, { receivedAt: received }), ev('HS-1', 9, '2026-01-05T16:00:00+07:00')];
    expect((await postEvents(events)).statusCode).toBe(200);

    const before = await get<DossierDetail>('/api/v1/dossiers/HS-1');
    expect(before.due).toEqual({ at: null, source: null, procedure: null });
    expect(before.verdict).toBe('unknown');
    expect((await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2025-12')).total.onTime).toEqual({ numerator: 0, denominator: 0 });

    expect((await put('/api/v1/procedures', [PROCEDURE])).statusCode).toBe(200);
    const after = await get<DossierDetail>('/api/v1/dossiers/HS-1');
    // 1 Jan is New Year, 2 Jan swapped (VPCP 12729/VPCP-KGVX), then the weekend: Mon 5 Jan 17:00
    expect(after.due).toEqual({
      at: local('2026-01-05T17:00:00'),
      source: 'legal_time',
      procedure: { code: '1.000494', version: 1, legalTime: { value: 1, unit: 'working_days' } },
    });
    expect(after.summary.dueAt).toBe(local('2026-01-05T17:00:00'));
    expect(after.verdict).toBe('on_time');
    const ind = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2025-12');
    expect(ind.total.onTime).toEqual({ numerator: 1, denominator: 1 });
    // same days off in average processing working days: 14 h on 31 Dec + 16 h on 5 Jan
    expect(ind.total.avgProcessingWorkingDays.numerator).toBeCloseTo(30 / 24, 9);

    await app.close();
    ({ app, cleanup } = await buildTestApp({ dataDir }, { clock: () => now }));
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-1')).due).toMatchObject({ at: local('2026-01-05T17:00:00'), source: 'legal_time' });
    expect((await get<ProceduresResponse>('/api/v1/procedures')).items.map((i) => i.code)).toEqual(['1.000494']);
  });

  it('an appointment date wins and says so; 2 working days from Fri 28 Aug 2026 end Fri 4 Sep', async () => {
    now = Date.parse('2026-09-10T10:00:00+07:00');
    await start();
    await put('/api/v1/procedures', [{ ...PROCEDURE, legalTime: { value: 2, unit: 'working_days' } }]);
    const received = '2026-08-28T09:00:00+07:00';
    await postEvents([
      ev('HS-2', 2, received, { receivedAt: received }),
      ev('HS-3', 2, received, { receivedAt: received, dueAt: '2026-09-03T17:00:00+07:00' }),
    ]);
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-2')).due).toMatchObject({ at: local('2026-09-04T17:00:00'), source: 'legal_time' });
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-3')).due).toMatchObject({ at: local('2026-09-03T17:00:00'), source: 'appointment' });
    now = Date.parse('2025-12-05T10:00:00+07:00');
  });
});

describe('PUT /api/v1/calendar/schedules', () => {
  it('takes next year’s schedule without a restart, refuses a bad one field by field, and keeps it across a restart', async () => {
    now = Date.parse('2027-01-10T10:00:00+07:00');
    await start();
    await put('/api/v1/procedures', [PROCEDURE]);
    // received Wed 30 Dec 2026: by rule alone 1 working day ends Thu 31 Dec
    const received = '2026-12-30T10:00:00+07:00';
    await postEvents([ev('HS-4', 2, received, { receivedAt: received })]);
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-4')).due.at).toBe(local('2026-12-31T17:00:00'));

    const bad = await put('/api/v1/calendar/schedules', [
      { year: 2026, extraDaysOff: [{ days: ['2026-12-31'], name: { vi: 'Nghỉ hoán đổi', en: 'Swapped day off' } }] },
      { year: 2027, occasions: { tet: { daysOff: ['2027-02-30'], makeUpWorkingDays: ['2027-02-17'] } } },
      { year: 2027, occasions: { christmas: { daysOff: ['2027-12-25'] } } },
    ]);
    expect(bad.statusCode).toBe(422);
    const b = bad.json<ReferencePutResponse>();
    expect(b.results[0]).toEqual({ index: 0, key: '2026', status: 'stored', version: 1 });
    expect(b.results[1]!.errors!.map((e) => [e.field, e.reason])).toEqual([
      ['/occasions/tet/daysOff/0', 'date_format'],
      ['/occasions/tet/makeUpWorkingDays/0', 'not_weekend'],
    ]);
    expect(b.results[2]).toMatchObject({ key: '2027', status: 'rejected', errors: [{ field: '/occasions/christmas', reason: 'unknown_field' }] });
    // the stored day off applies at once: due Mon 4 Jan 2027 (31 Dec off, 1 Jan New Year, weekend)
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-4')).due.at).toBe(local('2027-01-04T17:00:00'));

    await app.close();
    ({ app, cleanup } = await buildTestApp({ dataDir }, { clock: () => now }));
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-4')).due.at).toBe(local('2027-01-04T17:00:00'));
    const list = await get<{ builtIn: { year: number }[]; uploaded: { year: number; version: number; origin: string }[] }>('/api/v1/calendar/schedules');
    expect(list.builtIn.map((s) => s.year)).toEqual([2024, 2025, 2026]);
    expect(list.uploaded).toMatchObject([{ year: 2026, version: 1, origin: 'tester' }]);
    now = Date.parse('2025-12-05T10:00:00+07:00');
  });
});

describe('IOC_PROCEDURES_FILE', () => {
  it('loads the file at start (again unchanged on the next start); a bad file stops the start naming the item', async () => {
    await start();
    const file = join(dataDir, 'procedures.json');
    writeFileSync(file, JSON.stringify([PROCEDURE]));
    await app.close();
    ({ app, cleanup } = await buildTestApp({ dataDir, proceduresFile: file }, { clock: () => now }));
    expect((await get<ProceduresResponse>('/api/v1/procedures')).items).toMatchObject([{ code: '1.000494', version: 1, origin: `file:${file}` }]);
    await app.close();
    ({ app, cleanup } = await buildTestApp({ dataDir, proceduresFile: file }, { clock: () => now }));
    expect((await get<ProceduresResponse>('/api/v1/procedures')).items).toHaveLength(1);
    await app.close();
    cleanup = undefined;
    writeFileSync(file, JSON.stringify([PROCEDURE, { ...PROCEDURE, code: '2.000815', legalTime: { value: 9000, unit: 'working_days' } }]));
    await expect(buildTestApp({ dataDir, proceduresFile: file }, { clock: () => now })).rejects.toThrow(/item 1: \/legalTime\/value range/);
  });
});

describe('status machine', () => {
  it('a dossier withdrawn before reception (1 → 7) is not counted as received; one withdrawn after reception is', async () => {
    await start();
    await postEvents([
      ev('HS-5', 1, '2025-11-03T08:00:00+07:00'),
      ev('HS-5', 7, '2025-11-03T15:00:00+07:00'),
      ev('HS-6', 1, '2025-11-03T08:00:00+07:00'),
      ev('HS-6', 2, '2025-11-04T08:00:00+07:00'),
      ev('HS-6', 7, '2025-11-05T08:00:00+07:00'),
    ]);
    const ind = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2025-11');
    expect(ind.total).toMatchObject({ received: 1, stopped: 1 });
    expect((await get<DossierDetail>('/api/v1/dossiers/HS-5')).verdict).toBe('unknown');
  });
});

describe('online payment (766 indicator 3.6) from dossiers', () => {
  it('counts the dossiers of a procedure the catalogue says is fee-bearing when the events carry no fee data', async () => {
    await start();
    await put('/api/v1/procedures', [PROCEDURE]);
    await postEvents([
      ev('HS-7', 2, '2025-11-03T08:00:00+07:00', { receivedAt: '2025-11-03T08:00:00+07:00', onlinePayment: 1 }),
      ev('HS-8', 2, '2025-11-03T08:00:00+07:00', { receivedAt: '2025-11-03T08:00:00+07:00', onlinePayment: 0 }),
    ]);
    const ind = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2025-11');
    // no fee data on the events: the catalogue says the procedure is fee-bearing
    expect(ind.total.onlinePayment).toEqual({ numerator: 1, denominator: 2 });
  });
});

describe('dossier indicators over nine months and ranges of whole months', () => {
  it('answers 2025-9M and 2025-09-01..2025-10-31 from the month cells, and names a bad period', async () => {
    await start();
    await postEvents([
      ev('HS-9', 2, '2025-01-06T08:00:00+07:00', { receivedAt: '2025-01-06T08:00:00+07:00', dueAt: '2025-01-08T17:00:00+07:00' }),
      ev('HS-10', 2, '2025-09-29T08:00:00+07:00', { receivedAt: '2025-09-29T08:00:00+07:00', dueAt: '2025-10-06T17:00:00+07:00' }),
      ev('HS-11', 2, '2025-10-06T08:00:00+07:00', { receivedAt: '2025-10-06T08:00:00+07:00', dueAt: '2025-10-08T17:00:00+07:00' }),
    ]);
    const nine = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2025-9M');
    expect(nine).toMatchObject({ period: '2025-9M', total: { received: 2, onTime: { numerator: 1, denominator: 2 } } });
    const range = await get<DossierIndicatorsResponse>('/api/v1/dossiers/indicators?period=2025-09-01..2025-10-31');
    expect(range.total.received).toBe(2);
    const cut = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=2025-09-02..2025-10-31' });
    expect(cut.statusCode).toBe(400);
    expect(cut.json()).toMatchObject({ error: 'invalid_period', details: [{ field: '/period', reason: 'not_whole_months' }] });
    const inverted = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=2025-10-01..2025-09-30' });
    expect(inverted.json()).toMatchObject({ statusCode: 400, error: 'invalid_period', details: [{ field: '/period', reason: 'inverted' }] });
    const feb30 = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=2025-02-01..2025-02-30' });
    expect(feb30.json()).toMatchObject({ statusCode: 400, error: 'invalid_period', details: [{ field: '/period', reason: 'nonexistent' }] });
    expect((await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/dossiers/indicators?period=2025-13' })).json()).toMatchObject({
      statusCode: 400,
      error: 'invalid_request',
    });
  });
});
