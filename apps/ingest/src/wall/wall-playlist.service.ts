import type { WallPlaylist, WallPlaylistInput, WallScene } from '@cityioc/contracts';
import { DEFAULT_WALL_PLAYLIST, playlistProblems, type PlaylistProblem } from '@cityioc/domain';
import type { ReferenceStore } from '../store/reference-store.ts';

/** The playlist is one versioned reference document (store/reference-store.ts, both stores). */
export const WALL_PLAYLIST_KIND = 'wall-playlist';
export const WALL_PLAYLIST_KEY = 'wall';

interface StoredPlaylist {
  scenes: WallScene[];
  updatedBy: string;
}

const DEFAULT_TEXT = JSON.stringify(DEFAULT_WALL_PLAYLIST.scenes);
const isDefault = (scenes: readonly WallScene[]) => JSON.stringify(scenes) === DEFAULT_TEXT;

/**
 * The wall's playlist (issue 13 #3): read from the store on every call, so every node of a shared
 * PostgreSQL answers the latest version; the built-in default (version 0) until an administrator
 * stores one. A stored version is pushed to every wall (`push`, the broadcaster's wallPlaylistV1).
 */
export class WallPlaylistService {
  constructor(
    private readonly store: ReferenceStore,
    private readonly clock: () => number,
    private readonly push: (playlist: WallPlaylist) => void,
  ) {}

  async current(): Promise<WallPlaylist> {
    const head = await this.store.referenceLatest(WALL_PLAYLIST_KIND, WALL_PLAYLIST_KEY);
    if (!head) return { scenes: DEFAULT_WALL_PLAYLIST.scenes, version: 0, isDefault: true, updatedAt: null, updatedBy: null };
    const body = head.body as StoredPlaylist;
    return { scenes: body.scenes, version: head.version, isDefault: isDefault(body.scenes), updatedAt: head.storedAt, updatedBy: body.updatedBy };
  }

  /**
   * Stores a playlist whose shape the schema accepted, unless the domain's rules find a problem;
   * the stored version is pushed to the walls. Storing the same scenes again keeps the version.
   */
  async replace(
    input: WallPlaylistInput,
    actor: string,
  ): Promise<{ ok: true; playlist: WallPlaylist; stored: boolean } | { ok: false; problems: PlaylistProblem[] }> {
    const problems = playlistProblems(input);
    if (problems.length > 0) return { ok: false, problems };
    const latest = await this.current();
    if (latest.version > 0 && JSON.stringify(latest.scenes) === JSON.stringify(input.scenes)) return { ok: true, playlist: latest, stored: false };
    const body: StoredPlaylist = { scenes: input.scenes, updatedBy: actor };
    const [r] = await this.store.putReferenceItems(WALL_PLAYLIST_KIND, [{ key: WALL_PLAYLIST_KEY, validFrom: null, body, origin: actor }], this.clock());
    const playlist = await this.current();
    if (r!.stored) this.push(playlist);
    return { ok: true, playlist, stored: r!.stored };
  }
}
