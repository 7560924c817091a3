import type { WallPinBody, WallPinReleaseResponse, WallPinResponse } from '@cityioc/contracts';
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

export const pinToWall = (body: WallPinBody) => api.send<WallPinResponse>('POST', '/api/v1/wall/pin', { body });
export const releaseWall = (wall: string) => api.send<WallPinReleaseResponse>('DELETE', `/api/v1/wall/pin?wall=${encodeURIComponent(wall)}`);
