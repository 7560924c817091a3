import {
  WALL_DWELL_MAX_SECONDS,
  WALL_DWELL_MIN_SECONDS,
  WALL_PANEL_IDS,
  WALL_SCENE_IDS,
  WallPlaylistInputSchema,
  type WallPlaylistInput,
  type WallScene,
  type WallSceneId,
} from '@cityioc/contracts';
import { bundledData } from '../validation/bundled-data.ts';
import defaultPlaylistFile from './default-playlist.json' with { type: 'json' };

// The stable scene ids and the panel ids are the contract's (http/wall-pin.ts): pins and playlists name the same ones.
export { WALL_PANEL_IDS, WALL_SCENE_IDS, type WallSceneId };

/**
 * The wall's playlist as data (issue 13 #3): the stable ids a playlist may name, the built-in default
 * (the scenes the wall had as code), and the rules a stored playlist must keep beyond its schema.
 * The dashboard's panel registry (apps/dashboard/src/panels/registry.tsx) draws every id of
 * WALL_PANEL_IDS; a dashboard test keeps the two lists equal.
 */

/** Old ids still accepted in URLs: `?scene=admin` was the public-service dossiers scene. */
export const WALL_SCENE_ALIASES: Readonly<Record<string, WallSceneId>> = { admin: 'procedures' };

export const DEFAULT_SCENE_SECONDS = 45;

/**
 * The built-in playlist: every scene enabled, DEFAULT_SCENE_SECONDS each, laid out as the wall was
 * before playlists. It is data, default-playlist.json, in the format an administrator stores at
 * /admin/wall (WallPlaylistInputSchema, checked at start). Its layout: the overview's alert ticker
 * runs across the whole width (the first thing read from 5 m); on the 766 scene the directives take
 * their content's height (often one line: none due) and the lost points the rest; the reporting
 * scene stacks the two PAR INDEX rankings in one column (no half-empty column).
 */
export const DEFAULT_WALL_PLAYLIST: { scenes: WallScene[] } = bundledData(WallPlaylistInputSchema, defaultPlaylistFile, 'wall/default-playlist.json');

/** A scene id from a URL or a playlist, old names included; undefined when unknown. */
export function wallSceneIdOf(value: string | undefined): WallSceneId | undefined {
  if (value === undefined) return undefined;
  const id = Object.hasOwn(WALL_SCENE_ALIASES, value) ? WALL_SCENE_ALIASES[value]! : value;
  return (WALL_SCENE_IDS as readonly string[]).includes(id) ? (id as WallSceneId) : undefined;
}

export type PlaylistProblemReason =
  'empty_playlist' | 'no_enabled_scene' | 'unknown_scene' | 'duplicate_scene' | 'dwell_out_of_range' | 'unknown_panel' | 'duplicate_panel';

/** One thing wrong with a playlist: the scene (its index), the JSON pointer of the field, why. */
export interface PlaylistProblem {
  item: number | null;
  field: string;
  reason: PlaylistProblemReason;
  message: string;
}

const PANELS: ReadonlySet<string> = new Set(WALL_PANEL_IDS);

/**
 * What is wrong with a playlist whose shape the schema accepted: no scene or none enabled, an
 * unknown or repeated scene id (aliases are URL names, not stored ids), a dwell outside 10–3600 s,
 * an unknown panel, or a panel placed twice in one scene. Empty: the playlist can be stored. Pure.
 */
export function playlistProblems(playlist: WallPlaylistInput): PlaylistProblem[] {
  const out: PlaylistProblem[] = [];
  const scenes = playlist.scenes;
  if (scenes.length === 0) out.push({ item: null, field: '/scenes', reason: 'empty_playlist', message: 'a playlist needs at least one scene' });
  else if (!scenes.some((s) => s.enabled))
    out.push({ item: null, field: '/scenes', reason: 'no_enabled_scene', message: 'at least one scene must be enabled' });
  const ids = new Set<string>();
  scenes.forEach((s, i) => {
    const at = `/scenes/${i}`;
    if (!(WALL_SCENE_IDS as readonly string[]).includes(s.id))
      out.push({ item: i, field: `${at}/id`, reason: 'unknown_scene', message: `scene '${s.id}' is not one of ${WALL_SCENE_IDS.join(', ')}` });
    else if (ids.has(s.id)) out.push({ item: i, field: `${at}/id`, reason: 'duplicate_scene', message: `scene '${s.id}' appears twice` });
    ids.add(s.id);
    if (!(Number.isInteger(s.dwellSeconds) && s.dwellSeconds >= WALL_DWELL_MIN_SECONDS && s.dwellSeconds <= WALL_DWELL_MAX_SECONDS))
      out.push({
        item: i,
        field: `${at}/dwellSeconds`,
        reason: 'dwell_out_of_range',
        message: `dwellSeconds must be a whole number of seconds from ${WALL_DWELL_MIN_SECONDS} to ${WALL_DWELL_MAX_SECONDS}`,
      });
    const seen = new Set<string>();
    const place = (panel: string, field: string) => {
      if (!PANELS.has(panel)) out.push({ item: i, field, reason: 'unknown_panel', message: `panel '${panel}' is not in the panel registry` });
      else if (seen.has(panel)) out.push({ item: i, field, reason: 'duplicate_panel', message: `panel '${panel}' appears twice in scene '${s.id}'` });
      seen.add(panel);
    };
    if (s.head) place(s.head, `${at}/head`);
    s.columns.forEach((c, j) => c.panels.forEach((p, k) => place(p.panel, `${at}/columns/${j}/panels/${k}/panel`)));
  });
  return out;
}
