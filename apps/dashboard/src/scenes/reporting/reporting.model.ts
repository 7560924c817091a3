import type { IndicatorValueRow, Label, RankingResponse, SubmissionStatus, SubmissionStatusResponse, TargetVerdict } from '@cityioc/contracts';
import { periodBounds, periodLabel, provinceCountForPeriod } from '@cityioc/domain';
import { formatNumber, MISSING, zonedParts, type Lang } from '../../format/format.ts';

/** The part of GET /api/v1/reporting/catalogue the dashboard reads. */
export interface ReportingCatalogueView {
  indicators: { id: string; name: Label; unit: string; decimals: number; direction: 'up' | 'down'; sourceAgency: Label }[];
  units: { code: string; name: string; group: 'city' | 'department' | 'district'; validTo?: string }[];
  regimes: { id: string; name: Label }[];
}

/**
 * The monthly report the wall follows: the current month once its Decree 09 cut-off (the 14th)
 * has passed, else the previous month.
 */
export function followedMonth(now: number, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  let y = Number(p.year);
  let m = Number(p.month);
  if (Number(p.day) < 15) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

export interface TargetRow {
  indicator: string;
  name: string;
  period: string;
  value: string;
  target: string;
  verdict: TargetVerdict;
  /** '13.000 / 362.729' when the parts were reported. */
  parts: string | null;
  illustrative: boolean;
  /** The last day the figure covers (dd/mm/yyyy in the city's zone); null when the period key is not one the calendar knows. */
  until: string | null;
  /**
   * Older than its reporting cycle: a whole cycle (its own length: a year, a quarter, a month) has
   * passed since its period closed, so a newer figure is due. The wall greys it out.
   */
  outdated: boolean;
}

/** Pure: the period's last day and whether a whole cycle has passed since it closed, at `now`. */
export function periodAge(period: string, now: number, timeZone: string): { until: string | null; outdated: boolean } {
  const b = periodBounds(period);
  if (!b) return { until: null, outdated: false };
  const d = zonedParts(b.end - 1, timeZone);
  // the next period of the same kind closes this many calendar months later (a year, a half, a quarter, a month);
  // shorter periods (days, weeks) have a fixed length
  const months = Math.round((b.end - b.start) / (30.44 * 86_400_000));
  const e = zonedParts(b.end, timeZone);
  const y = Number(e.year);
  const m = Number(e.month) - 1;
  const cycle = months >= 1 ? Date.UTC(y, m + months, 1) - Date.UTC(y, m, 1) : b.end - b.start;
  return { until: `${d.day}/${d.month}/${d.year}`, outdated: now >= b.end + cycle };
}

/** A value with its unit; a rank says what it is out of ("hạng 5/63"), the country's provinces in its period. */
function valueText(v: number | null, unit: string, decimals: number, lang: Lang, outOf: number | null = null): string {
  if (v === null) return MISSING;
  const n = formatNumber(v, decimals, lang);
  if (unit === 'hạng') return `${lang === 'vi' ? 'hạng' : 'rank'} ${n}${outOf === null ? '' : `/${outOf}`}`;
  return unit === '%' ? `${n} %` : n;
}

/** The city's indicators (unit 92) at their latest reported period, against their targets. */
export function targetRows(
  rows: readonly IndicatorValueRow[],
  cat: ReportingCatalogueView | undefined,
  lang: Lang,
  at: { now: number; timeZone: string },
  unit = '92',
): TargetRow[] {
  const inds = new Map((cat?.indicators ?? []).map((i) => [i.id, i]));
  return rows
    .filter((r) => r.unit === unit)
    .map((r) => {
      const ind = inds.get(r.indicator);
      const unitOf = ind?.unit ?? '';
      const decimals = ind?.decimals ?? 2;
      const outOf = unitOf === 'hạng' ? provinceCountForPeriod(r.period) : null;
      return {
        indicator: r.indicator,
        name: ind ? ind.name[lang] : r.indicator,
        period: periodLabel(r.period, lang),
        value: valueText(r.value, unitOf, decimals, lang, outOf),
        target: r.target === null ? MISSING : valueText(r.target, unitOf, unitOf === '%' ? 0 : decimals, lang, outOf),
        verdict: r.verdict,
        parts: r.numerator !== null && r.denominator !== null ? `${formatNumber(r.numerator, 0, lang)} / ${formatNumber(r.denominator, 0, lang)}` : null,
        illustrative: r.provenance === 'illustrative',
        ...periodAge(r.period, at.now, at.timeZone),
      };
    });
}

export interface RankingView {
  rows: { rank: number; unit: string; name: string; value: string; illustrative: boolean }[];
  average: string;
  threshold: string | null;
  illustrative: number;
  count: number;
}

export function rankingView(r: RankingResponse | undefined, lang: Lang): RankingView | null {
  if (!r || r.count === 0) return null;
  return {
    rows: r.rows.map((x) => ({
      rank: x.rank,
      unit: x.unit,
      name: x.unitName,
      value: formatNumber(x.value, 2, lang),
      illustrative: x.provenance === 'illustrative',
    })),
    average: r.aggregate === null ? MISSING : `${formatNumber(r.aggregate, 2, lang)} %`,
    threshold: r.threshold === null ? null : `${r.atOrAboveThreshold}/${r.count} ≥ ${formatNumber(r.threshold, 0, lang)} %`,
    illustrative: r.illustrative,
    count: r.count,
  };
}

export interface LateRow {
  unit: string;
  name: string;
  status: SubmissionStatus;
  /** Whole days late (rounded up), or null. */
  daysLate: number | null;
}

/** Units that have not sent the report by the deadline, or sent it late: overdue first, the longest late first. */
export function lateUnits(s: SubmissionStatusResponse | undefined): LateRow[] {
  if (!s) return [];
  const order = (st: SubmissionStatus) => (st === 'overdue' ? 0 : 1);
  return s.units
    .filter((u) => u.status === 'overdue' || u.status === 'submitted_late')
    .map((u) => ({ unit: u.unit, name: u.unitName, status: u.status, daysLate: u.lateByMs === null ? null : Math.ceil(u.lateByMs / 86_400_000) }))
    .sort((a, b) => order(a.status) - order(b.status) || (b.daysLate ?? 0) - (a.daysLate ?? 0) || a.unit.localeCompare(b.unit));
}

/** The latest period of an indicator among the rows (for the ranking the wall shows). */
export function latestPeriodOf(rows: readonly IndicatorValueRow[], indicator: string): string | null {
  let best: string | null = null;
  for (const r of rows) if (r.indicator === indicator && (best === null || r.period > best)) best = r.period;
  return best;
}

/** Who a late unit is: a department or agency of the city, or a commune or ward. */
export type LateUnitKind = 'agency' | 'commune';

/** Communes and wards carry the national 5-digit unit code (31135); every other reporting unit is a department or agency. */
export function lateUnitKind(code: string): LateUnitKind {
  return /^\d{5}$/.test(code) ? 'commune' : 'agency';
}

/** Units late in the same way (same status, same number of days): one line on the wall, not one per unit. */
export interface LateGroup {
  status: SubmissionStatus;
  daysLate: number | null;
  units: { unit: string; name: string }[];
  /** The same units, departments and agencies first, then communes and wards; kinds without a unit left out. */
  byKind: { kind: LateUnitKind; units: { unit: string; name: string }[] }[];
}

const KIND_ORDER: readonly LateUnitKind[] = ['agency', 'commune'];

/** Pure: the late rows (lateUnits' order) grouped by status and days late, in that order. */
export function lateGroups(rows: readonly LateRow[]): LateGroup[] {
  const groups: LateGroup[] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    if (last && last.status === r.status && last.daysLate === r.daysLate) last.units.push({ unit: r.unit, name: r.name });
    else groups.push({ status: r.status, daysLate: r.daysLate, units: [{ unit: r.unit, name: r.name }], byKind: [] });
  }
  for (const g of groups) {
    g.byKind = KIND_ORDER.map((kind) => ({ kind, units: g.units.filter((u) => lateUnitKind(u.unit) === kind) })).filter((k) => k.units.length > 0);
  }
  return groups;
}
