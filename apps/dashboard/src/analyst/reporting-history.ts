import type { IndicatorHistoryResponse } from '@cityioc/contracts';
import { formatNumber, MISSING, type Lang } from '../format/format.ts';
import { periodLabel } from '@cityioc/domain';

export interface HistoryTable {
  /** Period labels, oldest first. */
  columns: { id: string; label: string }[];
  rows: { unit: string; name: string; cells: { text: string; illustrative: boolean }[] }[];
}

/** Units down, periods across; a value the unit did not report is '—'. */
export function historyTable(h: IndicatorHistoryResponse | undefined, decimals: number, lang: Lang): HistoryTable {
  if (!h) return { columns: [], rows: [] };
  const byKey = new Map(h.points.map((p) => [`${p.unit}|${p.period}`, p]));
  return {
    columns: h.periods.map((id) => ({ id, label: periodLabel(id, lang) })),
    rows: h.units.map((u) => ({
      unit: u.unit,
      name: u.unitName,
      cells: h.periods.map((period) => {
        const p = byKey.get(`${u.unit}|${period}`);
        return { text: p?.value === null || p === undefined ? MISSING : formatNumber(p.value, decimals, lang), illustrative: p?.provenance === 'illustrative' };
      }),
    })),
  };
}
