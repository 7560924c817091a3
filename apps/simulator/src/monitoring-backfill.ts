import { MAX_BATCH_ITEMS, type ObservationInput } from '@cityioc/contracts';
import { airHistory } from './air.ts';
import type { Rng } from './rng.ts';
import { tideHistory, type TideClock } from './tide.ts';

/** The catalogue's cadence of water levels and air pollutants (300 s): the step of the back-fill. */
export const BACKFILL_STEP_MS = 5 * 60_000;
/** The VN_AQI NowCast needs 12 hourly means: the air is back-filled at least that far. */
export const NOWCAST_HOURS = 12;
/** Readings per air station and instant: six pollutants and the AQI. */
const AIR_READINGS_PER_INSTANT = 7;
/**
 * …and at most this far, so that a station's history goes in one request (lane.ts; the batch endpoint takes
 * MAX_BATCH_ITEMS): 59 hours. The IOC judges a request as a whole, however many of its transactions it takes,
 * but a station's history split over two requests would look silent at the second (its newest reading hours old
 * when received). The demo's 48 hours fit; the water levels go as far as asked.
 */
export const AIR_MAX_HOURS = Math.floor(MAX_BATCH_ITEMS / (AIR_READINGS_PER_INSTANT * (3_600_000 / BACKFILL_STEP_MS)));

/**
 * The monitoring history the demo posts at start, so the analyst's hour and day charts show real
 * curves at once, in two parts around the first live readings (simulator.ts sends them in this order):
 * - `air`, one group per station, each oldest first: the air of the last `hours` (12 to AIR_MAX_HOURS),
 *   so the IOC computes the NowCast hour by hour as it arrives. A station's group goes in one request
 *   (lane.ts, batchLength): its newest reading is then 5 minutes old at most when received, and the
 *   IOC finds no station silent (split over two requests, the station would look silent at the second,
 *   and get a `pm25-silent` alert that the first live reading clears).
 * - `water`: the water levels of the last `hours` at the river's real pace (tideHistory), each older
 *   than its station's first live reading, so the IOC stores them and rolls them up but neither
 *   shows them as the latest value (the wall's freshness is the live reading's) nor judges them by
 *   the alert rules: the past highs over BĐ I raise no alert at start.
 */
export interface MonitoringBackfill {
  air: ObservationInput[][];
  water: ObservationInput[];
}

export function monitoringBackfill(startMs: number, hours: number, clock: TideClock, rng: Rng): MonitoringBackfill {
  const air = new Map<string, ObservationInput[]>();
  for (const o of airHistory(startMs, Math.min(AIR_MAX_HOURS, Math.max(NOWCAST_HOURS, hours)), BACKFILL_STEP_MS, rng)) {
    const group = air.get(o.station!) ?? [];
    group.push(o);
    air.set(o.station!, group);
  }
  return {
    air: [...air.values()],
    water: hours > 0 ? tideHistory(startMs, hours, BACKFILL_STEP_MS, clock) : [],
  };
}
