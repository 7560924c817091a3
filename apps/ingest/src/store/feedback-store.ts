import type { Directive, DirectiveAttachment, DossierRating, PaknEvent } from '@cityioc/contracts';
import { PAKN_LOG, RATING_LOG, type JsonLog, type JsonLogSpec } from './rows.ts';
import type { Receipt } from './store.ts';

/**
 * Citizens' feedback (PAKN events, dossier ratings) and the leader's directives: the store parts
 * of issue 14, in both engines (sqlite/feedback.ts, postgres/feedback.ts; conformance/feedback.contract.ts).
 */

/** A checked PAKN event as stored (no personal data: it was dropped at the door). */
export type NewPaknEvent = Receipt & { event: PaknEvent };
export type StoredPaknEvent = NewPaknEvent & { seq: number };

export type NewRating = Receipt & { rating: DossierRating };
export type StoredRating = NewRating & { seq: number };

/**
 * Two logs idempotent by id like the dossier events: PAKN events by eventId, ratings by ratingId.
 * Replayed whole at start (tens of thousands a year: see bench/score766.bench.ts).
 */
export interface FeedbackLog {
  appendPaknEvents(batch: readonly NewPaknEvent[]): Promise<(number | null)[]>;
  replayPaknEvents(fromSeq: number, onBatch: (batch: StoredPaknEvent[]) => void, batchSize?: number): Promise<number>;
  appendRatings(batch: readonly NewRating[]): Promise<(number | null)[]>;
  replayRatings(fromSeq: number, onBatch: (batch: StoredRating[]) => void, batchSize?: number): Promise<number>;
}

/** The feedback part of a store from its engine's two JSON-body logs (sqlite/json-log.ts, postgres/json-log.ts). */
export function feedbackLogOf(pakn: JsonLog<NewPaknEvent, StoredPaknEvent>, ratings: JsonLog<NewRating, StoredRating>): FeedbackLog {
  return { appendPaknEvents: pakn.append, replayPaknEvents: pakn.replay, appendRatings: ratings.append, replayRatings: ratings.replay };
}

/**
 * Directives and their attachments. A directive is one document whose revision guards every change
 * (optimistic concurrency, like alerts); attachments are stored in the store, so every node of a
 * shared deployment serves them.
 */
export interface DirectiveLog {
  /** false (nothing stored) when the id exists. */
  insertDirective(d: Directive): Promise<boolean>;
  /** Replaces the directive only if its stored revision is `expectedRevision`; false when it moved on. */
  updateDirective(d: Directive, expectedRevision: number): Promise<boolean>;
  getDirective(id: string): Promise<Directive | null>;
  /** Every directive, most recently changed first. */
  listDirectives(): Promise<Directive[]>;
  putAttachment(a: DirectiveAttachment, data: Buffer): Promise<void>;
  getAttachment(id: string): Promise<{ attachment: DirectiveAttachment; data: Buffer } | null>;
}

/** The tables, in SQL both engines accept (PostgreSQL: a migration; SQLite: CREATE IF NOT EXISTS). */
export function feedbackDdl(engine: 'sqlite' | 'postgres'): string {
  const seq = engine === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY';
  const epoch = engine === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const blob = engine === 'sqlite' ? 'BLOB' : 'BYTEA';
  const ine = engine === 'sqlite' ? 'IF NOT EXISTS ' : '';
  const jsonLogTable = (log: JsonLogSpec<never, unknown>) => `CREATE TABLE ${ine}${log.table} (
      seq ${seq},
      ${log.idCol} TEXT NOT NULL UNIQUE,
      ${log.keyCol} TEXT NOT NULL,
      received_at ${epoch} NOT NULL,
      source TEXT NOT NULL,
      body TEXT NOT NULL
    );`;
  return `
    ${jsonLogTable(PAKN_LOG)}
    ${jsonLogTable(RATING_LOG)}
    CREATE TABLE ${ine}directives (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      due_at ${epoch} NOT NULL,
      updated_at ${epoch} NOT NULL,
      revision INTEGER NOT NULL,
      body TEXT NOT NULL
    );
    CREATE TABLE ${ine}directive_attachments (
      id TEXT PRIMARY KEY,
      directive_id TEXT NOT NULL,
      uploaded_at ${epoch} NOT NULL,
      meta TEXT NOT NULL,
      data ${blob} NOT NULL
    );
  `;
}
