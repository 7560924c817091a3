import type { Alert, AlertDetail, AlertListResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, getJson, HttpError } from '../queries/http.ts';
import { FOLLOWS_PUSHES } from '../queries/push-followed.ts';

/**
 * ['alerts', 'wall'] for the wall, ['alerts', 'operator'] for the inbox, ['alerts', 'detail', id]:
 * the server answers each within the session's scope (cookie), so one browser holds one session's lists.
 */
export const alertsRootKey = ['alerts'] as const;
export const wallAlertsKey = ['alerts', 'wall'] as const;
export const operatorAlertsKey = ['alerts', 'operator'] as const;
export const alertDetailKey = (id: string) => ['alerts', 'detail', id] as const;

/** A 4xx (outside the scope: 404; no permission: 403) will not change by asking again. */
const retry = (n: number, e: unknown) => !(e instanceof HttpError && e.status >= 400 && e.status < 500 && e.status !== 429) && n < 1000;

/**
 * The wall's alerts, kept current by alertV1 pushes (setQueryData) and re-read after a reconnect
 * (the live client invalidates every query but the snapshots), so alerts raised while the wall
 * was offline appear when it comes back.
 */
export function wallAlertsQuery() {
  return queryOptions({
    queryKey: wallAlertsKey,
    queryFn: ({ signal }) => getJson<AlertListResponse>('/api/v1/alerts?status=open,acknowledged,assigned&limit=50', signal).then((r) => r.alerts),
    staleTime: Infinity,
    retry,
    meta: FOLLOWS_PUSHES,
  });
}

/** An operator's inbox: the server filters by the session's scope; pushes invalidate it. */
export function operatorAlertsQuery() {
  return queryOptions({
    queryKey: operatorAlertsKey,
    queryFn: ({ signal }) => getJson<AlertListResponse>('/api/v1/alerts?limit=200', signal).then((r) => r.alerts),
    staleTime: 30_000,
    retry,
  });
}

/** The unresolved alerts of the session's scope (the city-wide view of /operator counts them per unit); 1000 at most. */
export const OPEN_ALERTS_LIMIT = 1000;
export function openAlertsQuery() {
  return queryOptions({
    queryKey: ['alerts', 'open'] as const,
    queryFn: ({ signal }) =>
      getJson<AlertListResponse>(`/api/v1/alerts?status=open,acknowledged,assigned&limit=${OPEN_ALERTS_LIMIT}`, signal).then((r) => r.alerts),
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry,
  });
}

export function alertDetailQuery(id: string) {
  return queryOptions({
    queryKey: alertDetailKey(id),
    queryFn: ({ signal }) => getJson<AlertDetail>(`/api/v1/alerts/${encodeURIComponent(id)}`, signal),
    staleTime: 30_000,
    retry,
  });
}

/** Acknowledge, assign, resolve or add a note, as the signed-in operator (cookie + CSRF token). */
export function alertAction(id: string, action: 'ack' | 'assign' | 'resolve' | 'notes', body: unknown): Promise<{ alert: Alert }> {
  return api.send('POST', `/api/v1/alerts/${encodeURIComponent(id)}/${action}`, { body });
}
