import { PAKN_STEPS, type ItemError, type PaknClassification, type PaknEvent, type PaknStep } from '@cityioc/contracts';
import { insertSorted } from '../collections/insert-sorted.ts';

/**
 * Citizens' feedback and petitions (phản ánh, kiến nghị – PAKN): one event per step, folded into
 * the PAKN's record in any arrival order (retries and duplicates change nothing). Pure.
 */
export interface PaknFact {
  eventId: string;
  paknId: string;
  step: PaknStep;
  /** epoch ms */
  at: number;
  adminUnitCode?: string;
  agencyCode?: string;
  classification?: PaknClassification;
  procedureCode?: string;
  dossierCode?: string;
  reaction?: 'like' | 'dislike';
  title?: string;
}

export interface PaknRecord {
  paknId: string;
  /** The unit it is attributed to: the events' adminUnitCode, else the handling agency's unit (set by the caller at ingest). */
  adminUnitCode: string | null;
  agencyCode: string | null;
  classification: PaknClassification | null;
  procedureCode: string | null;
  dossierCode: string | null;
  title: string | null;
  /** The first `received` step; null until it arrives (the PAKN then counts nowhere). */
  receivedAt: number | null;
  classifiedAt: number | null;
  rejectedAt: number | null;
  assignedAt: number | null;
  /** The answer is ready (its publication is due 2 working days later). */
  answeredAt: number | null;
  publishedAt: number | null;
  /** Supplement requests and when the citizen answered each (null while awaited). */
  supplements: { requestedAt: number; completedAt: number | null }[];
  likes: number;
  dislikes: number;
  repeatComplaints: number;
  /** Each citizen's like or dislike, in order (5.3 compares them as of the period's end). */
  reactions: { at: number; reaction: 'like' | 'dislike' }[];
  /** When each repeat complaint came in. */
  repeatsAt: number[];
  trail: { eventId: string; step: PaknStep; at: number }[];
}

/** The order steps take within one instant: the order of PAKN_STEPS. */
const STEP_ORDER = Object.fromEntries(PAKN_STEPS.map((step, i) => [step, i])) as Record<PaknStep, number>;

export function toPaknFact(e: PaknEvent): PaknFact {
  return {
    eventId: e.eventId,
    paknId: e.paknId,
    step: e.step,
    at: Date.parse(e.at),
    ...(e.adminUnitCode !== undefined ? { adminUnitCode: e.adminUnitCode } : {}),
    ...(e.agencyCode !== undefined ? { agencyCode: e.agencyCode } : {}),
    ...(e.classification !== undefined ? { classification: e.classification } : {}),
    ...(e.procedureCode !== undefined ? { procedureCode: e.procedureCode } : {}),
    ...(e.dossierCode !== undefined ? { dossierCode: e.dossierCode } : {}),
    ...(e.reaction !== undefined ? { reaction: e.reaction } : {}),
    ...(e.title !== undefined ? { title: e.title } : {}),
  };
}

export function comparePaknFacts(a: PaknFact, b: PaknFact): number {
  return a.at - b.at || STEP_ORDER[a.step] - STEP_ORDER[b.step] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/** Adds a fact in order; a retry (an eventId already there) returns the same array. */
export function insertPaknFact(facts: readonly PaknFact[], fact: PaknFact): readonly PaknFact[] {
  if (facts.some((f) => f.eventId === fact.eventId)) return facts;
  return insertSorted(facts, fact, comparePaknFacts);
}

/** The steps whose first occurrence the record keeps, and where. */
const FIRST_AT: Partial<Record<PaknStep, 'receivedAt' | 'classifiedAt' | 'rejectedAt' | 'assignedAt' | 'answeredAt' | 'publishedAt'>> = {
  received: 'receivedAt',
  classified: 'classifiedAt',
  rejected: 'rejectedAt',
  assigned: 'assignedAt',
  answered: 'answeredAt',
  published: 'publishedAt',
};

/** Folds facts already in `comparePaknFacts` order with unique ids (what insertPaknFact keeps). */
export function foldPaknFacts(facts: readonly PaknFact[]): PaknRecord | null {
  const last = facts.at(-1);
  if (!last) return null;
  const r: PaknRecord = {
    paknId: last.paknId,
    adminUnitCode: null,
    agencyCode: null,
    classification: null,
    procedureCode: null,
    dossierCode: null,
    title: null,
    receivedAt: null,
    classifiedAt: null,
    rejectedAt: null,
    assignedAt: null,
    answeredAt: null,
    publishedAt: null,
    supplements: [],
    likes: 0,
    dislikes: 0,
    repeatComplaints: 0,
    reactions: [],
    repeatsAt: [],
    trail: [],
  };
  let open: { requestedAt: number; completedAt: number | null } | null = null;
  for (const f of facts) {
    r.trail.push({ eventId: f.eventId, step: f.step, at: f.at });
    if (f.adminUnitCode !== undefined) r.adminUnitCode = f.adminUnitCode;
    if (f.agencyCode !== undefined) r.agencyCode = f.agencyCode;
    if (f.classification !== undefined) r.classification = f.classification;
    if (f.procedureCode !== undefined) r.procedureCode = f.procedureCode;
    if (f.dossierCode !== undefined) r.dossierCode = f.dossierCode;
    if (f.title !== undefined) r.title = f.title;
    const firstAt = FIRST_AT[f.step];
    if (firstAt) r[firstAt] ??= f.at;
    switch (f.step) {
      case 'supplement_requested':
        if (!open) {
          open = { requestedAt: f.at, completedAt: null };
          r.supplements.push(open);
        }
        break;
      case 'supplemented':
        if (open) {
          open.completedAt = f.at;
          open = null;
        }
        break;
      case 'reaction':
        if (f.reaction === 'like') r.likes++;
        else if (f.reaction === 'dislike') r.dislikes++;
        if (f.reaction !== undefined) r.reactions.push({ at: f.at, reaction: f.reaction });
        break;
      case 'repeat_complaint':
        r.repeatComplaints++;
        r.repeatsAt.push(f.at);
        break;
    }
  }
  return r;
}

/** Folds facts in any order, with duplicates. */
export function foldPakn(facts: readonly PaknFact[]): PaknRecord | null {
  let sorted: readonly PaknFact[] = [];
  for (const f of facts) sorted = insertPaknFact(sorted, f);
  return foldPaknFacts(sorted);
}

/** Fields each step needs (checked per event, before any state). */
export function paknEventFieldErrors(e: PaknEvent): ItemError[] {
  const errors: ItemError[] = [];
  const need = (field: keyof PaknEvent, why: string) => {
    if (e[field] === undefined) errors.push({ field: `/${field}`, reason: 'required', message: `a '${e.step}' event needs ${field} (${why})` });
  };
  if (e.step === 'received' && e.adminUnitCode === undefined && e.agencyCode === undefined)
    errors.push({ field: '/adminUnitCode', reason: 'required', message: "a 'received' event needs adminUnitCode or agencyCode: the unit it is attributed to" });
  if (e.step === 'classified') need('classification', "'procedure' or 'staff'");
  if (e.step === 'reaction') need('reaction', "'like' or 'dislike'");
  if (e.step === 'assigned') need('agencyCode', 'the agency it is assigned to');
  if (e.reaction !== undefined && e.step !== 'reaction')
    errors.push({ field: '/reaction', reason: 'unexpected', message: `reaction belongs to 'reaction' events, not '${e.step}'` });
  return errors;
}

const AFTER_RECEIVED: ReadonlySet<PaknStep> = new Set(PAKN_STEPS.filter((s) => s !== 'received'));
const AFTER_PUBLISHED: ReadonlySet<PaknStep> = new Set(['reaction', 'repeat_complaint']);
const ANSWERING: ReadonlySet<PaknStep> = new Set(['answered', 'published', 'reaction', 'repeat_complaint']);

const iso = (t: number) => new Date(t).toISOString();

/**
 * A step that cannot follow what is already known of the PAKN, whatever order the events came in:
 * a step dated before the reception, an answer published before it was ready, a like before the
 * answer was published, an answer to a rejected PAKN. Returns the error, or null.
 */
export function paknTransitionError(known: PaknRecord | null, f: PaknFact): ItemError | null {
  if (!known) return null;
  const bad = (field: string, message: string): ItemError => ({ field, reason: 'impossible_transition', message });
  if (AFTER_RECEIVED.has(f.step) && known.receivedAt !== null && f.at < known.receivedAt)
    return bad('/at', `'${f.step}' at ${iso(f.at)} is before the PAKN was received (${iso(known.receivedAt)})`);
  if (f.step === 'received') {
    const first = known.trail.find((t) => t.step !== 'received');
    if (first && f.at > first.at) return bad('/at', `received at ${iso(f.at)} is after its '${first.step}' step (${iso(first.at)})`);
  }
  if (f.step === 'published' && known.answeredAt !== null && f.at < known.answeredAt)
    return bad('/at', `published at ${iso(f.at)} before the answer was ready (${iso(known.answeredAt)})`);
  if (f.step === 'answered' && known.publishedAt !== null && f.at > known.publishedAt)
    return bad('/at', `answered at ${iso(f.at)} after the answer was published (${iso(known.publishedAt)})`);
  if (AFTER_PUBLISHED.has(f.step) && known.publishedAt !== null && f.at < known.publishedAt)
    return bad('/at', `a ${f.step} at ${iso(f.at)} before the answer was published (${iso(known.publishedAt)})`);
  if (f.step === 'rejected' && (known.answeredAt !== null || known.publishedAt !== null))
    return bad('/step', `PAKN ${known.paknId} has been answered: it cannot be rejected`);
  if (ANSWERING.has(f.step) && known.rejectedAt !== null)
    return bad('/step', `PAKN ${known.paknId} was rejected: it cannot be ${f.step === 'reaction' ? 'rated' : f.step}`);
  return null;
}
