import type { HistoryResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

export interface HistoryParams {
  indicator: string;
  station?: string;
  area?: string;
  /** epoch ms */
  from: number;
  /** epoch ms */
  to: number;
}

export function historyPath(p: HistoryParams): string {
  const q = new URLSearchParams({ indicator: p.indicator });
  if (p.station) q.set('station', p.station);
  if (p.area) q.set('area', p.area);
  q.set('from', new Date(p.from).toISOString());
  q.set('to', new Date(p.to).toISOString());
  return `/api/v1/history?${q.toString()}`;
}

/** The raw series of one indicator for one station or area over [from, to]. */
export function historyQuery(p: HistoryParams) {
  return queryOptions({
    queryKey: ['history', p.indicator, p.station ?? null, p.area ?? null, p.from, p.to] as const,
    queryFn: ({ signal }) => getJson<HistoryResponse>(historyPath(p), signal),
    staleTime: Infinity,
  });
}
