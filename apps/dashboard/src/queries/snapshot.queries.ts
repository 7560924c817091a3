import type { Snapshot } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

export const snapshotRootKey = ['snapshot'] as const;
export const snapshotKey = (scope: string) => ['snapshot', scope] as const;

/**
 * A scope's live view. Never stale by time: the realtime client keeps it current with deltas
 * (setQueryData) and invalidates it on a gap, an epoch change or a reconnect.
 */
export function snapshotQuery(scope: string) {
  return queryOptions({
    queryKey: snapshotKey(scope),
    queryFn: ({ signal }) => getJson<Snapshot>(`/api/v1/snapshot/${encodeURIComponent(scope)}`, signal),
    staleTime: Infinity,
  });
}
