/**
 * Event-loop delay while a checkpoint of a large state is written (issue 13 #9, issue 16 #7): the
 * dossier service holds a year of N dossiers (bench/dossier-events.ts, as the dossiermem bench; the
 * finished ones beyond 10,000 packed), and the server's other states are fresh. perf_hooks'
 * monitorEventLoopDelay (1 ms resolution) records the loop's delays
 *   - while `writeCheckpoint` writes it (the figure), and
 *   - over the same length of time with nothing running (the ceiling: the loop's own jitter),
 * in turns, `--rounds` times. With `--before=<dir>`, a second writer is loaded from
 * `<dir>/apps/ingest/src/live/checkpoint.ts` (an older tree's writer, e.g. extracted by `git archive`,
 * with its node_modules linked to this tree's) and measured in the same turns against the same state.
 *
 *   node --import tsx bench/checkpointlag.bench.ts [--dossiers=250000] [--rounds=3] [--before=/tmp/base]
 *
 * The figure reported: the delays' p99 and max during the write, beside the ceiling's, and the write's
 * own time (with a writer that yields, the write takes longer than the loop is held).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CAN_THO_ALERT_RULES, CAN_THO_CATALOGUE, createWorkCalendar, indexCatalogue } from '@cityioc/domain';
import { AlertService } from '../apps/ingest/src/alerts/alert.service.ts';
import { alertRulesHash, catalogueHash, writeCheckpoint, type CheckpointContext } from '../apps/ingest/src/live/checkpoint.ts';
import { LiveService } from '../apps/ingest/src/live/live.service.ts';
import { MonitoringService } from '../apps/ingest/src/monitoring/monitoring.service.ts';
import { DossierService } from '../apps/ingest/src/procedures/dossier.service.ts';
import { openSqliteStore } from '../apps/ingest/src/store/sqlite-store.ts';
import { batches } from './dossiermem.bench.ts';

type Writer = (ctx: CheckpointContext) => unknown;

interface Lag {
  ms: number;
  /** The writer's synchronous part (up to its first await: the cut of the state, for a writer that yields). */
  syncMs?: number;
  p50: number;
  p99: number;
  max: number;
}

const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);

async function measure(run: () => unknown): Promise<Lag> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  // the histogram records from its second interval on: let it start before the run
  await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  const pending = run();
  const syncMs = performance.now() - t0;
  await pending;
  const ms = performance.now() - t0;
  // one more turn, so that a delay the run caused at its very end is recorded
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  const f = (ns: number) => +(ns / 1e6).toFixed(1);
  return { ms: +ms.toFixed(0), syncMs: +syncMs.toFixed(0), p50: f(h.percentile(50)), p99: f(h.percentile(99)), max: f(h.max) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchCheckpointLag({ dossiers, rounds, before }: { dossiers: number; rounds: number; before?: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'cplag-'));
  const store = openSqliteStore({ file: join(dir, 'ioc.db') });
  try {
    const index = indexCatalogue(CAN_THO_CATALOGUE);
    const calendar = createWorkCalendar();
    const live = new LiveService(index, store, 250);
    const svc = new DossierService(calendar, live, { city: index.catalogue.city.code, keepFinished: 10_000 });
    const t0 = performance.now();
    let events = 0;
    for (const b of batches(dossiers)) {
      svc.applyCommitted(b);
      events += b.length;
    }
    console.log(
      `checkpoint lag: ${dossiers.toLocaleString('en-US')} dossiers (${events.toLocaleString('en-US')} events) replayed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const ctx: CheckpointContext = {
      store,
      live,
      dossiers: svc,
      monitoring: new MonitoringService(index),
      alerts: new AlertService(index, store, calendar, CAN_THO_ALERT_RULES, Date.now, () => undefined),
      catalogue: catalogueHash(CAN_THO_CATALOGUE),
      alertRules: alertRulesHash(CAN_THO_ALERT_RULES),
      republished: [],
      file: join(dir, 'checkpoint.json'),
      clock: Date.now,
    };
    const writers: [string, Writer][] = [['now', (c) => writeCheckpoint(c)]];
    if (before) {
      const old = (await import(join(before, 'apps/ingest/src/live/checkpoint.ts'))) as { writeCheckpoint: Writer };
      writers.push(['before', (c) => old.writeCheckpoint(c)]);
    }
    const runs: Record<string, Lag[]> = { ceiling: [] };
    for (const [name] of writers) runs[name] = [];
    for (let r = 0; r < rounds; r++) {
      // in turns: the writers in rotating order, each followed by the ceiling over the same length of time
      for (let i = 0; i < writers.length; i++) {
        const [name, write] = writers[(i + r) % writers.length]!;
        const lag = await measure(() => write(ctx));
        runs[name]!.push(lag);
        runs.ceiling!.push(await measure(() => new Promise((res) => setTimeout(res, lag.ms))));
        console.log(
          `  round ${r + 1} ${name}: write ${lag.ms} ms (synchronous part ${lag.syncMs} ms), loop delay p99 ${lag.p99} ms, max ${lag.max} ms (load ${loadavg()[0]!.toFixed(2)})`,
        );
      }
    }
    const summary = Object.fromEntries(
      Object.entries(runs).map(([k, xs]) => [
        k,
        {
          writeMs: median(xs.map((x) => x.ms)),
          syncMs: median(xs.map((x) => x.syncMs ?? 0)),
          p99: median(xs.map((x) => x.p99)),
          max: median(xs.map((x) => x.max)),
          runs: xs,
        },
      ]),
    );
    const c = summary.ceiling!;
    for (const [name] of writers) {
      const s = summary[name]!;
      console.log(
        `checkpoint lag (${name}): write ${s.writeMs} ms (synchronous part ${s.syncMs} ms); loop delay during it p99 ${s.p99} ms, max ${s.max} ms; ` +
          `ceiling (no checkpoint, same run) p99 ${c.p99} ms, max ${c.max} ms → max/ceiling max ${(s.max / c.max).toFixed(1)}× (medians of ${rounds})`,
      );
    }
    return { dossiers, events, load1: +loadavg()[0]!.toFixed(2), ...summary };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('checkpointlag.bench.ts')) {
  const out = await benchCheckpointLag({ dossiers: Number(arg('dossiers') ?? 250_000), rounds: Number(arg('rounds') ?? 3), before: arg('before') });
  console.log(`RESULT ${JSON.stringify(out)}`);
}
