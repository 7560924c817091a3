import { DAY_MS } from '../../calendar/local-time.ts';
import type { WorkCalendar } from '../../calendar/work-calendar.ts';
import type { DossierRecord } from '../dossier/dossier-record.ts';
import { isCompleted, isOpen, isStopped, lateAfter, processingWorkingMs, timeliness, type TimelinessOptions } from '../dossier/dossier-rules.ts';
import { packVector, unpackVector } from '../dossier/fact-codec.ts';
import { DeadlineBag } from './deadline-bag.ts';
import { PeriodCellIndex } from './period-cells.ts';
import { periodBounds, periodKeysOf, type SeriesKind } from '../../calendar/period.ts';

/**
 * Dossiers belong to the periods of their reception date (NgayTiepNhan) on the local calendar:
 * a dossier received at 23:30 on 31 March local time (16:30 UTC) belongs to March and Q1.
 */
export type DossierPeriodKind = Exclude<SeriesKind, 'hour' | 'day'>;
/** The period kinds the cells are kept for, longest first. */
export const DOSSIER_PERIOD_KINDS: readonly DossierPeriodKind[] = ['year', 'half', 'quarter', 'month'];
/** The key of the cell that ignores periods. */
export const ALL_TIME = 'all';

/** A ratio kept as its parts so that it combines as Σnumerator / Σdenominator, never as a mean of percentages. */
export interface RatioPair {
  numerator: number;
  denominator: number;
}

/** The ratio of a pair, or null when the denominator is 0 (shown as N/A). */
export function ratioOf(p: RatioPair): number | null {
  return p.denominator === 0 ? null : p.numerator / p.denominator;
}

/**
 * The administrative-procedure indicators of a set of dossiers for one period, as of `now`.
 * Dossiers belong to the period of their reception date.
 */
export interface AdminIndicatorValues {
  received: number;
  /** Received, neither completed nor stopped (includes dossiers waiting on the applicant). */
  inProcess: number;
  /** Completed (status 9/10), split by the 766 verdict; completed dossiers without a deadline are in neither part. */
  completed: number;
  completedOnTime: number;
  completedLate: number;
  /** Stopped or withdrawn (8/7). */
  stopped: number;
  /** Open and past the effective due date at `now`. */
  overdue: number;
  /** 766 indicator 2.1: on time (ended on time, or open and within the deadline at min(now, period end)) / received with a deadline. */
  onTime: RatioPair;
  /** 766 3.3 without the sync ratio: online dossiers (channel 2) / received. */
  onlineSubmission: RatioPair;
  /** 766 3.6: paid online (1 DVCQG, 2 own gateway) / fee-bearing. */
  onlinePayment: RatioPair;
  /** 766 4.2 as the feed reports it: dossiers with digitised components / received. */
  digitisation: RatioPair;
  /** 766 4.3: dossiers re-using digitised data / received. */
  reuse: RatioPair;
  /** 766 4.1 approximated: completed dossiers with an electronic result / completed. */
  electronicResult: RatioPair;
  /** 766 2.2: Σ working days of processing (net of supplement time) / completed dossiers. */
  avgProcessingWorkingDays: RatioPair;
}

export interface AdminIndicatorOptions extends TimelinessOptions {
  calendar: WorkCalendar;
  /** Period kinds to keep (default all: year, half, quarter, month); the all-time cell is always kept. */
  periodKinds?: readonly DossierPeriodKind[];
}

// Counters are kept in arrays indexed by these positions: a replay updates several cells per event,
// and keyed access on many-property objects is what dominated its profile.
const C = {
  received: 0,
  online: 1,
  feeBearing: 2,
  paidOnline: 3,
  digitized: 4,
  reused: 5,
  completed: 6,
  completedOnTime: 7,
  completedLate: 8,
  completedUnknown: 9,
  eResult: 10,
  stopped: 11,
  stoppedOnTime: 12,
  stoppedUnknown: 13,
  open: 14,
  /** Working time of processing in ms: integers keep add-then-remove exact. */
  processingMs: 15,
  processed: 16,
} as const;
const N_COUNTERS = 17;

/** One dossier's part in the cells it belongs to; a pure function of its record. */
interface Contribution {
  receivedAt: number;
  area: string;
  agency: string;
  /** The cells it counts in, resolved once per reception date, area and agency. */
  cells: readonly Cell[];
  v: number[];
  /** lateAfter of an open dossier (see dossier-rules), else null. */
  lateAfter: number | null;
}

interface Cell extends CellView {
  v: number[];
  /** Open dossiers late whatever the clock. */
  openLate: number;
  /** Open dossiers paused on the applicant (never late while paused). */
  openPaused: number;
  /** Open dossiers without any deadline. */
  openUnknown: number;
  deadlines: DeadlineBag;
}

export interface CellView {
  period: string;
  area: string;
  agency: string;
}

export interface CellFilter {
  area?: (code: string) => boolean;
  agency?: (code: string) => boolean;
}

const SEP = '\u0001';

function sameContribution(a: Contribution, b: Contribution): boolean {
  if (a.cells !== b.cells || !Object.is(a.lateAfter, b.lateAfter)) return false;
  for (let i = 0; i < N_COUNTERS; i++) if (a.v[i] !== b.v[i]) return false;
  return true;
}

/**
 * Incremental indicator state over dossier records, per (period, area, agency) cell. `put` a
 * dossier's record whenever it changes: its previous part is taken out of the cells and the new
 * one added, so replaying events costs O(1) cell updates each, whatever the history. Queries sum
 * cells (Σnumerator/Σdenominator across agencies and areas) and apply the clock: which open
 * dossiers are overdue depends on `now`, never on an event having arrived.
 */
export class AdminIndicatorState {
  private readonly index = new PeriodCellIndex<Cell, Contribution>((c, sign) => this.apply(c, sign));
  private readonly kinds: readonly DossierPeriodKind[];

  constructor(private readonly options: AdminIndicatorOptions) {
    this.kinds = options.periodKinds ?? DOSSIER_PERIOD_KINDS;
  }

  /** Dossiers counted whose part is in memory (received ones, less those whose part was archived). */
  get size(): number {
    return this.index.size;
  }

  /** Records a dossier's current state (dossier codes identify dossiers), replacing what was counted for it before. */
  put(record: DossierRecord): void {
    const prev = this.index.partOf(record.dossierCode);
    const next = this.contributionOf(record, prev);
    if (prev && next && sameContribution(prev, next)) return;
    this.index.set(record.dossierCode, next);
  }

  /** Forgets a dossier. */
  remove(dossierCode: string): void {
    this.index.set(dossierCode, null);
  }

  /**
   * Lets a finished dossier's part leave memory while its counts stay in the cells: returns the
   * part as text ('' when the dossier counts nowhere), or null when it must stay (an open
   * dossier's deadline follows the clock). `restorePart` puts it back before the dossier changes.
   */
  archivePart(dossierCode: string): string | null {
    const part = this.index.partOf(dossierCode);
    if (!part) return '';
    if (part.lateAfter !== null) return null;
    this.index.detach(dossierCode);
    return packVector(part.v);
  }

  /** Puts back the part `archivePart` returned, for the same dossier's record (its cells follow from reception date, area and agency). */
  restorePart(record: DossierRecord, packed: string): void {
    if (packed === '') return;
    if (record.receivedAt === null) throw new Error(`dossier ${record.dossierCode}: a counted part for a record not received`);
    const { receivedAt, adminUnitCode: area, agencyCode: agency } = record;
    this.index.attach(record.dossierCode, {
      receivedAt,
      area,
      agency,
      cells: this.cellsAt(receivedAt, area, agency),
      v: unpackVector(packed, N_COUNTERS),
      lateAfter: null,
    });
  }

  /** The cells of a period (see cellsFor) that hold received dossiers. */
  cellsOf(period: string): CellView[] {
    const out: CellView[] = [];
    for (const c of this.index.cellsFor(period)) if (c.v[C.received]! > 0) out.push({ period: c.period, area: c.area, agency: c.agency });
    return out;
  }

  /**
   * The indicators of a period summed over the cells that pass the filter, as of `now`. For the
   * on-time ratio, open dossiers are judged at min(now, period end) per 766.
   */
  query(period: string, now: number, filter: CellFilter = {}): AdminIndicatorValues {
    const bounds = period === ALL_TIME ? null : periodBounds(period);
    const at = bounds ? Math.min(now, bounds.end) : now;
    const sum = new Array<number>(N_COUNTERS).fill(0);
    let openLateNow = 0;
    let openLateAt = 0;
    let openUnknown = 0;
    for (const c of this.index.cellsFor(period)) {
      if (filter.area && !filter.area(c.area)) continue;
      if (filter.agency && !filter.agency(c.agency)) continue;
      for (let i = 0; i < N_COUNTERS; i++) sum[i]! += c.v[i]!;
      const lateNow = c.deadlines.countBefore(now);
      openLateNow += c.openLate + lateNow;
      openLateAt += c.openLate + (at === now ? lateNow : c.deadlines.countBefore(at));
      openUnknown += c.openUnknown;
    }
    const g = (i: number) => sum[i]!;
    const received = g(C.received);
    const open = g(C.open);
    return {
      received,
      inProcess: open,
      completed: g(C.completed),
      completedOnTime: g(C.completedOnTime),
      completedLate: g(C.completedLate),
      stopped: g(C.stopped),
      overdue: openLateNow,
      onTime: {
        numerator: g(C.completedOnTime) + g(C.stoppedOnTime) + (open - openUnknown - openLateAt),
        denominator: received - g(C.completedUnknown) - g(C.stoppedUnknown) - openUnknown,
      },
      onlineSubmission: { numerator: g(C.online), denominator: received },
      onlinePayment: { numerator: g(C.paidOnline), denominator: g(C.feeBearing) },
      digitisation: { numerator: g(C.digitized), denominator: received },
      reuse: { numerator: g(C.reused), denominator: received },
      electronicResult: { numerator: g(C.eResult), denominator: g(C.completed) },
      avgProcessingWorkingDays: { numerator: g(C.processingMs) / DAY_MS, denominator: g(C.processed) },
    };
  }

  /** The indicators of a period per area or per agency, for ranking and comparison. */
  breakdown(period: string, now: number, by: 'area' | 'agency', filter: CellFilter = {}): Map<string, AdminIndicatorValues> {
    const codes = new Set(this.cellsOf(period).map((c) => c[by]));
    const out = new Map<string, AdminIndicatorValues>();
    for (const code of codes) {
      const own = (x: string) => x === code;
      out.set(
        code,
        this.query(
          period,
          now,
          by === 'area'
            ? { ...filter, area: (a) => own(a) && (filter.area?.(a) ?? true) }
            : { ...filter, agency: (a) => own(a) && (filter.agency?.(a) ?? true) },
        ),
      );
    }
    return out;
  }

  private contributionOf(r: DossierRecord, prev: Contribution | undefined): Contribution | null {
    if (!r.received || r.receivedAt === null) return null;
    const { calendar } = this.options;
    const opts: TimelinessOptions = this.options.pauseMeasure ? { pauseMeasure: this.options.pauseMeasure } : {};
    // The cells only change when the reception date, area or agency does: reuse them (and their identity, for sameContribution).
    const cells =
      prev && prev.receivedAt === r.receivedAt && prev.area === r.adminUnitCode && prev.agency === r.agencyCode
        ? prev.cells
        : this.cellsAt(r.receivedAt, r.adminUnitCode, r.agencyCode);
    const completed = isCompleted(r);
    const stopped = isStopped(r);
    // Ended dossiers have a verdict fixed by their end time; `at` does not matter for them.
    const verdict = completed || stopped ? timeliness(r, r.endAt!, calendar, opts).verdict : null;
    const processing = completed ? processingWorkingMs(r, calendar) : null;
    const v = new Array<number>(N_COUNTERS).fill(0);
    v[C.received] = 1;
    v[C.online] = r.channel === 2 ? 1 : 0;
    v[C.feeBearing] = r.feeBearing ? 1 : 0;
    v[C.paidOnline] = r.feeBearing && (r.onlinePayment === 1 || r.onlinePayment === 2) ? 1 : 0;
    v[C.digitized] = r.digitized ? 1 : 0;
    v[C.reused] = r.reusedDigitizedData ? 1 : 0;
    v[C.completed] = completed ? 1 : 0;
    v[C.completedOnTime] = completed && verdict === 'on_time' ? 1 : 0;
    v[C.completedLate] = completed && verdict === 'late' ? 1 : 0;
    v[C.completedUnknown] = completed && verdict === 'unknown' ? 1 : 0;
    v[C.eResult] = completed && r.eResult ? 1 : 0;
    v[C.stopped] = stopped ? 1 : 0;
    v[C.stoppedOnTime] = stopped && verdict === 'on_time' ? 1 : 0;
    v[C.stoppedUnknown] = stopped && verdict === 'unknown' ? 1 : 0;
    v[C.open] = isOpen(r) ? 1 : 0;
    v[C.processingMs] = processing ?? 0;
    v[C.processed] = processing === null ? 0 : 1;
    return { receivedAt: r.receivedAt, area: r.adminUnitCode, agency: r.agencyCode, cells, v, lateAfter: lateAfter(r, calendar, opts) };
  }

  private cellsAt(receivedAt: number, area: string, agency: string): Cell[] {
    return [...periodKeysOf(receivedAt, this.kinds), ALL_TIME].map((p) => this.cell(p, area, agency));
  }

  private cell(period: string, area: string, agency: string): Cell {
    return this.index.cell(`${period}${SEP}${area}${SEP}${agency}`, () => ({
      period,
      area,
      agency,
      v: new Array<number>(N_COUNTERS).fill(0),
      openLate: 0,
      openPaused: 0,
      openUnknown: 0,
      deadlines: new DeadlineBag(),
    }));
  }

  private apply(c: Contribution, sign: 1 | -1): void {
    const t = c.lateAfter;
    for (const cell of c.cells) {
      const v = cell.v;
      for (let i = 0; i < N_COUNTERS; i++) v[i]! += sign * c.v[i]!;
      if (t !== null) {
        if (Number.isNaN(t)) cell.openUnknown += sign;
        else if (t === -Infinity) cell.openLate += sign;
        else if (t === Infinity) cell.openPaused += sign;
        else if (sign > 0) cell.deadlines.add(t);
        else cell.deadlines.remove(t);
      }
      // An emptied cell is kept: the same dossier usually comes straight back (taken out, then added).
    }
  }
}
