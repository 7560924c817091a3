import type { Alert, AlertDetail, WallListResponse, WallPinBody, WallPinReleaseResponse, WallPinResponse } from '@cityioc/contracts';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { alertDetailQuery, wallAlertsKey } from '../alerts/alerts.queries.ts';
import { api, getJson } from '../queries/http.ts';
import { FOLLOWS_PUSHES } from '../queries/push-followed.ts';

/** ['wall-pin', wall]: kept current by wallPinV1 pushes (useWallPinPushes), and read again once the socket listens (FOLLOWS_PUSHES). */
export const wallPinKey = (wall: string) => ['wall-pin', wall] as const;

export function wallPinQuery(wall: string) {
  return queryOptions({
    queryKey: wallPinKey(wall),
    queryFn: ({ signal }) => getJson<WallPinResponse>(`/api/v1/wall/pin?wall=${encodeURIComponent(wall)}`, signal),
    staleTime: Infinity,
    meta: FOLLOWS_PUSHES,
  });
}

/**
 * ['wall-walls']: the walls a leader can pin to, with their pins and open screens. Read when the picker opens, again
 * at once after a pin or a release (this page's or another tablet's wallPinV1) and when a wall's screen count changes
 * (wallScreensV1: useWallPin.ts), and every 30 s while it is open (should a count not have been pushed).
 */
export const wallsKey = ['wall-walls'] as const;

export function wallsQuery() {
  return queryOptions({
    queryKey: wallsKey,
    queryFn: ({ signal }) => getJson<WallListResponse>('/api/v1/wall/walls', signal),
    staleTime: 30_000,
  });
}

/**
 * A pinned alert's detail: drawn at once from the wall's own alert list when it holds the alert (the
 * ticker's), while the detail is read; the read replaces it.
 */
export function pinnedAlertQuery(qc: QueryClient, id: string) {
  return {
    ...alertDetailQuery(id),
    placeholderData: (): AlertDetail | undefined => {
      const alert = qc.getQueryData<Alert[]>(wallAlertsKey)?.find((a) => a.id === id);
      return alert ? { alert, events: [] } : undefined;
    },
  };
}

export const pinToWall = (body: WallPinBody) => api.send<WallPinResponse>('POST', '/api/v1/wall/pin', { body });
export const releaseWall = (wall: string) => api.send<WallPinReleaseResponse>('DELETE', `/api/v1/wall/pin?wall=${encodeURIComponent(wall)}`);
