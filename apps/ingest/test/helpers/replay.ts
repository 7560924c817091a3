/**
 * The fixture of the restart tests (checkpoint, restart, crash, checkpoint-monitoring, reporting
 * demo): seeded mixed feeds of the city, sent through the real routes in batches, and the live
 * state a restart must rebuild, read back through the API with the cells in a stable order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ImportResponse, Snapshot } from '@cityioc/contracts';
import { AS, ratio, TEST_KEY, wl } from './build-test-app.ts';
import { XLSX } from './workbooks.ts';

/** Nine wards and communes of today's Cần Thơ (codes of 1 July 2025). */
export const CITY_AREAS = ['31135', '31153', '31174', '31201', '31228', '31232', '31261', '31299', '31258'];
/** The three water-level stations and the ward each stands in. */
export const WATER_STATIONS = [
  ['wl-can-tho', '31135'],
  ['wl-cai-rang', '31201'],
  ['wl-o-mon', '31153'],
] as const;

export interface SeededOptions {
  /** The seed of the generator (the same seed, the same events). */
  seed: number;
  /** Ids are `${idPrefix}${i}`. */
  idPrefix: string;
  /** The index of the first event (a second call continues where the first stopped). */
  offset?: number;
  /** The instant of an event from a random number in [0, 1): ties on observedAt are likely on purpose. */
  observedAt: (r: number) => string;
}

/** Seeded mixed observations: station maxima and last values (water level), area ratios, area sums. */
export function seededObservations(n: number, { seed, idPrefix, offset = 0, observedAt }: SeededOptions) {
  let x = seed + offset;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, j) => {
    const i = j + offset;
    const t = observedAt(rnd());
    if (i % 3 === 0) {
      const [st, area] = WATER_STATIONS[Math.floor(rnd() * 3)]!;
      return wl(`${idPrefix}${i}`, Math.round(rnd() * 2500) / 10, { station: st, area, observedAt: t });
    }
    const area = CITY_AREAS[Math.floor(rnd() * CITY_AREAS.length)]!;
    if (i % 3 === 1) {
      const den = 1 + Math.floor(rnd() * 500);
      return { ...ratio(`${idPrefix}${i}`, area, Math.floor(rnd() * den), den), observedAt: t };
    }
    return { id: `${idPrefix}${i}`, indicator: 'citizen_reports_received', area, observedAt: t, value: Math.round(rnd() * 1000) / 7 };
  });
}

/** Dossiers of one agency received in November 2026 across `units`, half still received and half in process, events `${idPrefix}${from}…`. */
export function openDossierEvents(from: number, n: number, { idPrefix, units }: { idPrefix: string; units: readonly string[] }) {
  return Array.from({ length: n }, (_, j) => {
    const i = from + j;
    const receivedAt = `2026-11-${String(2 + (i % 18)).padStart(2, '0')}T08:00:00+07:00`;
    return {
      eventId: `${idPrefix}${i}`,
      dossierCode: `000.00.01.H13-2611-${String(i % 40).padStart(4, '0')}`,
      procedureCode: '1.000494',
      agencyCode: '000.00.01.H13',
      adminUnitCode: units[i % units.length],
      channel: 2,
      status: i % 80 < 40 ? 2 : 4,
      statusAt: receivedAt,
      receivedAt,
      dueAt: '2026-11-25T17:00:00+07:00',
    };
  });
}

/** Sends observations in batches of `batch` and the dossier events in one, as a feed does; every batch is answered 200, every item accepted or a duplicate. */
export async function feedAll(app: FastifyInstance, observations: unknown[], dossiers: unknown[] = [], batch = 500): Promise<void> {
  for (let i = 0; i < observations.length; i += batch) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/observations/batch',
      headers: { 'x-api-key': TEST_KEY },
      payload: { observations: observations.slice(i, i + batch) },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ rejected: 0 });
  }
  if (dossiers.length) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/dossiers/events', headers: { 'x-api-key': TEST_KEY }, payload: { events: dossiers } });
    expect(r.json()).toMatchObject({ rejected: 0 });
  }
}

/** A snapshot without what a restart rightly changes (its version and epoch), the cells in key order. */
export const stripSnapshot = (s: Snapshot) => ({ scope: s.scope, cells: [...s.cells].sort((a, b) => a.key.localeCompare(b.key)) });

/** The snapshots of `scopes`, as an analyst of the whole city reads them, stripped. */
export function snapshotsOf(app: FastifyInstance, scopes: readonly string[]) {
  return Promise.all(scopes.map(async (s) => stripSnapshot((await app.inject({ headers: AS.analyst, url: `/api/v1/snapshot/${s}` })).json())));
}

/** The simulator's demo Decree 09 report files of the city (CSV and XLSX as departments send them). */
export const DEMO_REPORTS_DIR = fileURLToPath(new URL('../../../simulator/demo/reporting/', import.meta.url));

/** Imports every demo report file through POST /api/v1/reporting/imports (each must be accepted); the answers by file name. */
export async function importDemoReports(app: FastifyInstance): Promise<Record<string, ImportResponse>> {
  const types: Record<string, string> = { csv: 'text/csv', xlsx: XLSX };
  const out: Record<string, ImportResponse> = {};
  for (const f of readdirSync(DEMO_REPORTS_DIR).sort()) {
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/reporting/imports?filename=${encodeURIComponent(f)}`,
      headers: { 'x-api-key': TEST_KEY, 'content-type': types[f.split('.').pop()!]! },
      payload: readFileSync(join(DEMO_REPORTS_DIR, f)),
    });
    expect(r.statusCode, `${f}: ${r.body}`).toBe(200);
    out[f] = r.json() as ImportResponse;
  }
  return out;
}
