import type { DossierDetail, DossierIndicatorRow, DossierSummary, Label, Observation, WatchlistResponse } from '@cityioc/contracts';
import {
  AdminIndicatorState,
  applyProcedure,
  DOSSIER_LIVE_INDICATORS,
  foldSortedFacts,
  insertFact,
  isOverdueAt,
  isOpen,
  periodKey,
  timeliness,
  toDossierFact,
  type AdminIndicatorValues,
  type DossierFact,
  type DossierRecord,
  type ProcedureVersion,
  type WorkCalendar,
} from '@cityioc/domain';
import type { LiveService } from '../live/live.service.ts';
import type { StoredDossierEvent } from '../store/store.ts';
import { DossierArena } from './dossier-arena.ts';
import { DossierMemory, type DossierPartHolder } from './dossier-memory.ts';
import { DossierPublication, type PublicationOptions } from './dossier-publication.ts';

export interface DossierServiceOptions {
  /** The city's area code (catalogue.city.code): the scope that means "every unit". */
  city: string;
  /** The procedure catalogue's version in force at an instant (legal time for dossiers without NgayHenTra). */
  procedures?: { at(code: string, t: number): ProcedureVersion | undefined };
  /** Names for screens and exports: an agency at an instant (the agency catalogue), a unit on a local date (the registry). */
  names?: { agency(code: string, t: number): Label | undefined; area(code: string, t: number): string | undefined };
  /** Hears every record that changed (the 766 scorecard keeps its own cells from them). */
  onRecord?: (record: DossierRecord) => void;
  /** Other states with a part per dossier (the 766 cells): a finished dossier packed leaves their memory too. */
  parts?: readonly DossierPartHolder[];
  /** How many finished dossiers stay unpacked, the most recent (default 10,000; 0 packs each at the end of its batch). */
  keepFinished?: number;
  /** The size of the packed dossiers' arena chunks (default 1 MB; tests make it small to see compaction). */
  arenaChunkBytes?: number;
}

/** The dossier state of a checkpoint, but its dossiers. */
export interface DossierServiceHead {
  eventsSeq: number;
  /** The codes the packed dossiers name by number (fact-codec.ts). */
  strings: string[];
  lastSeen: [string, number][];
}

export interface DossierServiceData extends DossierServiceHead {
  /** Each dossier's sorted facts, packed (`packFacts`): its record and cells follow from them; read once, as they come (a checkpoint streams them). */
  dossiers: Iterable<[string, string]>;
}

function row(key: string, v: AdminIndicatorValues): DossierIndicatorRow {
  return { key, ...v };
}

/** A breakdown also lists units that only have dossiers outside the filter: those rows are empty. */
function isEmpty(v: AdminIndicatorValues): boolean {
  return v.received === 0 && v.inProcess === 0 && v.completed === 0 && v.stopped === 0;
}

/**
 * Dossier state: each dossier's events folded into its record, and the incremental indicator
 * cells of every period. Committed events come in from the log; derived live values go out to
 * the live state for the current month (by area and agency).
 */
export class DossierService {
  private readonly memory: DossierMemory;
  readonly indicators: AdminIndicatorState;
  private readonly dirtyAreas = new Set<string>();
  /** Leaves ever published, per area: a month without dossiers for them publishes zeros. */
  private readonly published = new Map<string, Set<string>>();
  /** When the feed last sent an event for an area (epoch ms): the freshness of its derived values. */
  private readonly lastSeen = new Map<string, number>();
  private derivedSeq = 0;
  /** The log position of the last dossier event applied. */
  eventsSeq = 0;
  /** Coverage for checkpoints (see LiveService.coveredSeq). */
  coveredSeq = 0;
  appliedSinceStart = 0;

  private readonly city: string;
  private publication: DossierPublication | null = null;

  constructor(
    private readonly calendar: WorkCalendar,
    private readonly live: LiveService,
    private readonly options: DossierServiceOptions,
  ) {
    this.indicators = new AdminIndicatorState({ calendar });
    this.city = options.city;
    this.memory = new DossierMemory(
      (facts) => this.recordOf(facts),
      [this.indicators, ...(options.parts ?? [])],
      options.keepFinished ?? 10_000,
      new DossierArena({ chunkBytes: options.arenaChunkBytes }),
    );
  }

  /** A dossier's record: its events folded, completed from its procedure (due date from the legal time, fee flag). */
  private recordOf(facts: readonly DossierFact[]): DossierRecord | null {
    const folded = foldSortedFacts(facts);
    if (!folded || folded.receivedAt === null) return folded;
    return applyProcedure(folded, this.options.procedures?.at(folded.procedureCode, folded.receivedAt), this.calendar);
  }

  /** Every dossier known (in memory or packed). */
  get size(): number {
    return this.memory.size;
  }

  /** Dossiers kept as objects (the open ones and the most recently finished). */
  get unpackedSize(): number {
    return this.memory.unpackedSize;
  }

  /** The packed dossiers' arena: entries, live and dead bytes, compactions (bench and tests). */
  memoryStats(): ReturnType<DossierMemory['arenaStats']> {
    return this.memory.arenaStats();
  }

  /**
   * Every dossier's current record (the 766 drill-down lists them); with `receivedIn`, packed
   * dossiers received outside [start, end) may be skipped (callers filter by reception anyway).
   */
  allRecords(receivedIn?: { start: number; end: number }): IterableIterator<DossierRecord> {
    return this.memory.all(receivedIn);
  }

  /** A dossier's record, to read. */
  record(code: string): DossierRecord | undefined {
    return this.memory.record(code);
  }

  /**
   * A dossier's record about to be put again by a listener (the 766 cells when a complaint names
   * it): a packed dossier comes back into memory with its parts. Call `settle` after the puts.
   */
  recordForChange(code: string): DossierRecord | undefined {
    return this.memory.recordForChange(code);
  }

  /** Packs the finished dossiers beyond the most recent (after changes made through `recordForChange`). */
  settle(): void {
    this.memory.trim();
  }

  applyCommitted(events: readonly StoredDossierEvent[]): void {
    if (events.length > 0) this.eventsSeq = Math.max(this.eventsSeq, events[events.length - 1]!.seq);
    this.appliedSinceStart += events.length;
    for (const e of events) {
      const code = e.event.dossierCode;
      const before = this.memory.factsForChange(code);
      const after = insertFact(before, toDossierFact(e.event));
      if (after === before) continue;
      const record = this.recordOf(after)!;
      const old = this.memory.unpackedRecord(code);
      if (old && old.adminUnitCode !== record.adminUnitCode) this.dirtyAreas.add(old.adminUnitCode);
      this.memory.set(code, after, record);
      this.indicators.put(record);
      this.options.onRecord?.(record);
      this.dirtyAreas.add(record.adminUnitCode);
      this.lastSeen.set(record.adminUnitCode, Math.max(this.lastSeen.get(record.adminUnitCode) ?? 0, e.receivedAt));
    }
    this.memory.trim();
    if (this.dirtyAreas.size > 0) this.publication?.changed();
  }

  /**
   * Folds again the dossiers that `affected` selects (all without it) after the procedure
   * catalogue or the working-day calendar changed: their due dates, verdicts and cells follow.
   * Returns how many records changed.
   */
  recompute(affected?: (procedureCode: string) => boolean): number {
    let changed = 0;
    const refold = (code: string, facts: readonly DossierFact[]) => {
      const record = this.recordOf(facts)!;
      this.memory.set(code, facts, record);
      this.indicators.put(record);
      this.options.onRecord?.(record);
      this.dirtyAreas.add(record.adminUnitCode);
      changed++;
    };
    const packed = this.memory.packedCodes();
    for (const [code, facts] of [...this.memory.unpackedFacts()]) {
      const old = this.memory.unpackedRecord(code);
      if (!old || (affected && !affected(old.procedureCode))) continue;
      refold(code, facts);
    }
    // Packed dossiers one at a time: each comes back, is folded again and is packed again at once.
    for (const code of packed) {
      const old = this.memory.record(code);
      if (!old || (affected && !affected(old.procedureCode))) continue;
      refold(code, this.memory.factsForChange(code));
      this.memory.pack(code);
    }
    this.memory.trim();
    if (changed > 0) this.publication?.changed();
    return changed;
  }

  /** Starts the service's own publication clock (after the start-up replay): see DossierPublication. */
  startPublishing(clock: () => number, opts: PublicationOptions = {}): void {
    this.publication ??= new DossierPublication((now, all) => this.publish(now, all), clock, opts);
    this.publication.start();
  }

  stopPublishing(): void {
    this.publication?.stop();
  }

  /** After the start-up replay: coverage for checkpoints starts here. */
  markReady(): void {
    this.coveredSeq = this.eventsSeq;
    this.appliedSinceStart = 0;
  }

  /**
   * For a checkpoint: each dossier's sorted facts, packed (its record and cells follow from them),
   * and feed freshness. The dossiers are produced as they are read: read them all before the next change.
   */
  exportState(): DossierServiceData & { dossiers: Generator<[string, string]> } {
    return { eventsSeq: this.eventsSeq, ...this.memory.exportPacked(), lastSeen: [...this.lastSeen] };
  }

  /** Loads a checkpoint into this fresh service: records and indicator cells are folded from the facts. */
  importState(data: DossierServiceData): void {
    if (this.memory.size > 0) throw new Error('importState needs an empty dossier service');
    this.memory.useStrings(data.strings);
    let n = 0;
    for (const [code, text] of data.dossiers) {
      const facts = this.memory.importFacts(code, text);
      const record = this.recordOf(facts);
      if (!record) continue;
      this.memory.set(code, facts, record);
      this.indicators.put(record);
      this.options.onRecord?.(record);
      if (++n % 1000 === 0) this.memory.trim();
    }
    this.memory.trim();
    for (const [area, t] of data.lastSeen) this.lastSeen.set(area, t);
    this.eventsSeq = data.eventsSeq;
  }

  /**
   * Pushes the current month's values of changed areas (or of all, when the clock alone may have
   * changed them: overdue dossiers, a new month) into the live state.
   */
  publish(now: number, all = false): number {
    const areas = all ? new Set([...this.lastSeen.keys()]) : this.dirtyAreas;
    if (areas.size === 0) return 0;
    const period = periodKey('month', now);
    const out: Observation[] = [];
    for (const area of areas) {
      const byAgency = this.indicators.breakdown(period, now, 'agency', { area: (a) => a === area });
      const agencies = this.published.get(area) ?? new Set<string>();
      for (const [a, v] of byAgency) if (!isEmpty(v)) agencies.add(a);
      this.published.set(area, agencies);
      const observedAt = this.lastSeen.get(area) ?? now;
      for (const agency of agencies) {
        const v = byAgency.get(agency);
        const base = { area, agency, station: null, observedAt, receivedAt: now, source: 'derived:dossiers', seq: 0 };
        for (const ind of DOSSIER_LIVE_INDICATORS) {
          const x = v ? ind.value(v) : ind.kind === 'count' ? 0 : { numerator: 0, denominator: 0 };
          const id = `derived:dossiers:${String(++this.derivedSeq).padStart(12, '0')}`;
          out.push(
            typeof x === 'number'
              ? { ...base, id, indicator: ind.id, value: x, numerator: null, denominator: null }
              : { ...base, id, indicator: ind.id, value: null, numerator: x.numerator, denominator: x.denominator },
          );
        }
      }
    }
    if (!all) this.dirtyAreas.clear();
    this.live.applyDerived(out);
    return out.length;
  }

  /** Indicators of a period for a scope (the city or one area), broken down by area or agency. */
  indicatorsOf(period: string, scope: string, by: 'area' | 'agency', now: number) {
    const filter = scope === this.city ? {} : { area: (a: string) => a === scope };
    const total = this.indicators.query(period, now, filter);
    const rows = [...this.indicators.breakdown(period, now, by, filter)]
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => row(k, v))
      .sort((a, b) => a.key.localeCompare(b.key));
    return {
      period,
      scope,
      by,
      asOf: now,
      total: row(scope, total),
      rows,
    };
  }

  private summary(rec: DossierRecord, now: number): DossierSummary & { late: boolean } {
    const t = timeliness(rec, now, this.calendar);
    const due = t.effectiveDueAt;
    const late = isOverdueAt(rec, now, this.calendar);
    const at = rec.receivedAt ?? now;
    const procedure = this.options.procedures?.at(rec.procedureCode, at) ?? this.options.procedures?.at(rec.procedureCode.slice(0, 8), at);
    return {
      dossierCode: rec.dossierCode,
      procedureCode: rec.procedureCode,
      procedureName: procedure ? { vi: procedure.name.vi, en: procedure.name.en ?? procedure.name.vi } : null,
      agencyCode: rec.agencyCode,
      agencyName: this.options.names?.agency(rec.agencyCode, at) ?? null,
      adminUnitCode: rec.adminUnitCode,
      adminUnitName: this.options.names?.area(rec.adminUnitCode, at) ?? null,
      channel: rec.channel,
      status: rec.status,
      receivedAt: rec.receivedAt,
      dueAt: due,
      supplementRequests: rec.supplementRequests,
      workingDays:
        due === null ? null : Math.round((late ? this.calendar.workingDaysBetween(due, now) : this.calendar.workingDaysBetween(now, due)) * 100) / 100,
      late,
    };
  }

  /** A unit's open dossiers that are overdue, and those due within `within` working days. */
  watchlist(
    q: { area?: string | undefined; agency?: string | undefined; within: number; limit: number; visible?: (area: string, agency: string) => boolean },
    now: number,
  ): WatchlistResponse {
    const overdue: DossierSummary[] = [];
    const dueSoon: DossierSummary[] = [];
    const horizon = this.calendar.addWorkingDays(now, q.within);
    // Open dossiers are never packed: the ones in memory are all there is to look at.
    for (const rec of this.memory.unpackedRecords()) {
      if (q.area && q.area !== this.city && rec.adminUnitCode !== q.area) continue;
      if (q.agency && rec.agencyCode !== q.agency) continue;
      if (q.visible && !q.visible(rec.adminUnitCode, rec.agencyCode)) continue;
      if (!rec.received || !isOpen(rec)) continue;
      const s = this.summary(rec, now);
      const { late, ...summary } = s;
      if (late) overdue.push(summary);
      else if (summary.dueAt !== null && summary.dueAt <= horizon) dueSoon.push(summary);
    }
    // ties by dossier code: the order never depends on where the state keeps a dossier
    const byCode = (a: DossierSummary, b: DossierSummary) => (a.dossierCode < b.dossierCode ? -1 : a.dossierCode > b.dossierCode ? 1 : 0);
    overdue.sort((a, b) => (b.workingDays ?? 0) - (a.workingDays ?? 0) || byCode(a, b));
    dueSoon.sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || byCode(a, b));
    const truncated = overdue.length > q.limit || dueSoon.length > q.limit;
    return {
      asOf: now,
      area: q.area ?? null,
      agency: q.agency ?? null,
      within: q.within,
      overdue: overdue.slice(0, q.limit),
      dueSoon: dueSoon.slice(0, q.limit),
      truncated,
    };
  }

  /** A dossier's detail; null when it was never received or `visible` hides it (existence does not leak). */
  detail(code: string, now: number, visible?: (area: string, agency: string) => boolean): DossierDetail | null {
    const rec = this.memory.record(code);
    if (!rec || (visible && !visible(rec.adminUnitCode, rec.agencyCode))) return null;
    const { late, ...summary } = this.summary(rec, now);
    const procedure = rec.receivedAt === null ? undefined : this.options.procedures?.at(rec.procedureCode, rec.receivedAt);
    return {
      summary,
      due: {
        at: rec.dueAt,
        source: rec.dueSource,
        procedure: procedure ? { code: procedure.code, version: procedure.version, legalTime: procedure.legalTime } : null,
      },
      overdue: late,
      verdict: timeliness(rec, now, this.calendar).verdict,
      trail: rec.trail.map((t) => ({ status: t.status, statusAt: t.statusAt, eventId: t.eventId })),
      asOf: now,
    };
  }
}
