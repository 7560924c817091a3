import type { Catalogue } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

export const catalogueKey = ['catalogue'] as const;

/** The indicator catalogue, areas and stations: changes with a deployment, not with the data. */
export function catalogueQuery() {
  return queryOptions({
    queryKey: catalogueKey,
    queryFn: ({ signal }) => getJson<Catalogue>('/api/v1/catalogue', signal),
    staleTime: Infinity,
  });
}
