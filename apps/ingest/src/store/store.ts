import type { DossierEvent, HistoryPoint, NewObservation, Observation, Official766Score } from '@cityioc/contracts';
import type { ReportReview, ReportSubmission, StoredReportSubmission } from '@cityioc/contracts';

/** A validated dossier event as stored: the canonical event, when it arrived and from which source. */
export interface NewDossierEvent {
  event: DossierEvent;
  /** epoch ms */
  receivedAt: number;
  source: string;
}
export type StoredDossierEvent = NewDossierEvent & { seq: number };

export interface HistoryRequest {
  indicator: string;
  station: string;
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, inclusive */
  to: number;
  limit: number;
}

/**
 * The durable log of observations. Every implementation passes `store.contract.ts`.
 * Appends are idempotent by observation id: a duplicate id is not stored again.
 */
export interface Store {
  readonly kind: string;
  /** Identifies this log; stable across restarts, new when the store is created afresh. */
  readonly epoch: string;
  /**
   * Appends in order inside one transaction and returns, per item, its log position,
   * or null when an observation with the same id is already stored (or earlier in the batch).
   * Durable when the promise resolves.
   */
  append(batch: readonly NewObservation[]): Promise<(number | null)[]>;
  /** Calls `onBatch` with every observation after `fromSeq`, in log order; resolves to the last seq seen. */
  replay(fromSeq: number, onBatch: (batch: Observation[]) => void, batchSize?: number): Promise<number>;
  /** One station's raw series ordered by observation time (area history comes from rollups). */
  history(req: HistoryRequest): Promise<{ points: HistoryPoint[]; truncated: boolean }>;
  lastSeq(): Promise<number>;
  /** The dossier-event log: idempotent by eventId, like observations. */
  appendDossierEvents(batch: readonly NewDossierEvent[]): Promise<(number | null)[]>;
  replayDossierEvents(fromSeq: number, onBatch: (batch: StoredDossierEvent[]) => void, batchSize?: number): Promise<number>;
  countDossierEvents(): Promise<number>;
  /**
   * Decision 766 scores as the national portal published them: one per (unit, period, origin),
   * a later `fetchedAt` replacing an earlier one. Kept apart from anything we compute.
   */
  putOfficialScores(scores: readonly Official766Score[]): Promise<void>;
  officialScores(filter: { unitCode?: string | undefined; period?: string | undefined }): Promise<Official766Score[]>;
  /**
   * Decree 09 reports, every version kept: each submission of (regime, unit, period) gets the next
   * version (1, 2, …) and the highest is current. The whole batch is one transaction (an imported
   * file is stored whole or not at all). Returns the version given to each.
   */
  putReportSubmissions(batch: readonly ReportSubmission[]): Promise<number[]>;
  /** Every stored version matching the filter, ordered by regime, unit, period, version. */
  reportSubmissions(filter: { regime?: string | undefined; unit?: string | undefined; period?: string | undefined }): Promise<StoredReportSubmission[]>;
  /** Records a review of one version; false when that version does not exist. */
  reviewReportSubmission(
    key: { regime: string; unit: string; period: string; version: number },
    review: { review: ReportReview; at: number; note: string | null },
  ): Promise<boolean>;
  count(): Promise<number>;
  close(): Promise<void>;
}
