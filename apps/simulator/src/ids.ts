/**
 * Observation ids are deterministic and time-ordered: `sim-<station or area>-<indicator>-<epochMs>`.
 * A batch is built once and retried as is, so a retry carries the same ids and the ingest,
 * idempotent by id, never counts it twice.
 */
export function observationId(subject: string, indicator: string, epochMs: number): string {
  return `sim-${subject}-${indicator}-${Math.trunc(epochMs)}`;
}
