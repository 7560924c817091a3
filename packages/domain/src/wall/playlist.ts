import {
  WALL_DWELL_MAX_SECONDS,
  WALL_DWELL_MIN_SECONDS,
  WALL_PANEL_IDS,
  WALL_SCENE_IDS,
  type WallPlaylistInput,
  type WallScene,
  type WallSceneId,
} from '@cityioc/contracts';

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

/** The built-in playlist: every scene enabled, 45 s each, laid out as the wall was before playlists. */
export const DEFAULT_WALL_PLAYLIST: { scenes: WallScene[] } = {
  scenes: [
    {
      id: 'overview',
      enabled: true,
      dwellSeconds: DEFAULT_SCENE_SECONDS,
      // the alerts across the whole width: the first thing read from 5 m
      head: 'alert-ticker',
      gap: 0.75,
      columns: [
        { width: 50, panels: [{ panel: 'map' }, { panel: 'feed-health' }] },
        { width: 50, panels: [{ panel: 'kpi-tiles', size: 'auto' }, { panel: 'water-level', size: 'fill' }, { panel: 'air-quality' }] },
      ],
    },
    {
      id: 'procedures',
      enabled: true,
      dwellSeconds: DEFAULT_SCENE_SECONDS,
      head: 'procedures-head',
      gap: 0.8,
      columns: [
        { width: 58, panels: [{ panel: 'procedures-counts' }, { panel: 'procedures-rates' }, { panel: 'score766' }] },
        { width: 42, panels: [{ panel: 'procedures-rank-districts' }, { panel: 'procedures-rank-agencies' }] },
      ],
    },
    {
      id: 'score766',
      enabled: true,
      dwellSeconds: DEFAULT_SCENE_SECONDS,
      head: 'score766-head',
      gap: 0.8,
      columns: [
        { width: 60, panels: [{ panel: 'score766-scorecard' }] },
        // the directives take their content's height (often one line: none due); the lost points the rest
        { width: 40, panels: [{ panel: 'score766-lost' }, { panel: 'directive-board', size: 'auto' }] },
      ],
    },
    {
      id: 'reporting',
      enabled: true,
      dwellSeconds: DEFAULT_SCENE_SECONDS,
      head: 'reporting-head',
      gap: 0.8,
      columns: [
        { width: 1.7, panels: [{ panel: 'reporting-targets' }] },
        // the two PAR INDEX rankings one above the other: no half-empty column
        { width: 1.1, panels: [{ panel: 'reporting-rank-departments' }, { panel: 'reporting-rank-districts', size: 'auto' }] },
        { width: 1, panels: [{ panel: 'reporting-late' }] },
      ],
    },
  ],
};

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
