/**
 * The wall's scenes as plain data: what each one shows, where, and for how long. The wall
 * (screens/wall.screen.tsx) renders whatever this says, so a playlist edited by an administrator
 * can replace SCENES later without touching a component. Panels are named by id; what an id draws
 * is in panels/registry.tsx.
 */

/** Stable ids: they appear in kiosk URLs (?scene=) and will be stored in playlists. */
export type SceneId = 'overview' | 'procedures' | 'score766' | 'reporting';

/** How much height a panel takes in its column: its content's, the rest (shared), or a weight of the rest. */
export type PanelSize = 'auto' | 'fill' | number;

export interface SceneCell {
  panel: string;
  /** The panel's default size (panels/registry.tsx) unless given. */
  size?: PanelSize;
}

export interface SceneColumn {
  /** Share of the width (a CSS fr). */
  width: number;
  panels: readonly SceneCell[];
}

export interface SceneDef {
  id: SceneId;
  /** i18n key of the scene's name (header pills). */
  title: string;
  /** i18n key of the header's subtitle while the scene shows; none: the app's subtitle. */
  subtitle?: string;
  /** How long the scene shows in rotation, unless the deployment or the URL sets one period for all. */
  dwellSeconds: number;
  /** A panel across the whole width above the columns (the scene's title bar). */
  head?: string;
  /** Space between panels, in rem. */
  gap: number;
  columns: readonly SceneColumn[];
}

export const DEFAULT_SCENE_SECONDS = 45;

export const SCENES: readonly SceneDef[] = [
  {
    id: 'overview',
    title: 'scene.overview',
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
    title: 'scene.admin',
    subtitle: 'admin.subtitle',
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
    title: 'scene.score766',
    subtitle: 'admin.subtitle',
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
    title: 'scene.reporting',
    subtitle: 'reporting.subtitle',
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
];

/** Old ids still accepted in URLs: `?scene=admin` was the public-service dossiers scene. */
export const SCENE_ALIASES: Readonly<Record<string, SceneId>> = { admin: 'procedures' };

/** A scene id from a URL or a playlist, old names included; undefined when unknown. */
export function sceneIdOf(value: string | undefined, scenes: readonly SceneDef[] = SCENES): SceneId | undefined {
  if (value === undefined) return undefined;
  const id = Object.hasOwn(SCENE_ALIASES, value) ? SCENE_ALIASES[value]! : value;
  return scenes.find((s) => s.id === id)?.id;
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

/** Pure: a scene → the CSS grid that lays it out; each panel's size from the scene, else its default. */
export function sceneLayout(scene: SceneDef, defaultSize: (panel: string) => PanelSize): SceneLayout {
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

/** What is wrong with a list of scenes (an edited playlist): unknown panels, repeats, empty or unusable values. */
export function sceneProblems(scenes: readonly SceneDef[], knownPanels: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (scenes.length === 0) problems.push('no scene');
  for (const s of scenes) {
    if (ids.has(s.id)) problems.push(`${s.id}: the scene appears twice`);
    ids.add(s.id);
    if (!(s.dwellSeconds >= 5 && s.dwellSeconds <= 3600)) problems.push(`${s.id}: dwellSeconds must be 5–3600`);
    if (s.columns.length === 0) problems.push(`${s.id}: no column`);
    const seen = new Set<string>();
    for (const p of [...(s.head ? [s.head] : []), ...s.columns.flatMap((c) => c.panels.map((x) => x.panel))]) {
      if (!knownPanels.has(p)) problems.push(`${s.id}: unknown panel '${p}'`);
      if (seen.has(p)) problems.push(`${s.id}: panel '${p}' appears twice`);
      seen.add(p);
    }
    for (const c of s.columns) {
      if (!(c.width > 0)) problems.push(`${s.id}: a column width must be positive`);
      for (const p of c.panels) if (typeof p.size === 'number' && !(p.size > 0)) problems.push(`${s.id}: panel '${p.panel}' has a size ≤ 0`);
    }
  }
  return problems;
}
