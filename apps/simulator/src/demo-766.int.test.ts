import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent, IndicatorValuesResponse, IngestResponse, Score766Response } from '@cityioc/contracts';
import { REPORTED_SUMS } from '@cityioc/domain';
import { startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { DEMO_766_SPLITS, demo766Catalogue } from './demo-766-catalogue.ts';
import { createDossierStream } from './dossier-stream.ts';
import { createPaknStream, ratingsFor } from './feedback-stream.ts';
import { REPORTING_DEMO_DIR } from './reporting-demo.ts';
import { createRng } from './rng.ts';

const KEY = 'demo-766-test-key-0123456789';
/** The end of March 2026: the demo's month so far is the whole month. */
const AT = Date.parse('2026-03-31T23:00:00+07:00');
let server: ServerProcess;
let data: { dir: string; remove: () => void };

beforeAll(async () => {
  data = tempDataDir();
  server = await startServerProcess({ dataDir: data.dir, env: { IOC_API_KEYS: `demo:${KEY}` } });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  data?.remove();
});

/** Feeds send with the demo's API key, as the simulator does; reads need an account's credentials: the city-wide analyst's. */
async function call(method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(new URL(path, server.url), {
    method,
    headers: method === 'GET' ? server.headers('analyst') : { 'x-api-key': KEY, ...(body !== undefined ? { 'content-type': type } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

async function postAll(path: string, key: string, items: readonly unknown[]): Promise<void> {
  for (let i = 0; i < items.length; i += 5000) {
    const r = await call('POST', path, { [key]: items.slice(i, i + 5000) });
    const batch = items.slice(i, i + 5000).length;
    expect(r.status, JSON.stringify((r.json as IngestResponse).results?.find((x) => x.status === 'rejected'))).toBe(200);
    // every item the simulator sends is accepted, none refused
    expect(r.json).toMatchObject({ accepted: batch, duplicates: 0, rejected: 0 });
  }
}

describe('the 766 demo, through the public API of a real server', () => {
  it('loads the seed figures of Cần Thơ from the department file; the parts add up to the published totals', async () => {
    const r = await call(
      'POST',
      '/api/v1/reporting/imports?filename=tthc-dvctt-2022.csv',
      readFileSync(join(REPORTING_DEMO_DIR, 'tthc-dvctt-2022.csv')),
      'text/csv',
    );
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const values = (await call('GET', '/api/v1/reporting/values?period=2022&units=92')).json as IndicatorValuesResponse;
    const v = (id: string) => values.rows.find((x) => x.indicator === id)!;
    for (const s of REPORTED_SUMS) expect(s.parts.reduce((sum, p) => sum + v(p).value!, 0)).toBe(v(s.total).value);
    expect([v('dvc_on_dvcqg_count').value, v('online_payment_transactions').value, v('digital_signature_count').value]).toEqual([876, 1044, 1859]);
    // the ratio is Σnumerator/Σdenominator: 260/367 (the denominator derived from the published 70,8 %)
    expect(v('fee_procedures_online_payment_rate')).toMatchObject({ numerator: 260, denominator: 367, provenance: 'published' });
    expect(v('fee_procedures_online_payment_rate').value).toBeCloseTo(70.84, 2);
    expect(v('dossier_sync_rate')).toMatchObject({ numerator: 251306, denominator: 269642 });
    expect(v('dossier_sync_rate').value).toBeCloseTo(93.2, 2);
  });

  it('gives every group of the wall a value and a believable total out of 100', async () => {
    const catalogue = demo766Catalogue(AT);
    const put = await call('PUT', '/api/v1/procedures', { items: catalogue });
    expect([put.status, (put.json as { rejected: number }).rejected]).toEqual([200, 0]);
    expect((await call('PUT', '/api/v1/score766/splits', { items: DEMO_766_SPLITS })).status).toBe(200);
    const dossiers: DossierEvent[] = createDossierStream({ startMs: AT, seed: 92, rng: createRng(92), speed: 60, alwaysOpen: true }).take(AT);
    expect(dossiers.length).toBeGreaterThan(30_000);
    await postAll('/api/v1/dossiers/events', 'events', dossiers);
    const pakn = createPaknStream({ seed: 92, startMs: AT }).take(AT, Infinity);
    await postAll('/api/v1/pakn/events', 'events', pakn);
    await postAll('/api/v1/ratings', 'ratings', ratingsFor(dossiers));

    const s = (await call('GET', '/api/v1/score766?period=2026-03')).json as Score766Response;
    for (const g of s.groups) expect(g.points, `${g.id}: ${JSON.stringify(g.missing)}`).not.toBeNull();
    expect(s.total.complete).toBe(true);
    expect(s.total.max).toBe(100);
    expect(s.total.points).toBeGreaterThan(60);
    expect(s.total.points).toBeLessThan(95);
    const m = (code: string) => s.groups.flatMap((g) => g.metrics).find((x) => x.code === code)!;
    // the seeds' and the simulator's calibration: online payment ≈ 42 %, on time 95–98 %
    expect(m('3.6').ratio!).toBeGreaterThan(0.35);
    expect(m('3.6').ratio!).toBeLessThan(0.5);
    expect(m('2.1').ratio!).toBeGreaterThan(0.93);
    expect(m('PETITION_PROCESSING_ON_TIME').ratio!).toBeGreaterThan(0.8);
    expect(m('PETITION_PROCESSING_ON_TIME').ratio!).toBeLessThan(1);

    // a ward of today's city (phường Ninh Kiều, 31135): its committee has the former district procedures since 1 July 2025,
    // so it has every procedure applied at commune level; its citizens' PAKN are its own
    const ward = (await call('GET', '/api/v1/score766?period=2026-03&unit=31135')).json as Score766Response;
    const wm = (code: string) => ward.groups.flatMap((g) => g.metrics).find((x) => x.code === code)!;
    const communeLevel = new Set(catalogue.filter((p) => p.validFrom <= '2026-03-31' && p.levels?.includes('COMMUNE')).map((p) => p.code));
    expect(communeLevel.size).toBe(15);
    expect(wm('3.1').denominator).toBe(communeLevel.size);
    // (5.2 counts the PAKN taken up: those refused at the door are not the ward's to answer)
    const refused = new Set(pakn.filter((e) => e.step === 'rejected').map((e) => e.paknId));
    const paknHere = new Set(pakn.filter((e) => e.step === 'received' && e.adminUnitCode === '31135' && !refused.has(e.paknId)).map((e) => e.paknId));
    expect(paknHere.size).toBeGreaterThan(2);
    expect(wm('PETITION_PROCESSING_ON_TIME').denominator).toBe(paknHere.size);
  }, 240_000);
});
