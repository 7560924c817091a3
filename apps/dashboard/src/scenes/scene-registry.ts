/**
 * The wall's scenes as plain data: what each one shows, where, and for how long. The scenes come
 * from the wall's playlist (GET /api/v1/wall/playlist, edited on /admin/wall, pushed live as
 * wallPlaylistV1); until it is read, from the built-in default of `@cityioc/domain` wall/. The wall
 * (screens/wall.screen.tsx) renders whatever this says. Panels are named by id; what an id draws
 * is in panels/registry.tsx.
 */
import type { WallPanelSize, WallScene } from '@cityioc/contracts';
import { DEFAULT_SCENE_SECONDS, DEFAULT_WALL_PLAYLIST, WALL_SCENE_ALIASES, wallSceneIdOf, type WallSceneId } from '@cityioc/domain';

/** Stable ids: they appear in kiosk URLs (?scene=) and in stored playlists. */
export type SceneId = WallSceneId;

/** How much height a panel takes in its column: its content's, the rest (shared), or a weight of the rest. */
export type PanelSize = WallPanelSize;

/** A scene of the playlist, with the i18n keys of its name. */
export interface SceneDef extends Omit<WallScene, 'id'> {
  id: SceneId;
  /** i18n key of the scene's name (header pills, the playlist editor). */
  title: string;
  /** i18n key of the header's subtitle while the scene shows; none: the app's subtitle. */
  subtitle?: string;
}

export { DEFAULT_SCENE_SECONDS };

/** The names of the scenes, by stable id (the playlist holds layouts, never texts). */
export const SCENE_TEXT: Readonly<Record<SceneId, { title: string; subtitle?: string }>> = {
  overview: { title: 'scene.overview' },
  procedures: { title: 'scene.admin', subtitle: 'admin.subtitle' },
  score766: { title: 'scene.score766', subtitle: 'admin.subtitle' },
  reporting: { title: 'scene.reporting', subtitle: 'reporting.subtitle' },
};

/** A playlist's scenes → the scenes the wall rotates through: the enabled ones, in order, with their names. */
export function scenesOf(scenes: readonly WallScene[]): SceneDef[] {
  const out: SceneDef[] = [];
  for (const s of scenes) {
    const id = wallSceneIdOf(s.id);
    if (!s.enabled || id === undefined || id !== s.id) continue;
    out.push({ ...s, id, ...SCENE_TEXT[id] });
  }
  return out;
}

/** The built-in default's scenes: what a wall shows before its playlist is read. */
export const SCENES: readonly SceneDef[] = scenesOf(DEFAULT_WALL_PLAYLIST.scenes);

/** Old ids still accepted in URLs: `?scene=admin` was the public-service dossiers scene. */
export const SCENE_ALIASES = WALL_SCENE_ALIASES;

/** A scene id from a URL or a playlist, old names included; undefined when unknown. */
export function sceneIdOf(value: string | undefined, scenes?: readonly SceneDef[]): SceneId | undefined {
  const id = wallSceneIdOf(value);
  return scenes && !scenes.some((s) => s.id === id) ? undefined : id;
}

export interface SceneLayout {
  head: string | null;
  /** CSS grid-template-columns of the scene. */
  columns: string;
  gap: string;
  /** Per column: CSS grid-template-rows and the panels top to bottom. */
  stacks: { rows: string; panels: string[] }[];
}

function track(size: PanelSize): string {
  if (size === 'auto') return 'auto';
  return `minmax(0, ${size === 'fill' ? 1 : size}fr)`;
}

/** Pure: a scene (or one screen's part of it) → the CSS grid that lays it out; each panel's size from the scene, else its default. */
export function sceneLayout(scene: Pick<WallScene, 'head' | 'gap' | 'columns'>, defaultSize: (panel: string) => PanelSize): SceneLayout {
  return {
    head: scene.head ?? null,
    columns: scene.columns.map((c) => `minmax(0, ${c.width}fr)`).join(' '),
    gap: `${scene.gap}rem`,
    stacks: scene.columns.map((c) => ({
      rows: c.panels.map((p) => track(p.size ?? defaultSize(p.panel))).join(' '),
      panels: c.panels.map((p) => p.panel),
    })),
  };
}
