/**
 * The `geo` bench (issue 10), runnable alone: pnpm bench --only=geo [--sizes=1000000,3000000]
 *   1. a boundary import of 103 communes with every check (read, match, geometry, commit to the
 *      store's reference part), on a synthetic file of the real one's size (~3.6 MB, generated
 *      here from our schematic cells densified to ~1,500 vertices each, clockwise as the real
 *      file is) — beside the ceiling of the same bytes through JSON.parse alone;
 *   2. an analyst query of a year of daily history for all 103 units of today, half of it before
 *      the 1 July 2025 reform: in today's units through the crosswalk, beside the same query
 *      without it (the same codes as they were), in the same run, over N stored observations.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewObservation } from '@cityioc/contracts';
import { AdminIndicatorState, CAN_THO_CATALOGUE, CAN_THO_REGISTRY, createWorkCalendar, indexCatalogue } from '@cityioc/domain';
import { AnalystService, type SeriesRequest } from '../apps/ingest/src/analyst/analyst.service.ts';
import { readBoundaryFile } from '../apps/ingest/src/geo/boundary-file.ts';
import { checkBoundaryImport } from '../apps/ingest/src/geo/boundary-import.ts';
import { openSqliteStore } from '../apps/ingest/src/store/sqlite-store.ts';
import type { Store } from '../apps/ingest/src/store/store.ts';

export const IMPORT_CEILING_MS = 5000;
export const CROSSWALK_CEILING_MS = 300;

type Ring = [number, number][];

/** A FeatureCollection like the official 103-commune file: same count, about the same size and vertex density, clockwise rings, codes and prefixed names. */
export function syntheticCommuneFile(targetBytes = 3_600_000): Buffer {
  const path = fileURLToPath(import.meta.resolve('@cityioc/domain/geo/schematic/can-tho-communes.schematic.geo.json'));
  const cells = (
    JSON.parse(readFileSync(path, 'utf8')) as { features: { properties: { code?: string; kind?: string }; geometry: { coordinates: Ring[] } }[] }
  ).features.filter((f) => f.properties.kind !== 'outline');
  const vertices = cells.reduce((s, f) => s + f.geometry.coordinates[0]!.length, 0);
  // ~20 bytes per vertex on average ("[105.1234567,10.1234567],")
  const perEdge = Math.max(1, Math.round(targetBytes / 20 / vertices));
  const features = cells.map((f) => {
    const ring = f.geometry.coordinates[0]!;
    const dense: Ring = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i]!, ring[i + 1]!];
      for (let k = 0; k < perEdge; k++) {
        const t = k / perEdge;
        dense.push([+(a[0] + (b[0] - a[0]) * t).toFixed(7), +(a[1] + (b[1] - a[1]) * t).toFixed(7)]);
      }
    }
    dense.push(dense[0]!);
    const u = CAN_THO_REGISTRY.areaAt(f.properties.code!, '2025-07-01')!;
    return {
      type: 'Feature',
      id: u.code,
      properties: { code: u.code, name: u.name, fullName: `${u.type === 'phường' ? 'Phường' : 'Xã'} ${u.name}`, areaKm2: String(u.areaKm2).replace('.', ',') },
      geometry: { type: 'MultiPolygon', coordinates: [[dense.reverse()]] },
    };
  });
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

/** Runs `fn` on a new SQLite store in a temporary folder; closes the store and removes the folder after. */
async function onTempStore<T>(opts: Omit<Parameters<typeof openSqliteStore>[0], 'file'>, fn: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-geo-'));
  const store = openSqliteStore({ ...opts, file: join(dir, 'ioc.db') });
  try {
    return await fn(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A time beside its ceiling, and their ratio. */
const againstCeiling = (ms: number, ceilingMs: number) => ({ ceilingMs, ratioToCeiling: +(ms / ceilingMs).toFixed(3) });

export async function benchBoundaryImport(log: (l: string) => void) {
  const file = syntheticCommuneFile();
  return onTempStore({}, async (store) => {
    const runs: number[] = [];
    const parses: number[] = [];
    let issues = 0;
    for (let r = 0; r < 3; r++) {
      const p0 = performance.now();
      JSON.parse(file.toString('utf8'));
      parses.push(performance.now() - p0);
      const t0 = performance.now();
      const read = await readBoundaryFile(file, 'application/geo+json');
      const { report, prepared } = checkBoundaryImport(read, CAN_THO_REGISTRY, '2026-11-22', 'synthetic.geojson');
      if (!report.ok || report.matched.length !== 103)
        throw new Error(`synthetic import refused: ${JSON.stringify(report.issues.filter((i) => i.severity === 'error').slice(0, 3))}`);
      await store.reference.putReferenceItems(
        'boundary-import',
        [{ key: 'boundaries', validFrom: '2026-11-22', body: { ...prepared, run: r }, origin: 'bench' }],
        Date.now(),
      );
      runs.push(performance.now() - t0);
      issues = report.issues.length;
    }
    const ms = Math.min(...runs);
    const parseMs = Math.min(...parses);
    log(
      `geo import: ${(file.length / 1e6).toFixed(2)} MB, 103 communes, ${issues} issues reported: best ${ms.toFixed(0)} ms (ceiling ${IMPORT_CEILING_MS} ms); JSON.parse alone ${parseMs.toFixed(0)} ms`,
    );
    return { bytes: file.length, importMs: +ms.toFixed(1), parseOnlyMs: +parseMs.toFixed(1), ...againstCeiling(ms, IMPORT_CEILING_MS) };
  });
}

const YEAR_START = Date.parse('2025-01-01T00:00:00+07:00');
const YEAR_MS = 365 * 86_400_000;
const REFORM = Date.parse('2025-07-01T00:00:00+07:00');

export async function benchCrosswalkAt(n: number, log: (l: string) => void) {
  const index = indexCatalogue(CAN_THO_CATALOGUE, CAN_THO_REGISTRY);
  const today = CAN_THO_REGISTRY.unitsValidAt('2025-07-01', { level: 'commune', parent: '92' }).map((u) => u.code);
  const before = CAN_THO_REGISTRY.unitsValidAt('2025-06-30', { level: 'commune' }).map((u) => u.code);
  return onTempStore({ areaChain: index.areaChainAt }, async (store) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i += 10_000) {
      const b: NewObservation[] = [];
      for (let j = i; j < Math.min(n, i + 10_000); j++) {
        const t = YEAR_START + Math.floor((j / n) * YEAR_MS);
        const codes = t < REFORM ? before : today;
        const area = codes[j % codes.length]!;
        b.push({
          id: `x-${String(j).padStart(10, '0')}`,
          indicator: 'citizen_reports_received',
          area,
          agency: null,
          station: null,
          observedAt: t,
          receivedAt: t,
          value: j % 5,
          numerator: null,
          denominator: null,
          source: 'bench',
        });
      }
      await store.append(b);
      if ((i / 10_000) % 100 === 99) log(`  loaded ${(i + 10_000).toLocaleString('en-US')} …`);
    }
    const loadS = (performance.now() - t0) / 1000;
    const analyst = new AnalystService(index, store, new AdminIndicatorState({ calendar: createWorkCalendar() }), null);
    const req = (view: 'today' | 'as-it-was'): SeriesRequest => ({
      indicator: 'citizen_reports_received',
      areas: today,
      period: 'day',
      from: '2025-01-01',
      to: '2025-12-31',
      compare: false,
      view,
    });
    const now = Date.parse('2026-11-22T08:00:00+07:00');
    const time = async (view: 'today' | 'as-it-was') => {
      const ms: number[] = [];
      for (let r = 0; r < 7; r++) {
        const a = performance.now();
        const res = await analyst.series(req(view), now, Infinity);
        ms.push(performance.now() - a);
        if (res.series.length !== 103 || res.series[0]!.points.length !== 365) throw new Error('wrong answer');
      }
      return ms.sort((a, b) => a - b)[3]!;
    };
    const plain = await time('as-it-was');
    const crosswalk = await time('today');
    log(
      `geo crosswalk at ${n.toLocaleString('en-US')} observations (load ${(n / loadS).toFixed(0)}/s): 103 units × 365 days, today's units ${crosswalk.toFixed(0)} ms (ceiling ${CROSSWALK_CEILING_MS} ms), the same without the crosswalk ${plain.toFixed(0)} ms`,
    );
    return { observations: n, p50TodayMs: +crosswalk.toFixed(1), p50AsItWasMs: +plain.toFixed(1), ...againstCeiling(crosswalk, CROSSWALK_CEILING_MS) };
  });
}
