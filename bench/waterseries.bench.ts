/**
 * The water-level series bench (issue 13): `pnpm bench --only=waterseries [--quick]` (bench/run.ts), or alone:
 *   npx tsx --conditions=@cityioc/source bench/waterseries.bench.ts [--quick] [--repeat=N]
 * The wall's water-level panel: 10 stations × 4,000 points (full buffers, the 6-hour window sliding), then 1,000 live
 * readings, one per delta, round the stations; per delta, the station's buffer takes the reading and the chart's option
 * is built for all 10 lines (what useWaterLevelSeries + WaterLevelPanel do; ECharts' own setOption is not counted).
 *   before: mergePoints (the pure buffer: a new array per reading) and the option's data copied point by point with the
 *     y range read through flatMap + spread + Math.min(...) (the chart before issue 13's change, reproduced here), then
 *     buildWaterLevelOption for the rest of the option;
 *   after:  SeriesBuffer.add (in place) and buildWaterLevelOption (the buffers' arrays as the data, one scan for y);
 *   ceiling: one copy of one station's array (slice) per delta, the least an immutable buffer could cost.
 * Time (ms per delta) and bytes allocated per delta (V8's GC profiler: heap before each GC − heap after the previous one,
 * plus the growth since the last), each as a ratio to the ceiling's, `repeat` rounds in turns.
 */
import { pathToFileURL } from 'node:url';
import { GCProfiler } from 'node:v8';
import { CAN_THO_FLOOD_BANDS } from '@cityioc/domain';
import { mergePoints, SeriesBuffer, stepFor, type SeriesPoint } from '../apps/dashboard/src/panels/water-level/water-level.buffer.ts';
import { buildWaterLevelOption, type WaterChartInput } from '../apps/dashboard/src/panels/water-level/water-level.chart.ts';
import { repeatOf, showSpread, spread, turnOrder, type Spread } from './spread.ts';

const WINDOW_MS = 6 * 3600_000;
const STEP = stepFor(WINDOW_MS);
const STATIONS = 10;
const POINTS = 4000;
const T0 = Date.parse('2026-12-06T00:00:00+07:00');

export interface WaterSeriesRound {
  beforeMsPerDelta: number;
  afterMsPerDelta: number;
  ceilingMsPerDelta: number;
  beforeBytesPerDelta: number;
  afterBytesPerDelta: number;
  ceilingBytesPerDelta: number;
}

export interface WaterSeriesFigures {
  stations: number;
  pointsPerStation: number;
  deltas: number;
  rounds: WaterSeriesRound[];
  /** time per delta ÷ the ceiling's */
  beforeTime: Spread;
  afterTime: Spread;
  /** bytes allocated per delta ÷ the ceiling's */
  beforeBytes: Spread;
  afterBytes: Spread;
}

const ids = Array.from({ length: STATIONS }, (_, i) => `wl-${i}`);
/** Reading k of the live run: station k mod 10, one step after that station's previous one. */
const reading = (k: number, s: number): SeriesPoint => [T0 + WINDOW_MS + (Math.floor(k / STATIONS) + 1) * STEP + s, 150 + ((k * 7) % 60)];
const seed = (s: number): SeriesPoint[] => Array.from({ length: POINTS }, (_, i) => [T0 + WINDOW_MS - (POINTS - 1 - i) * STEP + s, 150 + ((i * 13) % 50)]);

function chartInput(points: (i: number) => readonly SeriesPoint[], now: number): WaterChartInput {
  return {
    series: ids.map((id, i) => ({ stationId: id, name: `Trạm ${i}`, points: points(i) })),
    reference: { stationId: ids[0]!, bands: CAN_THO_FLOOD_BANDS },
    from: now - WINDOW_MS,
    to: now,
    unit: 'cm',
    lang: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    scale: 1,
    now,
  };
}

/** The chart's copies before issue 13: each line's data copied point by point, the y range through flatMap and spreads. */
function legacyCopies(input: WaterChartInput): unknown {
  const values = [...input.series.flatMap((x) => x.points.map((p) => p[1])), ...CAN_THO_FLOOD_BANDS.map((b) => b.from ?? NaN)];
  const finite = values.filter(Number.isFinite);
  // Math.min(...) over the 40,000 values, as the old yRange did (it overflows the stack past ~120 k)
  const range = [Math.min(...finite), Math.max(...finite)];
  return [input.series.map((x) => x.points.map((p) => [p[0], p[1]])), range];
}

/** What each path built, kept so that no work is optimised away (checked once the rounds are done). */
let sink: unknown;

/** ms and bytes allocated per delta of `run(k)` over `deltas` deltas. */
function measure(deltas: number, run: (k: number) => void): { ms: number; bytes: number } {
  const profiler = new GCProfiler();
  const start = process.memoryUsage().heapUsed;
  profiler.start();
  const t = performance.now();
  for (let k = 0; k < deltas; k++) run(k);
  const ms = performance.now() - t;
  const end = process.memoryUsage().heapUsed;
  const gcs = profiler.stop()?.statistics ?? [];
  let bytes = 0;
  let after = start;
  for (const g of gcs) {
    bytes += g.beforeGC.heapStatistics.usedHeapSize - after;
    after = g.afterGC.heapStatistics.usedHeapSize;
  }
  bytes += end - after;
  return { ms: ms / deltas, bytes: bytes / deltas };
}

function before(deltas: number): { ms: number; bytes: number } {
  const buffers = ids.map((_, s): readonly SeriesPoint[] => seed(s));
  return measure(deltas, (k) => {
    const s = k % STATIONS;
    const p = reading(k, s);
    buffers[s] = mergePoints(buffers[s]!, [p], p[0] - WINDOW_MS, STEP);
    const input = chartInput((i) => buffers[i]!, p[0]);
    sink = legacyCopies(input);
    sink = buildWaterLevelOption(input);
  });
}

function after(deltas: number): { ms: number; bytes: number } {
  const buffers = ids.map((_, s) => {
    const b = new SeriesBuffer(STEP);
    b.merge(seed(s), -Infinity);
    return b;
  });
  return measure(deltas, (k) => {
    const s = k % STATIONS;
    const p = reading(k, s);
    buffers[s]!.add(p[0], p[1], p[0] - WINDOW_MS);
    sink = buildWaterLevelOption(chartInput((i) => buffers[i]!.points, p[0]));
  });
}

function ceiling(deltas: number): { ms: number; bytes: number } {
  const arrays = ids.map((_, s) => seed(s));
  return measure(deltas, (k) => {
    sink = arrays[k % STATIONS]!.slice();
  });
}

export function benchWaterSeries(deps: { quick: boolean; results: Record<string, unknown>; repeat: number; log?: (s: string) => void }): WaterSeriesFigures {
  const log = deps.log ?? console.log;
  const deltas = deps.quick ? 300 : 1000;
  // warm-up: the JIT settles on each path before anything is counted
  before(200);
  after(200);
  ceiling(200);
  const rounds: WaterSeriesRound[] = [];
  for (let r = 0; r < deps.repeat; r++) {
    const got: Partial<Record<'figure' | 'ceiling', { b: ReturnType<typeof before>; a: ReturnType<typeof after> } | ReturnType<typeof ceiling>>> = {};
    for (const side of turnOrder(r)) got[side] = side === 'figure' ? { b: before(deltas), a: after(deltas) } : ceiling(deltas);
    const f = got.figure as { b: { ms: number; bytes: number }; a: { ms: number; bytes: number } };
    const c = got.ceiling as { ms: number; bytes: number };
    rounds.push({
      beforeMsPerDelta: +f.b.ms.toFixed(4),
      afterMsPerDelta: +f.a.ms.toFixed(4),
      ceilingMsPerDelta: +c.ms.toFixed(4),
      beforeBytesPerDelta: Math.round(f.b.bytes),
      afterBytesPerDelta: Math.round(f.a.bytes),
      ceilingBytesPerDelta: Math.round(c.bytes),
    });
  }
  if (sink === undefined) throw new Error('waterseries: nothing was built');
  const figures: WaterSeriesFigures = {
    stations: STATIONS,
    pointsPerStation: POINTS,
    deltas,
    rounds,
    beforeTime: spread(rounds.map((x) => x.beforeMsPerDelta / x.ceilingMsPerDelta)),
    afterTime: spread(rounds.map((x) => x.afterMsPerDelta / x.ceilingMsPerDelta)),
    beforeBytes: spread(rounds.map((x) => x.beforeBytesPerDelta / x.ceilingBytesPerDelta)),
    afterBytes: spread(rounds.map((x) => x.afterBytesPerDelta / x.ceilingBytesPerDelta)),
  };
  const last = rounds[rounds.length - 1]!;
  log(
    `waterseries: ${STATIONS} stations × ${POINTS} points, ${deltas} live readings, per delta (buffer + option), against one copy of one ` +
      `station's array (${last.ceilingMsPerDelta} ms, ${last.ceilingBytesPerDelta} B, last round):\n` +
      `  time   before ${showSpread(figures.beforeTime, 'x')}, after ${showSpread(figures.afterTime, 'x')}\n` +
      `  bytes  before ${showSpread(figures.beforeBytes, 'x')}, after ${showSpread(figures.afterBytes, 'x')}\n` +
      `  last round: before ${last.beforeMsPerDelta} ms ${last.beforeBytesPerDelta} B, after ${last.afterMsPerDelta} ms ${last.afterBytesPerDelta} B`,
  );
  deps.results.waterseries = figures;
  return figures;
}

// run alone: npx tsx --conditions=@cityioc/source bench/waterseries.bench.ts [--quick] [--repeat=N]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchWaterSeries({ quick: process.argv.includes('--quick'), results: {}, repeat: repeatOf(process.argv) });
}
