import type { ObservationInput } from '@cityioc/contracts';
import type { AreaRegistry } from '@cityioc/domain';
import { hash32 } from './dossier-data.ts';
import { predecessorShares, unitsAt } from './geography.ts';

/**
 * The history back-fill: months of citizen field reports (phản ánh hiện trường — the 1022
 * hotline and the city's app) per unit, dated on the units in force each month, so that the
 * analyst page shows the crosswalk at work from the first start: before 1 July 2025 the reports
 * are on the old codes (the old communes of Cần Thơ, Hậu Giang and Sóc Trăng, and a share handled
 * by their districts), after it on today's wards and communes. Re-aggregated onto today's units
 * the series runs on without a break; as it was, it stops at the reorganisation.
 *
 * One observation per unit and month carrying the month's count (the indicator sums), dated on
 * the month's last day, with a deterministic id: a restart re-sends duplicates, never new data.
 * Volumes are illustrative (no published monthly figure per unit): about `perMonth` reports a month
 * city-wide, by population, more in the rainy season. Pure: the registry is passed in.
 */
export const CITIZEN_REPORTS = 'citizen_reports_received';
/** Illustrative: reports a month across the city (Huế's Hue-S took ≈ 2,500 a month for 1.1 M people). */
export const REPORTS_PER_MONTH = 6_000;
/** Share of an old commune's reports that its district handled (data on the district's own code). */
export const DISTRICT_SHARE = 0.1;

export interface HistoryOptions {
  registry: AreaRegistry;
  /** First and last month, 'YYYY-MM', both included. */
  from: string;
  to: string;
  seed: number;
  perMonth?: number;
}

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let k = `${from}`; k <= to && out.length < 600;) {
    out.push(k);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    k = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Where today's unit `code` (in force on `today`) lay on `date`: the units in force then and the
 * share of it each holds, following the registry's predecessors back through every change.
 */
export function unitsOnDate(registry: AreaRegistry, code: string, today: string, date: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (c: string, versionDate: string, share: number, depth: number) => {
    const version = registry.areaAt(c, versionDate);
    if (!version || depth > 10) return;
    if (version.validFrom <= date && (version.validTo === null || date < version.validTo)) {
      out.set(c, (out.get(c) ?? 0) + share);
      return;
    }
    const before = dayBefore(version.validFrom);
    for (const p of predecessorShares(registry, c, versionDate)) walk(p.code, before, share * p.share, depth + 1);
  };
  walk(code, today, 1, 0);
  return out;
}

/** A month's seasonal factor: more reports in the rainy season (flooded streets), fewer at Tết. */
function season(month: string): number {
  const m = Number(month.slice(5, 7));
  return 1 + 0.2 * Math.sin(((m - 5) / 12) * 2 * Math.PI);
}

/** ±12 % a month and unit, fixed by the seed: the same run re-creates the same values. */
function noise(seed: number, code: string, month: string): number {
  return 0.88 + (0.24 * hash32(`${seed}|cr|${code}|${month}`)) / 0xffffffff;
}

export function citizenReportHistory(o: HistoryOptions): ObservationInput[] {
  const perMonth = o.perMonth ?? REPORTS_PER_MONTH;
  const today = o.registry.unitsValidAt('9999-12-31', { level: 'commune' });
  const todayDate = today.reduce((d, u) => (u.validFrom > d ? u.validFrom : d), o.registry.file.historyFrom);
  const units = unitsAt(o.registry, todayDate, 'commune');
  const total = units.reduce((s, u) => s + u.population, 0);
  const out: ObservationInput[] = [];
  for (const month of months(o.from, o.to)) {
    const date = lastDay(month);
    const counts = new Map<string, number>();
    for (const u of units) {
      const volume = ((perMonth * u.population) / total) * season(month) * noise(o.seed, u.code, month);
      for (const [code, share] of unitsOnDate(o.registry, u.code, todayDate, date)) {
        const version = o.registry.areaAt(code, date)!;
        const parent = version.parent === null ? undefined : o.registry.areaAt(version.parent, date);
        // Before the reorganisation a district took a share of its communes' reports itself.
        if (parent?.level === 'district') {
          counts.set(parent.code, (counts.get(parent.code) ?? 0) + volume * share * DISTRICT_SHARE);
          counts.set(code, (counts.get(code) ?? 0) + volume * share * (1 - DISTRICT_SHARE));
        } else counts.set(code, (counts.get(code) ?? 0) + volume * share);
      }
    }
    const observedAt = `${date}T20:00:00+07:00`;
    for (const [area, v] of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
      out.push({ id: `sim-cr-${area}-${month}`, indicator: CITIZEN_REPORTS, area, observedAt, value: Math.round(v) });
  }
  return out;
}
