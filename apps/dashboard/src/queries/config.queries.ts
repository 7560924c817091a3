import type { ClientConfig } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

/** GET /api/v1/config: the deployment's settings the pages need (basemap, city, the dossier link template). */
export function clientConfigQuery() {
  return queryOptions({
    queryKey: ['config'] as const,
    queryFn: ({ signal }) => getJson<ClientConfig>('/api/v1/config', signal),
    staleTime: 10 * 60_000,
  });
}
