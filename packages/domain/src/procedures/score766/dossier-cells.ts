import { periodKeysOf } from '../../calendar/period.ts';
import type { WorkCalendar } from '../../calendar/work-calendar.ts';
import type { DossierRecord } from '../dossier/dossier-record.ts';
import { isCompleted, processingWorkingMs } from '../dossier/dossier-rules.ts';
import { DOSSIER_PERIOD_KINDS, type CellFilter, type CellView, type DossierPeriodKind } from '../indicators/dossier-indicators.ts';
import { PeriodCellIndex } from '../indicators/period-cells.ts';
import { packVector, unpackVector } from '../dossier/fact-codec.ts';

/**
 * What one dossier contributes to the Decision 766 indicators that count dossiers, as flags that
 * depend on the dossier alone. Facts of its procedure (a paper result required, a certification
 * procedure) are applied when the indicators are computed, per procedure, so that a catalogue
 * change never needs the dossiers folded again. The drill-down lists dossiers with the same flags.
 */
export const DOSSIER_COUNTERS = [
  'received',
  /** an event said whether it is synced to DVCQG */
  'syncKnown',
  'synced',
  /** channel 2 */
  'online',
  /** online with an electronic result (a paper-result procedure counts online dossiers only with one: 3.3) */
  'onlineEResult',
  'completed',
  'completedEResult',
  'digitized',
  'digitizedEResult',
  'reused',
  'personalStorage',
  /** population data or a VNeID-authenticated account (4.5) */
  'populationData',
  'certifiedCopy',
  /** synced with non-zero fee data (3.5) */
  'feeSynced',
  /** has a PAKN or a dislike (5.4) */
  'complained',
  'processed',
  'processingWorkingMs',
  'processingElapsedMs',
] as const;
export type DossierCounter = (typeof DOSSIER_COUNTERS)[number];
export type DossierCounts = Record<DossierCounter, number>;

const N = DOSSIER_COUNTERS.length;
const IDX = Object.fromEntries(DOSSIER_COUNTERS.map((k, i) => [k, i])) as Record<DossierCounter, number>;

export function emptyCounts(): DossierCounts {
  return Object.fromEntries(DOSSIER_COUNTERS.map((k) => [k, 0])) as DossierCounts;
}

/**
 * The dossier's flags as a vector in DOSSIER_COUNTERS order (1/0, or times in ms for the
 * processing sums); null when it was never received. A vector, not an object: it is made on every
 * event of a replay.
 */
export function dossierFlagVector(r: DossierRecord, complained: boolean, calendar: WorkCalendar): Float64Array | null {
  if (!r.received || r.receivedAt === null) return null;
  const v = new Float64Array(N);
  const completed = isCompleted(r);
  const online = r.channel === 2;
  v[IDX.received] = 1;
  if (r.syncedToDvcqg !== null) v[IDX.syncKnown] = 1;
  if (r.syncedToDvcqg === true) {
    v[IDX.synced] = 1;
    if (r.feeData === true) v[IDX.feeSynced] = 1;
  }
  if (online) v[IDX.online] = 1;
  if (online && r.eResult) v[IDX.onlineEResult] = 1;
  if (completed) v[IDX.completed] = 1;
  if (completed && r.eResult) v[IDX.completedEResult] = 1;
  if (r.digitized) v[IDX.digitized] = 1;
  if (r.digitized && r.eResult) v[IDX.digitizedEResult] = 1;
  if (r.reusedDigitizedData) v[IDX.reused] = 1;
  if (r.personalStorage) v[IDX.personalStorage] = 1;
  if (r.populationData || r.vneidVerified) v[IDX.populationData] = 1;
  if (r.eCertifiedCopy) v[IDX.certifiedCopy] = 1;
  if (complained) v[IDX.complained] = 1;
  const working = completed ? processingWorkingMs(r, calendar) : null;
  if (working !== null && r.endAt !== null) {
    v[IDX.processed] = 1;
    v[IDX.processingWorkingMs] = working;
    v[IDX.processingElapsedMs] = Math.max(0, r.endAt - r.receivedAt);
  }
  return v;
}

/** `dossierFlagVector` as named counts (tests, the drill-down). */
export function dossierFlags(r: DossierRecord, complained: boolean, calendar: WorkCalendar): DossierCounts | null {
  const v = dossierFlagVector(r, complained, calendar);
  return v && toCounts(v);
}

/** The national code of a procedure code ('1.000494.000.00.00.H29' → '1.000494'). */
export function nationalCode(code: string): string {
  return code.length > 8 ? code.slice(0, 8) : code;
}

interface Cell extends CellView {
  procedure: string;
  v: Float64Array;
}

interface Part {
  cells: readonly Cell[];
  receivedAt: number;
  area: string;
  agency: string;
  procedure: string;
  v: Float64Array;
}

export interface DossierCellFilter extends CellFilter {
  procedure?: (nationalCode: string) => boolean;
}

export interface DossierCellSums {
  total: DossierCounts;
  /** Per national procedure code. */
  byProcedure: Map<string, DossierCounts>;
}

const SEP = '\u0001';

/**
 * The dossier counters of Decision 766 per (period, area, agency, procedure) cell, kept
 * incrementally like `AdminIndicatorState`: `put` a dossier's flags whenever its record (or its
 * complaints) change, its old part leaves the cells and the new one enters, so a replay costs O(1)
 * cell updates per event. Periods by reception date (month, quarter, half, year; whole-month
 * ranges and nine months sum their months).
 */
export class DossierScoreCells {
  private readonly index = new PeriodCellIndex<Cell, Part>(applyPart);
  private readonly kinds: readonly DossierPeriodKind[];

  constructor(kinds: readonly DossierPeriodKind[] = DOSSIER_PERIOD_KINDS) {
    this.kinds = kinds;
  }

  get size(): number {
    return this.index.size;
  }

  /** Records a dossier's flags (`dossierFlagVector`; null: not received, forget it). */
  put(dossierCode: string, r: DossierRecord, v: Float64Array | null): void {
    const prev = this.index.partOf(dossierCode);
    if (!v || r.receivedAt === null) {
      this.index.set(dossierCode, null);
      return;
    }
    const procedure = nationalCode(r.procedureCode);
    const same = prev && prev.receivedAt === r.receivedAt && prev.area === r.adminUnitCode && prev.agency === r.agencyCode && prev.procedure === procedure;
    if (same && sameVector(prev.v, v)) return;
    const cells = same ? prev.cells : this.cellsAt(r.receivedAt, r.adminUnitCode, r.agencyCode, procedure);
    this.index.set(dossierCode, { cells, receivedAt: r.receivedAt, area: r.adminUnitCode, agency: r.agencyCode, procedure, v });
  }

  remove(dossierCode: string): void {
    this.index.set(dossierCode, null);
  }

  /** Lets a finished dossier's part leave memory, its counts staying in the cells: the part as text ('' when it counts nowhere). */
  archivePart(dossierCode: string): string {
    const part = this.index.detach(dossierCode);
    return part ? packVector(part.v) : '';
  }

  /** Puts back the part `archivePart` returned, for the same dossier's record. */
  restorePart(r: DossierRecord, packed: string): void {
    if (packed === '') return;
    if (r.receivedAt === null) throw new Error(`dossier ${r.dossierCode}: a counted part for a record not received`);
    const procedure = nationalCode(r.procedureCode);
    const cells = this.cellsAt(r.receivedAt, r.adminUnitCode, r.agencyCode, procedure);
    const v = Float64Array.from(unpackVector(packed, N));
    this.index.attach(r.dossierCode, { cells, receivedAt: r.receivedAt, area: r.adminUnitCode, agency: r.agencyCode, procedure, v });
  }

  /** The counters of a period summed over the cells that pass the filter, in total and per procedure (Σ of counts, never a mean of rates). */
  sum(period: string, filter: DossierCellFilter = {}): DossierCellSums {
    const total = new Float64Array(N);
    const per = new Map<string, Float64Array>();
    for (const c of this.index.cellsFor(period)) {
      if (filter.area && !filter.area(c.area)) continue;
      if (filter.agency && !filter.agency(c.agency)) continue;
      if (filter.procedure && !filter.procedure(c.procedure)) continue;
      let p = per.get(c.procedure);
      if (!p) per.set(c.procedure, (p = new Float64Array(N)));
      for (let i = 0; i < N; i++) {
        total[i]! += c.v[i]!;
        p[i]! += c.v[i]!;
      }
    }
    const byProcedure = new Map<string, DossierCounts>();
    for (const [code, v] of per) if (v[IDX.received]! > 0) byProcedure.set(code, toCounts(v));
    return { total: toCounts(total), byProcedure };
  }

  private cellsAt(receivedAt: number, area: string, agency: string, procedure: string): Cell[] {
    return periodKeysOf(receivedAt, this.kinds).map((p) => this.cell(p, area, agency, procedure));
  }

  private cell(period: string, area: string, agency: string, procedure: string): Cell {
    return this.index.cell(`${period}${SEP}${area}${SEP}${agency}${SEP}${procedure}`, () => ({ period, area, agency, procedure, v: new Float64Array(N) }));
  }
}

function applyPart(p: Part, sign: 1 | -1): void {
  for (const cell of p.cells) for (let i = 0; i < N; i++) cell.v[i]! += sign * p.v[i]!;
}

function sameVector(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < N; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toCounts(v: Float64Array): DossierCounts {
  const c = emptyCounts();
  DOSSIER_COUNTERS.forEach((k, i) => (c[k] = v[i]!));
  return c;
}
