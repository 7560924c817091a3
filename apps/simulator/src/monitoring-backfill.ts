import type { ObservationInput } from '@cityioc/contracts';
import { airHistory } from './air.ts';
import type { Rng } from './rng.ts';
import { tideHistory, type TideClock } from './tide.ts';

/** The catalogue's cadence of water levels and air pollutants (300 s): the step of the back-fill. */
export const BACKFILL_STEP_MS = 5 * 60_000;
/** The VN_AQI NowCast needs 12 hourly means: the air is back-filled at least that far. */
export const NOWCAST_HOURS = 12;

/**
 * The monitoring history the demo posts at start, so the analyst's hour and day charts show real
 * curves at once, in two parts around the first live readings (simulator.ts sends them in this order):
 * - `before`, oldest first: the air of the last `hours` (at least 12), so the IOC computes the
 *   NowCast hour by hour as it arrives. Every reading is old when received, and it comes in several
 *   requests: each air station is silent (one `pm25-silent` alert each) until its first live reading clears it.
 * - `after`: the water levels of the last `hours` at the river's real pace (tideHistory), each older
 *   than its station's first live reading, so the IOC stores them and rolls them up but neither
 *   shows them as the latest value (the wall's freshness is the live reading's) nor judges them by
 *   the alert rules: the past highs over BĐ I raise no alert at start.
 */
export interface MonitoringBackfill {
  before: ObservationInput[];
  after: ObservationInput[];
}

export function monitoringBackfill(startMs: number, hours: number, clock: TideClock, rng: Rng): MonitoringBackfill {
  return {
    before: airHistory(startMs, Math.max(NOWCAST_HOURS, hours), BACKFILL_STEP_MS, rng),
    after: hours > 0 ? tideHistory(startMs, hours, BACKFILL_STEP_MS, clock) : [],
  };
}
