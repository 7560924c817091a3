import type { Catalogue } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { normalizeCatalogue } from '../catalogue/normalize.ts';
import { getJson } from './http.ts';

export const catalogueKey = ['catalogue'] as const;

/** The indicator catalogue, areas and stations: changes with a deployment, not with the data. */
export function catalogueQuery() {
  return queryOptions({
    queryKey: catalogueKey,
    queryFn: async ({ signal }) => normalizeCatalogue(await getJson<Catalogue>('/api/v1/catalogue', signal)),
    staleTime: Infinity,
  });
}
