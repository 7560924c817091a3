import { cellKey, type Cell } from '@cityioc/contracts';

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
