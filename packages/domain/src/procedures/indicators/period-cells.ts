import { wholeMonthsOf } from '../../calendar/period.ts';

/**
 * The bookkeeping that the incremental dossier states share (`AdminIndicatorState`,
 * `DossierScoreCells`): cells keyed by period and dimensions, listed per period, and the part each
 * dossier adds to its cells. A changed dossier takes its old part out of its cells and puts the new
 * one in (`apply` with -1, then +1), so a replay costs O(1) cell updates per event. What a cell
 * counts and how a part is applied belong to the state that owns the index.
 */
export class PeriodCellIndex<Cell extends { readonly period: string }, Part extends { readonly cells: readonly Cell[] }> {
  private readonly cells = new Map<string, Cell>();
  private readonly byPeriod = new Map<string, Cell[]>();
  private readonly parts = new Map<string, Part>();

  constructor(private readonly apply: (part: Part, sign: 1 | -1) => void) {}

  /** Dossiers currently counted. */
  get size(): number {
    return this.parts.size;
  }

  /** The part a dossier adds now, if it is counted. */
  partOf(dossierCode: string): Part | undefined {
    return this.parts.get(dossierCode);
  }

  /** Replaces what a dossier adds to its cells; null forgets the dossier. */
  set(dossierCode: string, next: Part | null): void {
    const prev = this.parts.get(dossierCode);
    if (prev) this.apply(prev, -1);
    if (next) {
      this.apply(next, +1);
      this.parts.set(dossierCode, next);
    } else this.parts.delete(dossierCode);
  }

  /**
   * Takes a dossier's part out of the index while its counts stay in the cells (a finished dossier
   * leaving memory keeps its part in a compact form); `attach` puts it back before it changes.
   */
  detach(dossierCode: string): Part | undefined {
    const part = this.parts.get(dossierCode);
    this.parts.delete(dossierCode);
    return part;
  }

  /** Puts back a part `detach` took out (its counts are already in its cells). */
  attach(dossierCode: string, part: Part): void {
    if (this.parts.has(dossierCode)) throw new Error(`dossier ${dossierCode} already has a part`);
    this.parts.set(dossierCode, part);
  }

  /** The cell of `key`, made by `make` (and listed under its period) the first time. */
  cell(key: string, make: () => Cell): Cell {
    let cell = this.cells.get(key);
    if (!cell) {
      cell = make();
      this.cells.set(key, cell);
      const list = this.byPeriod.get(cell.period);
      if (list) list.push(cell);
      else this.byPeriod.set(cell.period, [cell]);
    }
    return cell;
  }

  /**
   * The cells a period sums: its own ('2025-03', '2025-Q1', '2025-H1', '2025', 'all'), or for a
   * period kept as no cell of its own but made of whole months ('2025-9M', '2025-11-01..2026-02-28')
   * the cells of those months.
   */
  cellsFor(period: string): readonly Cell[] {
    const own = this.byPeriod.get(period);
    if (own) return own;
    return (wholeMonthsOf(period) ?? []).flatMap((m) => this.byPeriod.get(m) ?? []);
  }
}
