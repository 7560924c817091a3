import type { WallPlaylist } from '@cityioc/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { WALL_PLAYLIST_KEY, wallPlaylistQuery } from '../queries/wall.queries.ts';
import { useLiveClient } from '../realtime/RealtimeProvider.tsx';

/**
 * The wall's playlist as the server holds it: read once, then replaced by every wallPlaylistV1 push
 * (an older version never replaces a newer one). Undefined until the first read answers.
 */
export function useWallPlaylist(): WallPlaylist | undefined {
  const client = useLiveClient();
  const qc = useQueryClient();
  const { data } = useQuery(wallPlaylistQuery());
  useEffect(
    () =>
      client.onWallPlaylist((pushed) => qc.setQueryData<WallPlaylist>(WALL_PLAYLIST_KEY, (held) => (held && held.version > pushed.version ? held : pushed))),
    [client, qc],
  );
  return data;
}
