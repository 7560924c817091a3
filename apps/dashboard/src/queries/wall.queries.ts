import type { WallPlaylist } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { FOLLOWS_PUSHES } from './push-followed.ts';
import { getJson } from './http.ts';

export const WALL_PLAYLIST_KEY = ['wall', 'playlist'] as const;

/** The wall's playlist (GET /api/v1/wall/playlist); kept current by wallPlaylistV1 pushes (scenes/useWallPlaylist.ts), so never stale by time. */
export const wallPlaylistQuery = () =>
  queryOptions({
    queryKey: WALL_PLAYLIST_KEY,
    queryFn: ({ signal }) => getJson<WallPlaylist>('/api/v1/wall/playlist', signal),
    staleTime: Infinity,
    meta: FOLLOWS_PUSHES,
  });
