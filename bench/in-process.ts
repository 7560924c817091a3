/**
 * The benchmarks of pnpm bench that run in this process, without a server: the dossier replay and
 * the monitoring path. Each figure beside a ceiling measured in the same run (bench/run.ts).
 */
import type { StoredDossierEvent } from '../apps/ingest/src/store/store.ts';
import { pushDossierLifecycle } from './dossier-events.ts';
import type { BenchDeps } from './bench-server.ts';
import { inTurnsSync, showSpread, spread } from './spread.ts';

export type InProcessDeps = Pick<BenchDeps, 'quick' | 'results' | 'fmt' | 'pct'>;

/** 5. dossiers: replay of 1M dossier events through the dossier service (the restart path of the indicators). */
export async function benchDossierReplay({ quick, results, fmt }: InProcessDeps) {
  const total = quick ? 200_000 : 1_000_000;
  const { DossierService } = await import('../apps/ingest/src/procedures/dossier.service.ts');
  const { CAN_THO_CATALOGUE, createWorkCalendar, toDossierFact } = await import('@cityioc/domain');
  const areas = ['31135', '31153', '31174', '31201', '31228', '31186', '31258', '31299', '31120'];
  const events: StoredDossierEvent[] = [];
  const start = Date.parse('2026-01-05T08:00:00+07:00');
  for (let d = 0; events.length < total; d++) {
    const rec = start + d * 1_200_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const base = {
      dossierCode: `B-${d}`,
      procedureCode: '1.000494',
      agencyCode: `000.00.${String(d % 40).padStart(2, '0')}.H13`,
      adminUnitCode: areas[d % 9]!,
      channel: (d % 3 === 0 ? 1 : 2) as 1 | 2,
      receivedAt: iso(rec),
      dueAt: iso(rec + 7 * 86_400_000),
      feeBearing: d % 2 === 0,
      onlinePayment: (d % 5 === 0 ? 1 : 0) as 0 | 1,
    };
    pushDossierLifecycle(events, d, rec, base, (status, at) => (status === 9 ? { finishedAt: iso(at) } : {}));
  }
  const noLive = { applyDerived() {} } as unknown as ConstructorParameters<typeof DossierService>[1];
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const svc = new DossierService(createWorkCalendar(), noLive, { city: CAN_THO_CATALOGUE.city.code });
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 10_000) svc.applyCommitted(events.slice(i, i + 10_000));
  const s = (performance.now() - t0) / 1000;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
  const q0 = performance.now();
  const year = svc.indicatorsOf('2026', '92', 'area', Date.parse('2026-11-22T08:00:00+07:00'));
  const queryMs = performance.now() - q0;
  // ceiling (issue 16 #8): the same events parsed and grouped by dossier, without any state — what every replay does first
  const c0 = performance.now();
  const grouped = new Map<string, number>();
  for (const e of events) {
    const f = toDossierFact(e.event);
    grouped.set(f.dossierCode, f.statusAt);
  }
  const ceiling = events.length / ((performance.now() - c0) / 1000);
  results.dossierReplay = {
    events: events.length,
    dossiers: svc.size,
    eventsPerS: Math.round(events.length / s),
    ceilingEventsPerS: Math.round(ceiling),
    ratio: +(events.length / s / ceiling).toFixed(3),
    heapMb: Math.round(heapMb),
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
    yearQueryMs: +queryMs.toFixed(1),
    received: year.total.received,
  };
  console.log(
    `dossier replay: ${fmt(events.length)} events (${fmt(svc.size)} dossiers) at ${fmt(events.length / s)} ev/s vs ceiling ${fmt(ceiling)} ev/s ` +
      `(parse + group by dossier) → ${((events.length / s / ceiling) * 100).toFixed(1)} %; state ≈ ${Math.round(heapMb)} MB heap; year indicators in ${queryMs.toFixed(1)} ms`,
  );
}

/**
 * Monitoring path per committed reading: live state alone (the ceiling) vs live state plus the
 * derived values (flood rank, VN_AQI NowCast/daily) and the alert rules, in process.
 */
export async function benchMonitoring({ quick, results, fmt, repeat }: InProcessDeps & Pick<BenchDeps, 'repeat'>) {
  const total = quick ? 200_000 : 1_000_000;
  const { MonitoringService } = await import('../apps/ingest/src/monitoring/monitoring.service.ts');
  const { AlertEngine, CAN_THO_ALERT_RULES, CAN_THO_CATALOGUE, LiveState, indexCatalogue } = await import('@cityioc/domain');
  const index = indexCatalogue(CAN_THO_CATALOGUE);
  const wl = ['wl-can-tho', 'wl-cai-rang', 'wl-o-mon', 'wl-thot-not'];
  const aq = ['aq-ninh-kieu', 'aq-tra-noc', 'aq-cai-rang'];
  const pollutants = ['pm25', 'pm10', 'o3', 'no2', 'co', 'so2'];
  const t0 = Date.parse('2026-11-01T00:00:00+07:00');
  const events = Array.from({ length: total }, (_, i) => {
    const water = i % 2 === 0;
    const station = water ? wl[(i >> 1) % 4]! : aq[(i >> 1) % 3]!;
    const indicator = water ? 'water_level' : pollutants[(i >> 1) % 6]!;
    const value = water ? 150 + 40 * Math.sin(i / 5000) : 30 + 20 * Math.sin(i / 7000);
    return {
      seq: i + 1,
      id: `m${i}`,
      indicator,
      area: index.station(station)!.area,
      agency: null,
      station,
      observedAt: t0 + i * 1000,
      receivedAt: t0 + i * 1000,
      value,
      numerator: null,
      denominator: null,
      source: 'bench',
    };
  });
  const run = (full: boolean) => {
    const live = new LiveState(index);
    const mon = new MonitoringService(index);
    const engine = new AlertEngine(index, CAN_THO_ALERT_RULES);
    let v = 0;
    let signals = 0;
    const start = performance.now();
    for (let i = 0; i < events.length; i += 1000) {
      const batch = events.slice(i, i + 1000);
      for (const e of batch) live.apply(e, ++v);
      if (!full) continue;
      const derived = mon.derive(batch);
      for (const d of derived) live.apply(d, ++v);
      for (const e of batch) signals += engine.observe(e).length;
      for (const d of derived) signals += engine.observe(d).length;
    }
    return { perS: events.length / ((performance.now() - start) / 1000), signals };
  };
  run(true); // warm-up of both
  run(false);
  // in turns, the order alternating, `repeat` times
  const runs = inTurnsSync(
    repeat,
    () => run(true),
    () => run(false),
  ).map(({ figure: full, ceiling }) => ({
    liveOnlyPerS: Math.round(ceiling.perS),
    withDerivedAndAlertsPerS: Math.round(full.perS),
    ratio: +(full.perS / ceiling.perS).toFixed(3),
    alertSignals: full.signals,
  }));
  const ratio = spread(runs.map((r) => r.ratio));
  const med = (f: (r: (typeof runs)[number]) => number) => spread(runs.map(f), 0).median;
  results.monitoring = {
    readings: total,
    liveOnlyPerS: med((r) => r.liveOnlyPerS),
    withDerivedAndAlertsPerS: med((r) => r.withDerivedAndAlertsPerS),
    ratio,
    alertSignals: runs[0]!.alertSignals,
    runs,
  };
  console.log(
    `monitoring: median ${fmt(med((r) => r.withDerivedAndAlertsPerS))} readings/s with derived values and alert rules vs ${fmt(med((r) => r.liveOnlyPerS))} readings/s ` +
      `live state alone → ${showSpread(ratio)}; ${runs[0]!.alertSignals} alert signals`,
  );
}
