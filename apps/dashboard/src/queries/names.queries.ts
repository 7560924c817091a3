import type { ProceduresResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import type { AgenciesAt } from '../names/names.ts';
import { getJson } from './http.ts';

/** The agency catalogue in force today (names of the codes dossiers and reports carry). */
export function agenciesQuery() {
  return queryOptions({
    queryKey: ['agencies', 'today'] as const,
    queryFn: ({ signal }) => getJson<AgenciesAt>('/api/v1/agencies', signal),
    staleTime: 10 * 60_000,
  });
}

/** The procedure catalogue (every version; the one in force is marked current). */
export function proceduresQuery() {
  return queryOptions({
    queryKey: ['procedures'] as const,
    queryFn: ({ signal }) => getJson<ProceduresResponse>('/api/v1/procedures', signal),
    staleTime: 10 * 60_000,
  });
}
