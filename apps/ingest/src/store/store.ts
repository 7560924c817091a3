import type { RollupGrain, RollupRow } from '@cityioc/domain';
import type { Alert, AlertEvent, AlertStatus, DossierEvent, HistoryPoint, NewObservation, Observation, Official766Score } from '@cityioc/contracts';
import type { ReportReview, ReportSubmission, StoredReportSubmission } from '@cityioc/contracts';
import type { ReferenceStore } from './reference-store.ts';

/** A validated dossier event as stored: the canonical event, when it arrived and from which source. */
export interface NewDossierEvent {
  event: DossierEvent;
  /** epoch ms */
  receivedAt: number;
  source: string;
}
export type StoredDossierEvent = NewDossierEvent & { seq: number };

/** An audit event before the store numbers it. */
export type NewAlertEvent = Omit<AlertEvent, 'seq'>;

export interface AlertFilter {
  status?: readonly AlertStatus[] | undefined;
  /** Alerts whose area is one of these codes (the caller expands a scope to its areas). */
  areas?: readonly string[] | undefined;
  /** updatedAt ≥ since (epoch ms) */
  since?: number | undefined;
  limit: number;
}

export interface HistoryRequest {
  indicator: string;
  station: string;
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, inclusive */
  to: number;
  limit: number;
}

/** Rollup rows of one indicator and area, buckets in [from, to). */
export interface RollupRequest {
  grain: RollupGrain;
  indicator: string;
  area: string;
  /** epoch ms, inclusive */
  from: number;
  /** epoch ms, exclusive */
  to: number;
}

/**
 * The durable log of observations. Every implementation passes `store.contract.ts`.
 * Appends are idempotent by observation id: a duplicate id is not stored again.
 */
export interface Store {
  readonly kind: string;
  /** Identifies this log; stable across restarts, new when the store is created afresh. */
  readonly epoch: string;
  /** Versioned reference documents (procedure catalogue, working-day schedules): reference-store.ts. */
  readonly reference: ReferenceStore;
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
  /**
   * History rollups (hour, day, month buckets per indicator and area at every level of the tree),
   * maintained inside the transaction of `append`: only newly stored observations count, once.
   */
  rollups(req: RollupRequest): Promise<RollupRow[]>;
  /** Recomputes every rollup from the log in one transaction; resolves to the observations read. */
  rebuildRollups(): Promise<number>;
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
   * Alerts and their audit log. insertAlert stores a new alert with its first event and returns
   * false (storing nothing) when the id exists. updateAlert replaces the alert only if the stored
   * revision is `expectedRevision` (optimistic concurrency) and appends the event in the same
   * transaction; it returns the stored event, or null when the revision moved on.
   */
  insertAlert(alert: Alert, event: NewAlertEvent): Promise<boolean>;
  updateAlert(alert: Alert, expectedRevision: number, event: NewAlertEvent): Promise<AlertEvent | null>;
  getAlert(id: string): Promise<Alert | null>;
  /** Newest first (updatedAt, then id). */
  listAlerts(filter: AlertFilter): Promise<Alert[]>;
  /** One alert's audit trail in order. */
  alertEvents(alertId: string): Promise<AlertEvent[]>;
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
  /**
   * Retention: deletes raw observations observed before `observedAt` (epoch ms), in batches so
   * that ingest is never blocked long; the newest stored row is always kept so that log positions
   * are never reused. Resolves to the number deleted.
   */
  deleteObservationsBefore(observedAt: number, batchSize?: number): Promise<number>;
  /** How many entries of a log have a position in (afterSeq, toSeq]: checkpoints check their coverage with it. */
  countRange(log: 'observations' | 'dossier_events', afterSeq: number, toSeq: number): Promise<number>;
  close(): Promise<void>;
}
