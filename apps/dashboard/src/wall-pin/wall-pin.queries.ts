import type { WallListResponse, WallPinBody, WallPinReleaseResponse, WallPinResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, getJson } from '../queries/http.ts';

/** ['wall-pin', wall]: kept current by wallPinV1 pushes (useWallPinPushes) and re-read after a reconnect (the live client invalidates it). */
export const wallPinKey = (wall: string) => ['wall-pin', wall] as const;

export function wallPinQuery(wall: string) {
  return queryOptions({
    queryKey: wallPinKey(wall),
    queryFn: ({ signal }) => getJson<WallPinResponse>(`/api/v1/wall/pin?wall=${encodeURIComponent(wall)}`, signal),
    staleTime: Infinity,
  });
}

/** The walls a leader can pin to, with their open screens: read when the picker opens and every 30 s while it is open. */
export function wallsQuery() {
  return queryOptions({
    queryKey: ['wall-walls'] as const,
    queryFn: ({ signal }) => getJson<WallListResponse>('/api/v1/wall/walls', signal),
    staleTime: 30_000,
  });
}

export const pinToWall = (body: WallPinBody) => api.send<WallPinResponse>('POST', '/api/v1/wall/pin', { body });
export const releaseWall = (wall: string) => api.send<WallPinReleaseResponse>('DELETE', `/api/v1/wall/pin?wall=${encodeURIComponent(wall)}`);
