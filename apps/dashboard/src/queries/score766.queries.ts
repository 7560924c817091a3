import type { Score766ItemsResponse, Score766Response, Score766SchemeKey } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson, HttpError } from './http.ts';

function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return false;
  return failureCount < 1000;
}

/**
 * The scorecard the IOC computes (docs/SCORE766.md §4): every group and metric of a unit and
 * period, with the official score beside it. Re-read every minute, like the dossier figures.
 */
export const SCORECARD_REFRESH_MS = 60_000;

export interface ScorecardParams {
  /** Area or agency code; the city when absent. */
  unit: string;
  /** 2026-03, 2026-Q1, 2026 … */
  period: string;
  /** The unit as the portal names it, for the official score (the dashboard's `officialUnitCode`). */
  officialUnit?: string | undefined;
  /** The scoring scheme; the server's default (the portal's current one) when absent. */
  scheme?: Score766SchemeKey | undefined;
}

export function scorecardPath(p: ScorecardParams): string {
  const q = new URLSearchParams({ unit: p.unit, period: p.period });
  if (p.officialUnit) q.set('officialUnit', p.officialUnit);
  if (p.scheme) q.set('scheme', p.scheme);
  return `/api/v1/score766?${q.toString()}`;
}

/** Every scorecard read: a dossier delta re-reads them (realtime/useDossierLiveRefresh.ts). */
export const SCORECARD_ROOT_KEY = ['score766', 'scorecard'] as const;

export function scorecardQuery(p: ScorecardParams) {
  return queryOptions({
    queryKey: [...SCORECARD_ROOT_KEY, p.unit, p.period, p.officialUnit ?? null, p.scheme ?? null] as const,
    queryFn: ({ signal }) => getJson<Score766Response>(scorecardPath(p), signal),
    refetchInterval: SCORECARD_REFRESH_MS,
    staleTime: 30_000,
    retry: retryUnlessClientError,
  });
}

export type Score766Part = 'numerator' | 'denominator' | 'outside';

export interface Score766ItemsParams {
  metric: string;
  unit: string;
  period: string;
  part: Score766Part;
  offset: number;
  limit: number;
}

/** The items behind a metric's numerator or denominator, one page; the metric code is a path segment. */
export function score766ItemsPath(p: Score766ItemsParams): string {
  const q = new URLSearchParams({ unit: p.unit, period: p.period, part: p.part, offset: String(p.offset), limit: String(p.limit) });
  return `/api/v1/score766/${encodeURIComponent(p.metric)}/items?${q.toString()}`;
}

export function score766ItemsQuery(p: Score766ItemsParams) {
  return queryOptions({
    queryKey: ['score766', 'items', p.metric, p.unit, p.period, p.part, p.offset, p.limit] as const,
    queryFn: ({ signal }) => getJson<Score766ItemsResponse>(score766ItemsPath(p), signal),
    staleTime: 30_000,
    retry: retryUnlessClientError,
  });
}
