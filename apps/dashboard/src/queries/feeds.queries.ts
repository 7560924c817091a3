import type { FeedHealthResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

/** Feed health is polled (every 10 s), not pushed: the socket carries only live deltas. */
export function feedHealthQuery() {
  return queryOptions({
    queryKey: ['feeds', 'health'] as const,
    queryFn: ({ signal }) => getJson<FeedHealthResponse>('/api/v1/feeds/health', signal),
    refetchInterval: 10_000,
    staleTime: 5_000,
  });
}
