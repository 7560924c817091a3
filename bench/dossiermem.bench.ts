/**
 * Issue 16 #7: the memory of the dossier state for a merged province. A year of N dossiers
 * (received, in progress, finished, returned: bench/dossier-events.ts) is replayed through the
 * dossier service with the 766 cells beside it, as services.ts wires them, in a fresh
 * `node --expose-gc` process per configuration; after a forced GC it reports the bytes retained
 * per dossier (V8 heap + the packed dossiers' off-heap arena), the RSS after GC and its peak, and
 * the replay rate beside a ceiling measured right after in a process of its own (so that its
 * garbage is not in the state's RSS): the same events generated, parsed (`toDossierFact`) and
 * grouped by dossier without any state. Each run also prints a digest of every indicator it
 * answers (the year's months by unit and agency, the 766 counters), so that packed and unpacked
 * runs of the same year can be compared.
 *
 *   pnpm bench --only=dossiermem [--quick]           the parent: runs the children below
 *   node --expose-gc --import tsx bench/dossiermem.bench.ts --child --dossiers=N --keep=K|all    one state
 *   node --expose-gc --import tsx bench/dossiermem.bench.ts --child --dossiers=N --ceiling       its ceiling
 *   (with NODE_OPTIONS=--conditions=@cityioc/source when run by hand, as `pnpm bench` sets it)
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { StoredDossierEvent } from '../apps/ingest/src/store/store.ts';
import { pushDossierLifecycle } from './dossier-events.ts';

const AREAS = ['31135', '31153', '31174', '31201', '31228', '31186', '31258', '31299', '31120'];
const YEAR = Date.parse('2026-01-01T00:00:00+07:00');
const YEAR_MS = 365 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The year's events in log order, 10,000 at a time (generated on the fly: the bench holds no log). */
export function* batches(n: number): Generator<StoredDossierEvent[]> {
  let batch: StoredDossierEvent[] = [];
  let seq = 0;
  for (let d = 0; d < n; d++) {
    const rec = YEAR + Math.floor((d * YEAR_MS) / n);
    const area = AREAS[d % 9]!;
    const base = {
      dossierCode: `H13.${area}-${new Date(rec).toISOString().slice(2, 10).replaceAll('-', '')}-${String(d).padStart(7, '0')}`,
      procedureCode: `1.00${String(1000 + (d % 300))}`,
      agencyCode: `000.00.${String(d % 40).padStart(2, '0')}.H13`,
      adminUnitCode: area,
      channel: (d % 3 === 0 ? 1 : 2) as 1 | 2,
      receivedAt: iso(rec),
      dueAt: iso(rec + 7 * 86_400_000),
      feeBearing: d % 2 === 0,
      onlinePayment: (d % 5 === 0 ? 1 : 0) as 0 | 1,
    };
    const from = batch.length;
    pushDossierLifecycle(batch, d, rec, base, (status, at) => (status === 9 ? { finishedAt: iso(at), eResult: d % 4 === 0 } : {}));
    for (let i = from; i < batch.length; i++) batch[i]!.seq = ++seq;
    if (batch.length >= 10_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The ceiling, in a process of its own (its garbage reached 2 GB of RSS and polluted the state's figures): the same events generated, parsed, grouped. */
async function ceilingChild(n: number) {
  const { toDossierFact } = await import('@cityioc/domain');
  let events = 0;
  const c0 = performance.now();
  let grouped = new Map<string, number>();
  for (const b of batches(n)) {
    for (const e of b) {
      const f = toDossierFact(e.event);
      grouped.set(f.dossierCode, f.statusAt);
    }
    events += b.length;
    if (grouped.size > 500_000) grouped = new Map();
  }
  const ceilingS = (performance.now() - c0) / 1000;
  console.log(`RESULT ${JSON.stringify({ events, ceilingEventsPerS: Math.round(events / ceilingS), grouped: grouped.size })}`);
}

async function child(n: number, keep: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const { DossierService } = await import('../apps/ingest/src/procedures/dossier.service.ts');
  const { CAN_THO_CATALOGUE, createWorkCalendar, DossierScoreCells, dossierFlagVector, periodKeysOf } = await import('@cityioc/domain');
  const calendar = createWorkCalendar();
  const noLive = { applyDerived() {} } as unknown as ConstructorParameters<typeof DossierService>[1];
  gc();
  const m0 = process.memoryUsage();
  const cells = new DossierScoreCells();
  const svc = new DossierService(calendar, noLive, {
    city: CAN_THO_CATALOGUE.city.code,
    onRecord: (r) => cells.put(r.dossierCode, r, dossierFlagVector(r, false, calendar)),
    parts: [cells],
    keepFinished: keep,
  });
  let events = 0;
  let peakRss = 0;
  const t0 = performance.now();
  for (const b of batches(n)) {
    svc.applyCommitted(b);
    events += b.length;
    // sampled every 100 k events (the peak between samples is not seen: a lower bound of the peak)
    if (events % 100_000 < b.length) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (events % 1_000_000 < b.length) {
      // progress on stderr (a 2 M run takes tens of minutes on a shared machine)
      console.error(`dossiermem: replayed ${events} events, RSS ${Math.round(peakRss / 1048576)} MB`);
    }
  }
  const replayS = (performance.now() - t0) / 1000;
  gc();
  gc();
  const mem = process.memoryUsage();
  peakRss = Math.max(peakRss, mem.rss);
  const arena = svc.memoryStats();
  const now = Date.parse('2026-12-31T12:00:00+07:00');
  const q0 = performance.now();
  const year = svc.indicatorsOf('2026', CAN_THO_CATALOGUE.city.code, 'area', now);
  const queryMs = performance.now() - q0;
  const digest = createHash('sha256');
  for (const p of [
    ...periodKeysOf(YEAR + 200 * 86_400_000, ['year', 'half', 'quarter', 'month']),
    ...Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`),
  ]) {
    digest.update(JSON.stringify([svc.indicatorsOf(p, '92', 'area', now), svc.indicatorsOf(p, '92', 'agency', now), cells.sum(p)]));
  }
  const heap = mem.heapUsed - m0.heapUsed;
  // the arena's chunks and tables are ArrayBuffers outside the V8 heap: counted in the bytes retained
  const offHeap = mem.arrayBuffers - m0.arrayBuffers;
  const out = {
    dossiers: n,
    keepFinished: keep === Infinity ? 'all' : keep,
    events,
    unpacked: svc.unpackedSize,
    eventsPerS: Math.round(events / replayS),
    bytesPerDossier: Math.round((heap + offHeap) / n),
    heapBytesPerDossier: Math.round(heap / n),
    heapRetainedMb: Math.round(heap / 1048576),
    offHeapMb: Math.round(offHeap / 1048576),
    arenaLiveMb: Math.round(arena.liveBytes / 1048576),
    arenaDeadMb: Math.round(arena.deadBytes / 1048576),
    arenaChunksMb: Math.round(arena.chunkBytes / 1048576),
    arenaIndexMb: Math.round(arena.indexBytes / 1048576),
    heapTotalMb: Math.round(mem.heapTotal / 1048576),
    externalMb: Math.round(mem.external / 1048576),
    rssMb: Math.round(mem.rss / 1048576),
    peakRssMb: Math.round(peakRss / 1048576),
    baseRssMb: Math.round(m0.rss / 1048576),
    yearQueryMs: +queryMs.toFixed(1),
    received: year.total.received,
    completedOnTime: year.total.completedOnTime,
    digest: digest.digest('hex').slice(0, 16),
  };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

/** The parent: one child per configuration, so that each RSS is its own. */
export async function benchDossierMemory({ quick, results, fmt }: { quick: boolean; results: Record<string, unknown>; fmt: (x: number) => string }) {
  const { spawnSync } = await import('node:child_process');
  const { loadavg } = await import('node:os');
  const big = quick ? 200_000 : 2_000_000;
  const small = quick ? 50_000 : 250_000;
  const runs: [number, string][] = [
    [small, 'all'],
    [small, '10000'],
    [big, '10000'],
  ];
  const rows: Record<string, unknown>[] = [];
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (r.status !== 0 || !line) throw new Error(`dossiermem child ${args.join(' ')}: exit ${r.status}\n${r.stdout.slice(-2000)}`);
    return JSON.parse(line.slice(7)) as Record<string, unknown>;
  };
  for (const [n, keep] of runs) {
    const state = run([`--dossiers=${n}`, `--keep=${keep}`]);
    const load1 = +loadavg()[0]!.toFixed(2);
    // the ceiling right after, in its own process, for the same events
    const ceiling = run([`--dossiers=${n}`, '--ceiling']);
    const ceilingEventsPerS = ceiling.ceilingEventsPerS as number;
    const row: Record<string, unknown> = { ...state, ceilingEventsPerS, ratio: +((state.eventsPerS as number) / ceilingEventsPerS).toFixed(3), load1 };
    rows.push(row);
    console.log(
      `dossier memory: ${fmt(n)} dossiers, finished kept unpacked: ${keep} → ${fmt(row.bytesPerDossier as number)} B/dossier retained after GC ` +
        `(heap ${fmt(row.heapBytesPerDossier as number)} B, ${fmt(row.heapRetainedMb as number)} MB; off-heap arena ${fmt(row.offHeapMb as number)} MB), ` +
        `RSS ${fmt(row.rssMb as number)} MB (peak ${fmt(row.peakRssMb as number)}); replay ${fmt(row.eventsPerS as number)} ev/s vs ceiling ` +
        `${fmt(row.ceilingEventsPerS as number)} ev/s (generate + parse + group) → ${((row.ratio as number) * 100).toFixed(1)} %; digest ${String(row.digest)}; load ${String(row.load1)}`,
    );
  }
  const same = rows[0]!.digest === rows[1]!.digest;
  console.log(`dossier memory: the same indicators packed and unpacked at ${fmt(small)} dossiers: ${same ? 'yes' : 'NO'}`);
  results.dossierMemory = { runs: rows, sameIndicators: same };
  if (!same) throw new Error('dossiermem: packed and unpacked states answer different indicators');
}

if (process.argv.includes('--child')) {
  const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const keep = arg('keep') === 'all' ? Infinity : Number(arg('keep') ?? 10_000);
  const n = Number(arg('dossiers') ?? 2_000_000);
  if (process.argv.includes('--ceiling')) await ceilingChild(n);
  else await child(n, keep);
}
