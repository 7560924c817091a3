import type { PaknDetail, PaknSummary, PaknWatchlistResponse } from '@cityioc/contracts';
import {
  foldPaknFacts,
  insertPaknFact,
  paknDeadlines,
  paknPending,
  paknSatisfied,
  paknStatus,
  paknTimeliness,
  toPaknFact,
  type PaknFact,
  type PaknRecord,
  type WorkCalendar,
} from '@cityioc/domain';
import type { StoredPaknEvent } from '../store/store.ts';

export interface PaknScope {
  /** The area asked for, or the city (every area). */
  area?: (code: string) => boolean;
  agency?: (code: string) => boolean;
}

/**
 * Citizens' feedback (PAKN): each PAKN's events folded into its record as they are committed (or
 * replayed at start), its deadlines on the working-day calendar, the operators' watchlist and the
 * PAKN behind 766 indicators 5.1–5.4. Listeners hear which dossiers a PAKN names (5.4 counts them).
 */
export class PaknService {
  private readonly facts = new Map<string, readonly PaknFact[]>();
  private readonly records = new Map<string, PaknRecord>();
  private readonly listeners: ((dossierCodes: ReadonlySet<string>) => void)[] = [];
  /** Dossier code → PAKN that name it. */
  private readonly byDossier = new Map<string, Set<string>>();
  eventsSeq = 0;

  constructor(private readonly calendar: WorkCalendar) {}

  get size(): number {
    return this.records.size;
  }

  onDossiers(fn: (dossierCodes: ReadonlySet<string>) => void): void {
    this.listeners.push(fn);
  }

  /** The record a new event would join (transition checks at the door). */
  get(paknId: string): PaknRecord | null {
    return this.records.get(paknId) ?? null;
  }

  /** The stored facts of a PAKN, in fold order. */
  factsOf(paknId: string): readonly PaknFact[] {
    return this.facts.get(paknId) ?? [];
  }

  all(): IterableIterator<PaknRecord> {
    return this.records.values();
  }

  /** Whether a dossier has a PAKN about it (766 5.4). */
  hasPakn(dossierCode: string): boolean {
    return (this.byDossier.get(dossierCode)?.size ?? 0) > 0;
  }

  applyCommitted(events: readonly StoredPaknEvent[]): void {
    const touched = new Set<string>();
    for (const e of events) {
      this.eventsSeq = Math.max(this.eventsSeq, e.seq);
      const id = e.event.paknId;
      const before = this.facts.get(id) ?? [];
      const after = insertPaknFact(before, toPaknFact(e.event));
      if (after === before) continue;
      this.facts.set(id, after);
      const old = this.records.get(id);
      const rec = foldPaknFacts(after)!;
      this.records.set(id, rec);
      if (old?.dossierCode && old.dossierCode !== rec.dossierCode) {
        this.byDossier.get(old.dossierCode)?.delete(id);
        touched.add(old.dossierCode);
      }
      if (rec.dossierCode) {
        let set = this.byDossier.get(rec.dossierCode);
        if (!set) this.byDossier.set(rec.dossierCode, (set = new Set()));
        if (!set.has(id)) {
          set.add(id);
          touched.add(rec.dossierCode);
        }
      }
    }
    if (touched.size > 0) for (const fn of this.listeners) fn(touched);
  }

  private summary(r: PaknRecord, now: number): PaknSummary {
    const p = paknPending(r, now, this.calendar);
    const late = p !== null && now > p.dueAt;
    const wd = p === null ? null : late ? this.calendar.workingDaysBetween(p.dueAt, now) : this.calendar.workingDaysBetween(now, p.dueAt);
    return {
      paknId: r.paknId,
      title: r.title,
      adminUnitCode: r.adminUnitCode ?? '',
      agencyCode: r.agencyCode,
      classification: r.classification,
      procedureCode: r.procedureCode,
      dossierCode: r.dossierCode,
      status: paknStatus(r),
      receivedAt: r.receivedAt!,
      pending: p?.pending ?? null,
      dueAt: p?.dueAt ?? null,
      workingDays: wd === null ? null : Math.round(wd * 100) / 100,
    };
  }

  /** A unit's open PAKN whose awaited step is overdue, and those due within `within` working days. */
  watchlist(q: { area: string | null; agency: string | null; within: number; limit: number }, scope: PaknScope, now: number): PaknWatchlistResponse {
    const overdue: PaknSummary[] = [];
    const dueSoon: PaknSummary[] = [];
    const horizon = this.calendar.addWorkingDays(now, q.within);
    for (const r of this.records.values()) {
      if (r.receivedAt === null || !this.inScope(r, scope)) continue;
      const p = paknPending(r, now, this.calendar);
      if (!p) continue;
      if (now > p.dueAt) overdue.push(this.summary(r, now));
      else if (p.dueAt <= horizon) dueSoon.push(this.summary(r, now));
    }
    overdue.sort((a, b) => (b.workingDays ?? 0) - (a.workingDays ?? 0) || a.paknId.localeCompare(b.paknId));
    dueSoon.sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.paknId.localeCompare(b.paknId));
    return {
      asOf: now,
      area: q.area,
      agency: q.agency,
      within: q.within,
      overdue: overdue.slice(0, q.limit),
      dueSoon: dueSoon.slice(0, q.limit),
      truncated: overdue.length > q.limit || dueSoon.length > q.limit,
    };
  }

  inScope(r: PaknRecord, scope: PaknScope): boolean {
    if (scope.area && (r.adminUnitCode === null || !scope.area(r.adminUnitCode))) return false;
    if (scope.agency && (r.agencyCode === null || !scope.agency(r.agencyCode))) return false;
    return true;
  }

  detail(paknId: string, now: number): PaknDetail | null {
    const r = this.records.get(paknId);
    if (!r || r.receivedAt === null) return null;
    return {
      summary: this.summary(r, now),
      deadlines: paknDeadlines(r, now, this.calendar),
      likes: r.likes,
      dislikes: r.dislikes,
      repeatComplaints: r.repeatComplaints,
      onTime: paknTimeliness(r, now, this.calendar) === 'on_time',
      satisfied: paknSatisfied(r, now, this.calendar),
      trail: r.trail,
      asOf: now,
    };
  }
}
