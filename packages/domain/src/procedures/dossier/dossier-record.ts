import type { DossierChannel, DossierEvent, DossierStatus, DueSource, OnlinePayment } from '@cityioc/contracts';
import { insertSorted } from '../../collections/insert-sorted.ts';

/** Statuses that never count as received (BRIEF §2.2): submitted-not-received and refused. */
export const NOT_RECEIVED_STATUSES: ReadonlySet<DossierStatus> = new Set([1, 3]);
/**
 * Statuses only a received dossier can reach: reception (2), processing (4), the agency's
 * supplement or payment requests (5, 6) and completion (9, 10). Withdrawal (7) and stop (8) are
 * not among them: an applicant may withdraw, and an agency may stop, a dossier still at 1
 * (submitted online, never received); 766 counts those only "if the dossier was already received".
 */
export const RECEIVING_STATUSES: ReadonlySet<DossierStatus> = new Set([2, 4, 5, 6, 9, 10]);
/** Processing completed: finished (9) or result returned (10). */
export const COMPLETED_STATUSES: ReadonlySet<DossierStatus> = new Set([9, 10]);
/** Ended without a result: withdrawn by the applicant (7) or processing stopped (8). */
export const STOPPED_STATUSES: ReadonlySet<DossierStatus> = new Set([7, 8]);

/** One dossier event with its times parsed to epoch ms, the form the fold works on. */
export interface DossierFact {
  eventId: string;
  dossierCode: string;
  procedureCode: string;
  fieldCode?: string;
  agencyCode: string;
  adminUnitCode: string;
  processingUnit?: string;
  channel: DossierChannel;
  status: DossierStatus;
  statusAt: number;
  submittedAt?: number;
  receivedAt?: number;
  /** null: the procedure has no appointment date. */
  dueAt?: number | null;
  finishedAt?: number;
  returnedAt?: number;
  rejectedAt?: number;
  supplements?: { requestedAt: number; completedAt: number | null; dueBefore?: number; dueAfter?: number }[];
  feeBearing?: boolean;
  onlinePayment?: OnlinePayment;
  digitized?: boolean;
  reusedDigitizedData?: boolean;
  personalStorage?: boolean;
  eResult?: boolean;
  vneidVerified?: boolean;
  syncedToDvcqg?: boolean;
  populationData?: boolean;
  eCertifiedCopy?: boolean;
}

/** A period during which the applicant held the dossier to supplement it; `completedAt` null while still held. */
export interface SupplementInterval {
  requestedAt: number;
  completedAt: number | null;
}

export interface DossierTrailEntry {
  eventId: string;
  status: DossierStatus;
  statusAt: number;
}

/**
 * The state of one dossier, folded from its events. Times are epoch ms. The fold depends only on
 * the set of events, never on their arrival order: see `foldDossier`.
 */
export interface DossierRecord {
  dossierCode: string;
  procedureCode: string;
  fieldCode: string | null;
  agencyCode: string;
  adminUnitCode: string;
  processingUnit: string | null;
  channel: DossierChannel;
  /** The latest status by statusAt (equal times: the higher status code). */
  status: DossierStatus;
  statusAt: number;
  /**
   * Received per 766: some event has a status only a received dossier reaches (2, 4, 5, 6, 9, 10),
   * or a withdrawal/stop (7, 8) carries NgayTiepNhan. A dossier withdrawn or stopped straight from
   * 1 (submitted online) was never received; 1 and 3 never count.
   */
  received: boolean;
  /** NgayTiepNhan if sent, else the first status that counts as received; null when not received. */
  receivedAt: number | null;
  submittedAt: number | null;
  /**
   * The appointment date the 766 comparison uses: the one before any supplement request moved it
   * (the first request's `dueBefore`) if known, else the latest NgayHenTra; null if none.
   */
  dueAt: number | null;
  /**
   * Where `dueAt` comes from: the feed's appointment date, or — set by `applyProcedure` when the
   * feed sent none — reception plus the procedure's legal time; null while there is neither.
   */
  dueSource: DueSource | null;
  /**
   * The end of processing by the 766 priority: finished (9), else result returned (10), else
   * stopped or withdrawn (8/7), else — when the dossier sits at its only supplement request —
   * that request. null while processing goes on.
   */
  endAt: number | null;
  endStatus: 9 | 10 | 8 | 7 | 5 | null;
  finishedAt: number | null;
  returnedAt: number | null;
  supplements: SupplementInterval[];
  /** How many times the agency asked for a supplement; more than one makes the dossier late under 766. */
  supplementRequests: number;
  /** null when no event said whether a fee applies. */
  feeBearing: boolean | null;
  onlinePayment: OnlinePayment;
  digitized: boolean;
  reusedDigitizedData: boolean;
  personalStorage: boolean;
  eResult: boolean;
  vneidVerified: boolean;
  /** Synced to DVCQG (766 1.4); null when no event said. */
  syncedToDvcqg: boolean | null;
  /** The dossier used the national population database (766 4.5). */
  populationData: boolean;
  /** An electronic certified copy was issued (ELECTRONIC_CERTIFIED_COPY). */
  eCertifiedCopy: boolean;
  /**
   * What the dossier's own events said about fees (non-zero fee data synced: 766 3.5), before the
   * procedure catalogue fills `feeBearing` in; null when no event said.
   */
  feeData: boolean | null;
  /** Status changes in order, duplicates removed: the trail an operator opens. */
  trail: DossierTrailEntry[];
}

function ms(v: string | null | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Parses an event's times (the event has passed the contract schema). Every fact has the same
 * properties in the same order, absent ones undefined: the fold reads them on every event of a
 * replay, and one object shape keeps those reads fast.
 */
export function toDossierFact(e: DossierEvent): DossierFact {
  return {
    eventId: e.eventId,
    dossierCode: e.dossierCode,
    procedureCode: e.procedureCode,
    fieldCode: e.fieldCode,
    agencyCode: e.agencyCode,
    adminUnitCode: e.adminUnitCode,
    processingUnit: e.processingUnit,
    channel: e.channel,
    status: e.status,
    statusAt: Date.parse(e.statusAt),
    submittedAt: ms(e.submittedAt),
    receivedAt: ms(e.receivedAt),
    dueAt: e.dueAt === null ? null : ms(e.dueAt),
    finishedAt: ms(e.finishedAt),
    returnedAt: ms(e.returnedAt),
    rejectedAt: ms(e.rejectedAt),
    supplements: e.supplements?.map((s) => ({
      requestedAt: Date.parse(s.requestedAt),
      completedAt: ms(s.completedAt) ?? null,
      dueBefore: ms(s.dueBefore),
      dueAfter: ms(s.dueAfter),
    })),
    feeBearing: e.feeBearing ?? (e.fees !== undefined ? e.fees.some((x) => x.amountVnd > 0) : undefined),
    onlinePayment: e.onlinePayment,
    digitized: e.digitized,
    reusedDigitizedData: e.reusedDigitizedData,
    personalStorage: e.personalStorage,
    eResult: e.eResult,
    vneidVerified: e.vneidVerified,
    syncedToDvcqg: e.syncedToDvcqg,
    populationData: e.populationData,
    eCertifiedCopy: e.eCertifiedCopy,
  };
}

/**
 * The order events of one dossier are folded in: statusAt, then status code (a dossier moves up
 * the codes within one instant far more often than down), then eventId so that any arrival order
 * gives one answer.
 */
export function compareFacts(a: DossierFact, b: DossierFact): number {
  return a.statusAt - b.statusAt || a.status - b.status || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/**
 * Adds an event to a dossier's events, kept in `compareFacts` order. A retry (an eventId already
 * there) changes nothing and returns the same array; if two events share an id but differ (a
 * client bug), the one that sorts last is kept, as `foldDossierFacts` does, so that the outcome
 * never depends on which arrived first.
 */
export function insertFact(facts: readonly DossierFact[], fact: DossierFact): readonly DossierFact[] {
  let base = facts;
  const same = facts.findIndex((f) => f.eventId === fact.eventId);
  if (same >= 0) {
    if (compareFacts(facts[same]!, fact) >= 0) return facts;
    base = [...facts.slice(0, same), ...facts.slice(same + 1)];
  }
  return insertSorted(base, fact, compareFacts);
}

function dedupeSorted(facts: readonly DossierFact[]): DossierFact[] {
  // When two events share an id but differ (a client bug), the one that sorts last wins, whatever arrived first.
  const byId = new Map<string, DossierFact>();
  for (const f of facts) {
    const prev = byId.get(f.eventId);
    if (!prev || compareFacts(prev, f) < 0) byId.set(f.eventId, f);
  }
  return [...byId.values()].sort(compareFacts);
}

/**
 * Folds the events of one dossier — in any order, with duplicates and retries — into its
 * record. Descriptive fields take the value of the last event (in fold order) that carries them;
 * times of status changes take the first event that reached the status. Returns null for no events.
 */
export function foldDossierFacts(input: readonly DossierFact[]): DossierRecord | null {
  return foldSortedFacts(dedupeSorted(input));
}

/**
 * The fold over events already in `compareFacts` order with unique ids — what `insertFact`
 * maintains — without sorting again: the per-event path of a replay.
 */
export function foldSortedFacts(facts: readonly DossierFact[]): DossierRecord | null {
  const last = facts.at(-1);
  if (!last) return null;

  // One pass over the events (a replay folds a dossier on each of its events, so this loop is hot).
  let fieldCode: string | null = null;
  let processingUnit: string | null = null;
  let submittedAt: number | null = null;
  let receivedField: number | null = null;
  let dueField: number | null = null;
  let finishedField: number | null = null;
  let returnedField: number | null = null;
  let feeBearing: boolean | null = null;
  let onlinePayment: OnlinePayment = 0;
  let digitized = false;
  let reusedDigitizedData = false;
  let personalStorage = false;
  let eResult = false;
  let vneidVerified = false;
  let syncedToDvcqg: boolean | null = null;
  let populationData = false;
  let eCertifiedCopy = false;
  let firstReceived: number | null = null;
  let first9: number | null = null;
  let first10: number | null = null;
  let firstStop: number | null = null;
  let stopStatus: 7 | 8 = 8;
  let listed: Map<number, { requestedAt: number; completedAt: number | null; dueBefore?: number }> | null = null;
  // Supplements inferred from the status trail: each run of status 5 is one request, completed by the next other status.
  const inferred: SupplementInterval[] = [];
  let openRun: SupplementInterval | null = null;
  const trail: DossierTrailEntry[] = new Array(facts.length);

  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    trail[i] = { eventId: f.eventId, status: f.status, statusAt: f.statusAt };
    const st = f.status;
    if (st === 5) {
      if (!openRun) {
        openRun = { requestedAt: f.statusAt, completedAt: null };
        inferred.push(openRun);
      }
    } else if (openRun) {
      openRun.completedAt = f.statusAt;
      openRun = null;
    }
    if (firstReceived === null && (RECEIVING_STATUSES.has(st) || (STOPPED_STATUSES.has(st) && f.receivedAt !== undefined))) firstReceived = f.statusAt;
    if (st === 9 && first9 === null) first9 = f.statusAt;
    else if (st === 10 && first10 === null) first10 = f.statusAt;
    else if ((st === 7 || st === 8) && firstStop === null) [firstStop, stopStatus] = [f.statusAt, st];

    if (f.fieldCode !== undefined) fieldCode = f.fieldCode;
    if (f.processingUnit !== undefined) processingUnit = f.processingUnit;
    if (f.submittedAt !== undefined) submittedAt = f.submittedAt;
    if (f.receivedAt !== undefined) receivedField = f.receivedAt;
    if (f.dueAt !== undefined) dueField = f.dueAt;
    if (f.finishedAt !== undefined) finishedField = f.finishedAt;
    if (f.returnedAt !== undefined) returnedField = f.returnedAt;
    if (f.feeBearing !== undefined) feeBearing = f.feeBearing;
    if (f.onlinePayment !== undefined) onlinePayment = f.onlinePayment;
    if (f.digitized !== undefined) digitized = f.digitized;
    if (f.reusedDigitizedData !== undefined) reusedDigitizedData = f.reusedDigitizedData;
    if (f.personalStorage !== undefined) personalStorage = f.personalStorage;
    if (f.eResult !== undefined) eResult = f.eResult;
    if (f.vneidVerified !== undefined) vneidVerified = f.vneidVerified;
    if (f.syncedToDvcqg !== undefined) syncedToDvcqg = f.syncedToDvcqg;
    if (f.populationData !== undefined) populationData = f.populationData;
    if (f.eCertifiedCopy !== undefined) eCertifiedCopy = f.eCertifiedCopy;
    // Supplement lists are snapshots; a request is identified by its time and keeps any completion once seen.
    if (f.supplements !== undefined && f.supplements.length > 0) {
      listed ??= new Map();
      for (const s of f.supplements) {
        const prev = listed.get(s.requestedAt);
        const dueBefore = s.dueBefore ?? prev?.dueBefore;
        listed.set(s.requestedAt, {
          requestedAt: s.requestedAt,
          completedAt: s.completedAt ?? prev?.completedAt ?? null,
          ...(dueBefore !== undefined ? { dueBefore } : {}),
        });
      }
    }
  }

  const explicit = listed ? [...listed.values()].sort((a, b) => a.requestedAt - b.requestedAt) : [];
  // A feed that sends both lists and status-5 events describes the same requests twice: trust the longer account.
  const supplements: SupplementInterval[] =
    explicit.length >= inferred.length ? explicit.map((s) => ({ requestedAt: s.requestedAt, completedAt: s.completedAt })) : inferred;
  const supplementRequests = Math.max(explicit.length, inferred.length);

  const received = firstReceived !== null;
  const receivedAt = received ? (receivedField ?? firstReceived) : null;

  const finishedAt = finishedField ?? first9;
  const returnedAt = returnedField ?? first10;
  let endAt: number | null = null;
  let endStatus: DossierRecord['endStatus'] = null;
  if (finishedAt !== null) [endAt, endStatus] = [finishedAt, 9];
  else if (returnedAt !== null) [endAt, endStatus] = [returnedAt, 10];
  else if (firstStop !== null) [endAt, endStatus] = [firstStop, stopStatus];
  else if (last.status === 5 && supplementRequests === 1 && supplements[0]!.completedAt === null) [endAt, endStatus] = [supplements[0]!.requestedAt, 5];

  const dueAt = explicit[0]?.dueBefore ?? dueField;

  return {
    dossierCode: last.dossierCode,
    procedureCode: last.procedureCode,
    fieldCode,
    agencyCode: last.agencyCode,
    adminUnitCode: last.adminUnitCode,
    processingUnit,
    channel: last.channel,
    status: last.status,
    statusAt: last.statusAt,
    received,
    receivedAt,
    submittedAt,
    dueAt,
    dueSource: dueAt !== null ? 'appointment' : null,
    endAt,
    endStatus,
    finishedAt,
    returnedAt,
    supplements,
    supplementRequests,
    feeBearing,
    onlinePayment,
    digitized,
    reusedDigitizedData,
    personalStorage,
    eResult,
    vneidVerified,
    syncedToDvcqg,
    populationData,
    eCertifiedCopy,
    feeData: feeBearing,
    trail,
  };
}

/** `foldDossierFacts` over contract events. */
export function foldDossier(events: readonly DossierEvent[]): DossierRecord | null {
  return foldDossierFacts(events.map(toDossierFact));
}
