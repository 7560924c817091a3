/**
 * Observation ids are deterministic and time-ordered: `sim-<station or area>-<indicator>-<epochMs>`.
 * A batch is built once and retried as is, so a retry carries the same ids and the ingest,
 * idempotent by id, never counts it twice.
 */
export function observationId(subject: string, indicator: string, epochMs: number): string {
  return `sim-${subject}-${indicator}-${Math.trunc(epochMs)}`;
}

/**
 * Dossier event ids: `sim-dos-<dossierCode>-<status>-<statusAtMs>`. A dossier's plan is fixed when
 * it is created, so the same dossier re-created by a restart's back-fill carries the same ids and
 * the ingest stores it once.
 */
export function dossierEventId(dossierCode: string, status: number, statusAtMs: number): string {
  return `sim-dos-${dossierCode}-${status}-${Math.trunc(statusAtMs)}`;
}
