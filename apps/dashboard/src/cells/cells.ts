import { cellKey, type Cell } from '@cityioc/contracts';
import { freshness, type CatalogueIndex, type Freshness } from '@cityioc/domain';
import type { Lang } from '../format/format.ts';

/** Cells by key, for O(1) lookups while rendering. */
export type CellIndex = ReadonlyMap<string, Cell>;

export function indexCells(cells: readonly Cell[] | undefined): CellIndex {
  const m = new Map<string, Cell>();
  if (cells) for (const c of cells) m.set(c.key, c);
  return m;
}

export function areaCell(index: CellIndex, area: string, indicator: string): Cell | undefined {
  return index.get(cellKey(area, null, indicator));
}

export function stationCell(index: CellIndex, area: string, station: string, indicator: string): Cell | undefined {
  return index.get(cellKey(area, station, indicator));
}

/** A cell's value when it is a real number; null for a missing cell or a null value. */
export function valueOf(cell: Cell | undefined): number | null {
  return cell && typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : null;
}

/** observedAt when it is a real instant (a cell without observations carries none). */
export function observedAtOf(cell: Cell | undefined): number | null {
  return cell && typeof cell.observedAt === 'number' && Number.isFinite(cell.observedAt) ? cell.observedAt : null;
}

/**
 * What a live view of stations (map points, road segments, panel rows) is built from: the catalogue,
 * the live cells, the clock and link state (freshness is evaluated at `now`; offline greys all),
 * and the reader's language and time zone.
 */
export interface LiveViewInput {
  catalogue: CatalogueIndex;
  cells: CellIndex;
  now: number;
  offline: boolean;
  lang: Lang;
  timeZone: string;
}

/** A reading's freshness at `now` against its indicator's cadence: 'none' without a value. */
export function readingFreshness(value: number | null, observedAt: number | null, cadenceSec: number, now: number): Freshness {
  return value === null ? 'none' : freshness(observedAt, cadenceSec, now);
}

/** Drawn grey: a reading older than its cadence, or every reading while the link is down. */
export function shownStale(value: number | null, observedAt: number | null, cadenceSec: number, input: Pick<LiveViewInput, 'now' | 'offline'>): boolean {
  return input.offline || readingFreshness(value, observedAt, cadenceSec, input.now) === 'stale';
}
