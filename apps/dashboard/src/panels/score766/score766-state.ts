import type { Score766SchemeKey } from '@cityioc/contracts';
import { comparePeriods, convertPeriod, periodKindOf, shiftPeriod } from '@cityioc/domain';
import { matching, numberIn, oneOf, type RawSearch } from '../../app/search.ts';
import type { Score766Part } from '../../queries/score766.queries.ts';

/**
 * The drill-down page's parameters (/analyst/score766): the unit and period (the session's unit and the
 * current month when absent), the open group, and the metric whose numerator, denominator or
 * items outside the numerator are listed, one page at a time. The whole view is in the URL.
 */
export interface Score766Search {
  unit?: string;
  /** 2026-12, 2026-Q4, 2026-H2, 2026-9M, 2026. */
  period?: string;
  /** The scoring scheme; the portal's current one when absent. */
  scheme?: Score766SchemeKey;
  group?: string;
  metric?: string;
  part: Score766Part;
  /** 1-based. */
  page: number;
}

export const SCORE766_SEARCH_DEFAULTS = { part: 'numerator', page: 1 } as const satisfies Partial<Score766Search>;

/** Items per page of the drill-down. */
export const SCORE766_PAGE_SIZE = 50;

/** The schemes the API scores by (GET /api/v1/score766?scheme=), the current one first. */
export const SCORE766_SCHEME_KEYS = ['dvcqg-current', 'qd766-2022'] as const satisfies readonly Score766SchemeKey[];

const UNIT = /^[0-9A-Za-z.-]{1,64}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12]|-9M)?$/;
const GROUP = /^[a-z0-9-]{1,40}$/;
const METRIC = /^[A-Za-z0-9_.]{1,64}$/;

/** The route's validateSearch: pure, never throws; anything unusable is left out (or its default). */
export function validateScore766Search(raw: RawSearch): Score766Search {
  return {
    unit: matching(raw.unit, UNIT),
    period: matching(raw.period, PERIOD),
    scheme: oneOf(raw.scheme, SCORE766_SCHEME_KEYS),
    group: matching(raw.group, GROUP),
    metric: matching(raw.metric, METRIC),
    part: oneOf(raw.part, ['numerator', 'denominator', 'outside'] as const) ?? SCORE766_SEARCH_DEFAULTS.part,
    page: integerPage(numberIn(raw.page, 1, 200_000)),
  };
}

function integerPage(n: number | undefined): number {
  return n !== undefined && Number.isInteger(n) ? n : SCORE766_SEARCH_DEFAULTS.page;
}

/** The items' offset of a page. */
export function pageOffset(page: number, size = SCORE766_PAGE_SIZE): number {
  return (Math.max(1, Math.floor(page)) - 1) * size;
}

/** Pages of `total` items (at least 1). */
export function pageCount(total: number, size = SCORE766_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The period kinds the drill-down steps through. */
export type StepKind = 'month' | 'quarter' | 'year';
export const STEP_KINDS: readonly StepKind[] = ['month', 'quarter', 'year'];

export interface PeriodSteps {
  /** The period's kind among month, quarter, year; null for a half or nine months (shown and stepped, not a switch of its own). */
  kind: StepKind | null;
  previous: string | null;
  next: string | null;
  /** The same moment as a month, a quarter, a year: the period holding the first day of `period`. */
  as: Record<StepKind, string | null>;
}

/**
 * The period stepper of the drill-down: the previous and next period of the same kind ('2026-H1' →
 * '2025-H2' / '2026-H2', '2025-9M' → '2024-9M' / '2026-9M'), and the period as a month, quarter or
 * year ('2026-11' → quarter '2026-Q4', year '2026'). Never past the current period: a next period
 * that starts after the month holding `now` is none (a scorecard of the future has no dossiers).
 */
export function periodSteps(period: string, current: Record<StepKind, string>): PeriodSteps {
  const k = periodKindOf(period);
  const kind = k === 'month' || k === 'quarter' || k === 'year' ? k : null;
  const next = shiftPeriod(period, 1);
  const nextStart = next === null ? null : convertPeriod(next, 'month');
  return {
    kind,
    previous: shiftPeriod(period, -1),
    next: next !== null && nextStart !== null && comparePeriods(nextStart, current.month) <= 0 ? next : null,
    as: { month: convertPeriod(period, 'month'), quarter: convertPeriod(period, 'quarter'), year: convertPeriod(period, 'year') },
  };
}
