import { monthsOf, parsePeriod } from '../calendar/period.ts';

/**
 * How many province-level units Việt Nam had on a date: a national fact (not the city's), used
 * where a figure says "of N provinces" (a DTI or PAR INDEX rank). Sources:
 * - 63 from 1 August 2008: Nghị quyết 15/2008/QH12 (29/5/2008) merged Hà Tây into Hà Nội.
 * - 34 from 1 July 2025: Nghị quyết 202/2025/QH15 (12/6/2025) on the arrangement of province-level
 *   units (63 → 34: 28 provinces and 6 centrally-run cities); the new provincial authorities took
 *   office on 1/7/2025, the date the two-tier local government began (domain brief §4.2).
 */
export const PROVINCE_COUNTS: readonly { from: string; count: number; source: string }[] = [
  { from: '2008-08-01', count: 63, source: 'Nghị quyết 15/2008/QH12 (29/5/2008), từ 01/8/2008' },
  { from: '2025-07-01', count: 34, source: 'Nghị quyết 202/2025/QH15 (12/6/2025), chính quyền cấp tỉnh mới từ 01/7/2025' },
];

/** The count in force on a local date (yyyy-mm-dd); null before the first entry. */
export function provinceCountOn(date: string): number | null {
  let count: number | null = null;
  for (const c of PROVINCE_COUNTS) if (c.from <= date) count = c.count;
  return count;
}

/** The count at the end of a period ('2022', '2025-H1', '2025-Q3', '2025-07'): what a rank of that period is out of. */
export function provinceCountForPeriod(period: string): number | null {
  const p = parsePeriod(period);
  if (!p || p.kind === 'range' || p.kind === 'day' || p.kind === 'hour') return null;
  const { lastMonth } = monthsOf(p);
  const lastDay = new Date(Date.UTC(p.year, lastMonth, 0)).getUTCDate();
  return provinceCountOn(`${p.year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`);
}
