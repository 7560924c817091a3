/**
 * The saturation search of the mqtt bench (bench/mqtt.ts), apart from any broker or server so that it can be tested:
 * a path is offered an open-loop rate in steps; a step HOLDS when the driver offered ≥ DRIVER_MIN of the rate and the
 * p99 of the readings' latency (a reading never delivered counts as infinite) is ≤ LAG_BOUND_MS. The saturation rate
 * is the highest rate that held.
 */

/** A step holds while the p99 of publish → screen stays within this (the fan-out's bound on a wall's lag). */
export const LAG_BOUND_MS = 1000;
/** A step whose driver offered less than this share of the rate measured the driver, not the path. */
export const DRIVER_MIN = 0.95;

/** One step of the ramp: the offered rate, what was sent and when it arrived. */
export interface Step {
  rate: number;
  sent: number;
  /** The rate the driver managed to offer. */
  offeredPerS: number;
  /** Readings on screen (or at the subscriber) within LAG_BOUND_MS of their publication. */
  inBound: number;
  delivered: number;
  /** -1 when the quantile fell on a reading never delivered. */
  p50Ms: number;
  p99Ms: number;
  held: boolean;
  /** Why a step did not hold: the driver could not offer the rate, or the path's lag passed the bound. */
  why?: 'driver' | 'lag';
}

/** A path's saturation in one repetition: the highest rate that held, and every step. */
export interface Saturation {
  rate: number;
  /** True when even the highest step tried held: the figure is a lower bound. */
  capped: boolean;
  /** What stopped the ramp: the path's lag at the lowest rate that failed, or the driver (the figure is then a lower bound). */
  limit: 'lag' | 'driver' | 'none';
  steps: Step[];
}

/** A quantile that fell on a reading never delivered is reported as -1. */
const finite = (x: number) => (Number.isFinite(x) ? x : -1);

export function stepOf(quantile: (xs: number[], q: number) => number, rate: number, total: number, offeredPerS: number, lat: number[]): Step {
  const p99 = quantile(lat, 0.99);
  const driverOk = offeredPerS >= DRIVER_MIN * rate;
  const held = driverOk && p99 <= LAG_BOUND_MS;
  return {
    rate,
    sent: total,
    offeredPerS,
    inBound: lat.filter((x) => x <= LAG_BOUND_MS).length,
    delivered: lat.filter(Number.isFinite).length,
    p50Ms: finite(quantile(lat, 0.5)),
    p99Ms: finite(p99),
    held,
    ...(held ? {} : { why: driverOk ? ('lag' as const) : ('driver' as const) }),
  };
}

/**
 * Doubles the rate from `start` until a step fails (or `max` held), then bisects `bisect` times between the last rate
 * that held and the first that failed. When `start` fails, halves down to `min`.
 */
export async function saturate(step: (rate: number) => Promise<Step>, start: number, max: number, bisect: number, min = 500): Promise<Saturation> {
  const steps: Step[] = [];
  let ok = 0;
  let fail = Infinity;
  for (let r = start; r <= max; r *= 2) {
    const s = await step(r);
    steps.push(s);
    if (!s.held) {
      fail = r;
      break;
    }
    ok = r;
  }
  for (let r = fail / 2; ok === 0 && r >= min; r /= 2) {
    const s = await step(r);
    steps.push(s);
    if (s.held) ok = r;
    else fail = r;
  }
  for (let b = 0; b < bisect && ok > 0 && Number.isFinite(fail); b++) {
    const mid = Math.round(Math.sqrt(ok * fail) / 100) * 100;
    if (mid <= ok || mid >= fail) break;
    const s = await step(mid);
    steps.push(s);
    if (s.held) ok = mid;
    else fail = mid;
  }
  const failed = steps.filter((s) => !s.held).sort((a, b) => a.rate - b.rate)[0];
  return { rate: ok, capped: !Number.isFinite(fail), limit: failed?.why ?? 'none', steps };
}
