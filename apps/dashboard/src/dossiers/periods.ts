import { DEFAULT_TIME_ZONE, zonedParts, type Lang } from '../format/format.ts';

/**
 * Reporting periods as the dossier API names them: '2026' (year), '2026-H2' (half), '2026-Q4'
 * (quarter), '2026-11' (month). Dossiers belong to the period of their reception date, on the
 * city's calendar. Pure: the clock is passed in.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** The kinds a screen offers, shortest first (the wall and the analyst page do not offer halves). */
export const SCREEN_PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

export interface ParsedPeriod {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2; 1 for a year. */
  index: number;
}

const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;
const PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export function isPeriodKind(value: unknown): value is PeriodKind {
  return value === 'month' || value === 'quarter' || value === 'half' || value === 'year';
}

/** Null when the key is not a period key. */
export function parsePeriod(key: string): ParsedPeriod | null {
  const m = PERIOD_RE.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'month', year, index: Number(m[2]) };
  if (m[3]) return { kind: 'quarter', year, index: Number(m[3]) };
  if (m[4]) return { kind: 'half', year, index: Number(m[4]) };
  return { kind: 'year', year, index: 1 };
}

export function periodKindOf(key: string): PeriodKind | null {
  return parsePeriod(key)?.kind ?? null;
}

export function formatPeriod(p: ParsedPeriod): string {
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.year}-H${p.index}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
  }
}

/** The period `steps` periods of the same kind away: shiftPeriod('2026-01', -1) → '2025-12'. */
export function shiftPeriod(key: string, steps: number): string | null {
  const p = parsePeriod(key);
  if (!p || !Number.isInteger(steps)) return null;
  const n = PER_YEAR[p.kind];
  const ordinal = p.year * n + (p.index - 1) + steps;
  const year = Math.floor(ordinal / n);
  if (year < 1000 || year > 9999) return null;
  return formatPeriod({ kind: p.kind, year, index: (ordinal % n) + 1 });
}

export const previousPeriod = (key: string): string | null => shiftPeriod(key, -1);
export const nextPeriod = (key: string): string | null => shiftPeriod(key, 1);

/** The first month (1–12) of a period. */
export function firstMonthOf(p: ParsedPeriod): number {
  return (p.index - 1) * MONTHS_PER[p.kind] + 1;
}

/** The period of `kind` that holds the first month of `key`: ('2026-11', 'quarter') → '2026-Q4'; ('2026', 'month') → '2026-01'. */
export function convertPeriod(key: string, kind: PeriodKind): string | null {
  const p = parsePeriod(key);
  if (!p) return null;
  return periodOfMonth(kind, p.year, firstMonthOf(p));
}

export function periodOfMonth(kind: PeriodKind, year: number, month: number): string {
  return formatPeriod({ kind, year, index: Math.floor((month - 1) / MONTHS_PER[kind]) + 1 });
}

/** The period of `kind` containing an instant, on the city's calendar (Asia/Ho_Chi_Minh by default). */
export function currentPeriod(kind: PeriodKind, epochMs: number, timeZone = DEFAULT_TIME_ZONE): string {
  const z = zonedParts(epochMs, timeZone);
  return periodOfMonth(kind, Number(z.year), Number(z.month));
}

/** Order of two keys of the same kind (negative when a is earlier); NaN for keys of different kinds. */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb || pa.kind !== pb.kind) return Number.NaN;
  return pa.year * 12 + pa.index - (pb.year * 12 + pb.index);
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'Tháng 11/2026', 'Quý IV/2026', '6 tháng cuối năm 2026', 'Năm 2026' (en: 'November 2026', 'Q4 2026', 'H2 2026', 'Year 2026'). */
export function periodLabel(key: string, lang: Lang): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (lang === 'en') {
    switch (p.kind) {
      case 'year':
        return `Year ${p.year}`;
      case 'half':
        return `H${p.index} ${p.year}`;
      case 'quarter':
        return `Q${p.index} ${p.year}`;
      case 'month':
        return `${MONTHS_EN[p.index - 1]} ${p.year}`;
    }
  }
  switch (p.kind) {
    case 'year':
      return `Năm ${p.year}`;
    case 'half':
      return `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.index - 1]}/${p.year}`;
    case 'month':
      return `Tháng ${String(p.index).padStart(2, '0')}/${p.year}`;
  }
}
