import type { Cell } from '@cityioc/contracts';

/**
 * The live cells the ingest derives from dossier events (current month, per district and city).
 * The wall's KPI tiles read them directly; everything else re-reads the dossier API when one moves.
 */
export const DOSSIER_LIVE_INDICATORS: ReadonlySet<string> = new Set([
  'dossiers_received',
  'dossiers_overdue',
  'dossiers_on_time_rate',
  'dossiers_online_rate',
  'online_payment_rate',
]);

/** Minimum time between two delta-triggered re-reads of the dossier API. */
export const DOSSIER_DELTA_THROTTLE_MS = 5_000;

/** True when a delta changed any dossier-derived cell. */
export function touchesDossiers(cells: readonly Pick<Cell, 'indicator'>[]): boolean {
  return cells.some((c) => DOSSIER_LIVE_INDICATORS.has(c.indicator));
}
