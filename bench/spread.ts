/**
 * Repetition and spread for pnpm bench (issue 16 item 8): these machines are noisy, so every figure that has a
 * same-run ceiling is measured `--repeat=N` times (default 3), figure and ceiling interleaved, and reported as
 * min / median / max of the ratio. The machine's load (os.loadavg) heads each bench's output.
 */
import { cpus, loadavg } from 'node:os';

/** min / median / max of a figure over its repetitions, and every value in run order. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  values: number[];
}

/** The spread of `xs` (at least one value), rounded to `digits` decimals. */
export function spread(xs: readonly number[], digits = 3): Spread {
  if (xs.length === 0) throw new Error('spread of no values');
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(digits);
  // the median of an even count is the mean of the middle two
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { min: r(s[0]!), median: r(mid), max: r(s[s.length - 1]!), values: xs.map(r) };
}

/** A ratio's spread as "median 52.0 % (min 48.1, max 55.3 over 3 runs)" (`pct`) or "median 1.52× (min …)" (`x`). */
export function showSpread(s: Spread, as: 'pct' | 'x' = 'pct'): string {
  const f = (x: number) => (as === 'pct' ? (x * 100).toFixed(1) : x.toFixed(2));
  const unit = as === 'pct' ? ' %' : '×';
  return `median ${f(s.median)}${unit} (min ${f(s.min)}, max ${f(s.max)} over ${s.values.length} runs)`;
}

/** One round of a figure measured in turns with its same-run ceiling. */
export interface Turn<F, C> {
  figure: F;
  ceiling: C;
}

/** Which side runs first in round `round` (from 0): the ceiling in even rounds, the figure in odd ones. */
export function turnOrder(round: number): readonly ['ceiling', 'figure'] | readonly ['figure', 'ceiling'] {
  return round % 2 === 0 ? (['ceiling', 'figure'] as const) : (['figure', 'ceiling'] as const);
}

/**
 * Measures a figure and its same-run ceiling `repeat` times, in turns, the order alternating
 * (turnOrder), so that neither side always runs on the cooler (or the warmer) machine; each side is
 * told its round. Returns the rounds in order, for `spread` of whatever ratio the bench reports.
 */
export async function inTurns<F, C>(
  repeat: number,
  figure: (round: number) => F | Promise<F>,
  ceiling: (round: number) => C | Promise<C>,
): Promise<Turn<F, C>[]> {
  const rounds: Turn<F, C>[] = [];
  for (let r = 0; r < repeat; r++) {
    const got: Partial<Turn<F, C>> = {};
    for (const side of turnOrder(r)) {
      if (side === 'figure') got.figure = await figure(r);
      else got.ceiling = await ceiling(r);
    }
    rounds.push(got as Turn<F, C>);
  }
  return rounds;
}

/** inTurns for sides that measure synchronously (in-process benches: no event-loop turn between the two). */
export function inTurnsSync<F, C>(repeat: number, figure: (round: number) => F, ceiling: (round: number) => C): Turn<F, C>[] {
  const rounds: Turn<F, C>[] = [];
  for (let r = 0; r < repeat; r++) {
    const got: Partial<Turn<F, C>> = {};
    for (const side of turnOrder(r)) {
      if (side === 'figure') got.figure = figure(r);
      else got.ceiling = ceiling(r);
    }
    rounds.push(got as Turn<F, C>);
  }
  return rounds;
}

/** --repeat=N (N ≥ 1), default 3. */
export function repeatOf(argv: readonly string[]): number {
  const arg = argv.find((a) => a.startsWith('--repeat='));
  if (!arg) return 3;
  const n = Number(arg.slice(9));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--repeat must be a whole number ≥ 1, got '${arg.slice(9)}'`);
  return n;
}

/** The machine's load average (1, 5, 15 min) and core count, as printed in each bench's header and kept in the results. */
export function machineLoad(): { loadAvg: number[]; cpus: number } {
  return { loadAvg: loadavg().map((x) => +x.toFixed(2)), cpus: cpus().length };
}

/** "── mqtt ── load 1.23 / 0.98 / 0.75 (1 / 5 / 15 min) on 2 cores" */
export function header(name: string): string {
  const { loadAvg, cpus: n } = machineLoad();
  return `── ${name} ── load ${loadAvg.map((x) => x.toFixed(2)).join(' / ')} (1 / 5 / 15 min) on ${n} cores`;
}
