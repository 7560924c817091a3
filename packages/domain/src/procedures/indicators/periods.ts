import { PERIOD_KEY_PATTERN } from '@cityioc/contracts';
import { dayStartMs, VN_UTC_OFFSET_MS } from '../../calendar/local-time.ts';

/**
 * Reporting periods on the local (UTC+7) calendar. Decision 766 attributes a dossier to the
 * period of its reception date (NgayTiepNhan), so a dossier received at 23:30 on 31 March local
 * time — 16:30 UTC — belongs to March and Q1.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/** Every period kind, longest first. */
export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'half', 'quarter', 'month'];

/** The key of the accumulator that ignores periods. */
export const ALL_TIME = 'all';

const periodRe = new RegExp(PERIOD_KEY_PATTERN);

function localYm(epochMs: number): { year: number; month: number } {
  const d = new Date(epochMs + VN_UTC_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** The key of the period of `kind` containing an instant: '2025', '2025-H1', '2025-Q1', '2025-03'. */
export function periodKey(kind: PeriodKind, epochMs: number): string {
  const { year, month } = localYm(epochMs);
  return keyOf(kind, year, month);
}

function keyOf(kind: PeriodKind, year: number, month: number): string {
  switch (kind) {
    case 'year':
      return String(year);
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
  }
}

/** The keys of the periods of the given kinds that contain an instant. */
export function periodKeysOf(epochMs: number, kinds: readonly PeriodKind[] = PERIOD_KINDS): string[] {
  const { year, month } = localYm(epochMs);
  return kinds.map((k) => keyOf(k, year, month));
}

export interface PeriodBounds {
  kind: PeriodKind;
  /** First instant (local midnight), epoch ms. */
  start: number;
  /** First instant after the period, epoch ms. */
  end: number;
}

function monthStart(year: number, month: number): number {
  return dayStartMs(Date.UTC(year, month - 1, 1) / 86_400_000);
}

/** Bounds of a period key; null when the key is malformed. */
export function periodBounds(key: string): PeriodBounds | null {
  if (!periodRe.test(key)) return null;
  const year = Number(key.slice(0, 4));
  const rest = key.slice(5);
  if (rest === '') return { kind: 'year', start: monthStart(year, 1), end: monthStart(year + 1, 1) };
  if (rest[0] === 'H') {
    const h = Number(rest.slice(1));
    return { kind: 'half', start: monthStart(year, h * 6 - 5), end: monthStart(year, h * 6 + 1) };
  }
  if (rest[0] === 'Q') {
    const q = Number(rest.slice(1));
    return { kind: 'quarter', start: monthStart(year, q * 3 - 2), end: monthStart(year, q * 3 + 1) };
  }
  const m = Number(rest);
  return { kind: 'month', start: monthStart(year, m), end: monthStart(year, m + 1) };
}
