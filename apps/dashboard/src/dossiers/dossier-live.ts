import type { Cell } from '@cityioc/contracts';
import { DOSSIER_LIVE_INDICATOR_IDS } from '@cityioc/domain';

/**
 * The live cells the ingest derives from dossier events (current month, per district and city),
 * as the domain lists them. The wall's KPI tiles read them directly; everything else re-reads the
 * dossier API when one moves.
 */
const DOSSIER_LIVE: ReadonlySet<string> = new Set(DOSSIER_LIVE_INDICATOR_IDS);

/** Minimum time between two delta-triggered re-reads of the dossier API. */
export const DOSSIER_DELTA_THROTTLE_MS = 5_000;

/** True when a delta changed any dossier-derived cell. */
export function touchesDossiers(cells: readonly Pick<Cell, 'indicator'>[]): boolean {
  return cells.some((c) => DOSSIER_LIVE.has(c.indicator));
}
