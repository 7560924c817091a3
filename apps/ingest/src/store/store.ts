import type { RollupGrain, RollupRow } from '@cityioc/domain';
import type { Alert, AlertEvent, AlertStatus, DossierEvent, HistoryPoint, NewObservation, Observation, Official766Score } from '@cityioc/contracts';
import type { ReportReview, ReportSubmission, StoredReportSubmission } from '@cityioc/contracts';
import type { DirectiveLog, FeedbackLog } from './feedback-store.ts';
import type { ReferenceStore } from './reference-store.ts';
import type { AccessStore } from './access-store.ts';
import type { AuditStore } from './audit-store.ts';

export type { DirectiveLog, FeedbackLog, NewPaknEvent, NewRating, StoredPaknEvent, StoredRating } from './feedback-store.ts';

/**
 * The durable store, one part per log. Each engine (sqlite/, postgres/) implements every part in
 * its own file and composes them into one `Store` (sqlite-store.ts, postgres-store.ts); each part
 * has its own conformance suite under conformance/, and store/rows.ts is the one row mapping.
 * A service may depend on just the parts it uses (for example `AlertLog`).
 */
export type Store = StoreInfo &
  ObservationLog &
  RollupLog &
  DossierLog &
  ReportLog &
  AlertLog &
  ReferenceLog &
  AccessLog &
  AuditLog &
  FeedbackLog &
  DirectiveLog;

/** What every store shares: its identity, the coverage check of checkpoints, and closing. */
export interface StoreInfo {
  readonly kind: string;
  /** Identifies this log; stable across restarts, new when the store is created afresh. */
  readonly epoch: string;
  /**
   * True when each append to a log (`append`, `appendDossierEvents`, `appendPaknEvents`, `appendRatings`)
   * has committed, in call order, by the time the call returns, and its promise awaits only the
   * durability flush (SQLite: a synchronous driver, then the WAL flush). The log writers then commit
   * the next transaction while the previous one is flushed (pipeline/group-commit.ts `commitsOnCall`).
   * False when a transaction commits after the call returns, possibly out of call order (a connection pool).
   */
  readonly appendCommitsOnCall: boolean;
  /** How many entries of a log have a position in (afterSeq, toSeq]: checkpoints check their coverage with it. */
  countRange(log: 'observations' | 'dossier_events', afterSeq: number, toSeq: number): Promise<number>;
  /** Bytes the store takes on disk (the metrics' store size): SQLite's file and WAL, PostgreSQL's database. */
  sizeBytes(): Promise<number>;
  /** Idempotent. */
  close(): Promise<void>;
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

/**
 * The log of observations. Appends are idempotent by observation id: a duplicate id is not stored
 * again. Conformance: conformance/observations.contract.ts [ST1…8, ST11…13].
 */
export interface ObservationLog {
  /**
   * Appends in order inside one transaction, together with the rollups of the newly stored rows
   * (see `RollupLog`), and returns, per item, its log position, or null when an observation with
   * the same id is already stored (or earlier in the batch). Durable when the promise resolves.
   */
  append(batch: readonly NewObservation[]): Promise<(number | null)[]>;
  /** Calls `onBatch` with every observation after `fromSeq`, in log order; resolves to the last seq seen. */
  replay(fromSeq: number, onBatch: (batch: Observation[]) => void, batchSize?: number): Promise<number>;
  /** One station's raw series ordered by observation time (area history comes from rollups). */
  history(req: HistoryRequest): Promise<{ points: HistoryPoint[]; truncated: boolean }>;
  lastSeq(): Promise<number>;
  count(): Promise<number>;
  /**
   * Retention: deletes raw observations observed before `observedAt` (epoch ms), in batches so
   * that ingest is never blocked long; the newest stored row is always kept so that log positions
   * are never reused. Resolves to the number deleted.
   */
  deleteObservationsBefore(observedAt: number, batchSize?: number): Promise<number>;
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
 * History rollups (hour, day, month buckets per indicator and area at every level of the tree),
 * maintained inside the transaction of `append`: only newly stored observations count, once.
 * Conformance: conformance/rollups.contract.ts [ST-H…].
 */
export interface RollupLog {
  rollups(req: RollupRequest): Promise<RollupRow[]>;
  /** Recomputes every rollup from the log in one transaction; resolves to the observations read. */
  rebuildRollups(): Promise<number>;
}

/** What each log of JSON bodies (rows.ts `JsonLogSpec`) keeps beside its item: when it arrived and from which source. */
export interface Receipt {
  /** epoch ms */
  receivedAt: number;
  source: string;
}

/** A validated dossier event as stored: the canonical event and its receipt. */
export type NewDossierEvent = Receipt & { event: DossierEvent };
export type StoredDossierEvent = NewDossierEvent & { seq: number };

/**
 * The dossier-event log, idempotent by eventId like observations, and the official Decision 766
 * scores. Conformance: conformance/dossiers.contract.ts [ST9, ST10].
 */
export interface DossierLog {
  appendDossierEvents(batch: readonly NewDossierEvent[]): Promise<(number | null)[]>;
  replayDossierEvents(fromSeq: number, onBatch: (batch: StoredDossierEvent[]) => void, batchSize?: number): Promise<number>;
  countDossierEvents(): Promise<number>;
  /**
   * Decision 766 scores as the national portal published them: one per (unit, period, origin),
   * a later `fetchedAt` replacing an earlier one. Kept apart from anything we compute.
   */
  putOfficialScores(scores: readonly Official766Score[]): Promise<void>;
  officialScores(filter: { unitCode?: string | undefined; period?: string | undefined }): Promise<Official766Score[]>;
}

/**
 * Decree 09 reports, every version kept: each submission of (regime, unit, period) gets the next
 * version (1, 2, …) and the highest is current. Conformance: conformance/reports.contract.ts [ST-R…].
 */
export interface ReportLog {
  /** The whole batch is one transaction (an imported file is stored whole or not at all). Returns the version given to each. */
  putReportSubmissions(batch: readonly ReportSubmission[]): Promise<number[]>;
  /** Every stored version matching the filter, ordered by regime, unit, period, version. */
  reportSubmissions(filter: { regime?: string | undefined; unit?: string | undefined; period?: string | undefined }): Promise<StoredReportSubmission[]>;
  /** Records a review of one version; false when that version does not exist. */
  reviewReportSubmission(
    key: { regime: string; unit: string; period: string; version: number },
    review: { review: ReportReview; at: number; note: string | null },
  ): Promise<boolean>;
}

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

/**
 * Alerts and their audit log. Conformance: conformance/alerts.contract.ts [ST-A…].
 * insertAlert stores a new alert with its first event and returns false (storing nothing) when the
 * id exists. updateAlert replaces the alert only if the stored revision is `expectedRevision`
 * (optimistic concurrency) and appends the event in the same transaction; it returns the stored
 * event, or null when the revision moved on.
 */
export interface AlertLog {
  insertAlert(alert: Alert, event: NewAlertEvent): Promise<boolean>;
  updateAlert(alert: Alert, expectedRevision: number, event: NewAlertEvent): Promise<AlertEvent | null>;
  getAlert(id: string): Promise<Alert | null>;
  /** Newest first (updatedAt, then id). */
  listAlerts(filter: AlertFilter): Promise<Alert[]>;
  /** One alert's audit trail in order. */
  alertEvents(alertId: string): Promise<AlertEvent[]>;
}

/** Versioned reference documents (procedure catalogue, working-day schedules): reference-store.ts. */
export interface ReferenceLog {
  readonly reference: ReferenceStore;
}

/** Users, sessions, wall devices, feed sources and their key hashes: access-store.ts. */
export interface AccessLog {
  readonly accounts: AccessStore;
}

/** The append-only audit log (sign-ins, views of dossier details, exports, changes): audit-store.ts. */
export interface AuditLog {
  readonly auditLog: AuditStore;
}
