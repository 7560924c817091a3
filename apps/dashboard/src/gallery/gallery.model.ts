import { matching, type RawSearch } from '../app/search.ts';
import type { WallScene } from '@cityioc/contracts';
import type { PanelSize } from '../scenes/scene-registry.ts';
import type { GalleryVariant } from './fixtures/clock.ts';

/** `/gallery?panel=<id>`: one panel alone (its frames: the normal fixtures, and the stressed ones if it has them). */
export interface GallerySearch {
  panel?: string;
}

export function validateGallerySearch(raw: RawSearch): GallerySearch {
  return { panel: matching(raw.panel, /^[a-z0-9][a-z0-9-]{0,63}$/) };
}

/** The text-heavy panels, drawn a second time from stressed fixtures (longest real names, 3-digit ranks, many alerts). */
export const STRESSED_PANELS: ReadonlySet<string> = new Set([
  'alert-ticker',
  'feed-health',
  'directive-board',
  'procedures-rank-districts',
  'procedures-rank-agencies',
  'reporting-rank-departments',
  'reporting-rank-districts',
  'reporting-late',
]);

/**
 * The cell a scene gives a panel, as the gallery frames it: `width` the share of the wall's width
 * (its column's width over the scene's), `height` in rem at the wall's scale for a panel that fills
 * its cell (null: the panel's own height, as `size: 'auto'` in a scene).
 */
export interface FrameShape {
  width: number;
  height: number | null;
  /** The scene that places it (its frame carries the scene's class, so scene-specific CSS applies); null: none does. */
  scene: string | null;
}

/** The height of a scene's columns under the header and the title bar, in rem (1080p: 16 px each). */
export const SCENE_BODY_REM = 54;
/** What a panel of its own height is taken to use of its column, in rem, when sharing out the rest. */
const AUTO_REM = 12;

export interface GalleryFrame {
  /** Unique in the page: the panel id, `~stressed` for the stressed variant. */
  frame: string;
  panel: string;
  variant: GalleryVariant;
  shape: FrameShape;
}

/**
 * Where the scenes put each panel → its frame: the title bar across the width at its own height; a
 * panel in a column at that column's share of the width, and (unless sized 'auto') an even share
 * of the column's height left by the panels of their own height. A panel no scene places gets a
 * third of the width and its default size.
 */
export function frameShapes(scenes: readonly WallScene[], defaultSize: (panel: string) => PanelSize): Map<string, FrameShape> {
  const out = new Map<string, FrameShape>();
  for (const scene of scenes) {
    if (scene.head && !out.has(scene.head)) out.set(scene.head, { width: 1, height: null, scene: scene.id });
    const total = scene.columns.reduce((s, c) => s + c.width, 0);
    for (const c of scene.columns) {
      const sizes = c.panels.map((p) => p.size ?? defaultSize(p.panel));
      const autos = sizes.filter((x) => x === 'auto').length;
      const weights = sizes.reduce<number>((s, x) => s + (x === 'auto' ? 0 : x === 'fill' ? 1 : x), 0);
      const rest = Math.max(SCENE_BODY_REM - AUTO_REM * autos, AUTO_REM);
      c.panels.forEach((p, i) => {
        const size = sizes[i]!;
        const height = size === 'auto' ? null : Math.round((rest * (size === 'fill' ? 1 : size)) / weights);
        if (!out.has(p.panel)) out.set(p.panel, { width: c.width / total, height, scene: scene.id });
      });
    }
  }
  return out;
}

/** Every panel of the registry, in registry order, each once from the normal fixtures and the text-heavy ones again from the stressed; or only `only`'s. */
export function galleryFrames(panels: readonly { id: string; size: PanelSize }[], shapes: ReadonlyMap<string, FrameShape>, only?: string): GalleryFrame[] {
  const out: GalleryFrame[] = [];
  for (const { id, size } of panels) {
    if (only !== undefined && id !== only) continue;
    const shape = shapes.get(id) ?? { width: 1 / 3, height: size === 'auto' ? null : SCENE_BODY_REM / 2, scene: null };
    out.push({ frame: id, panel: id, variant: 'normal', shape });
    if (STRESSED_PANELS.has(id)) out.push({ frame: `${id}~stressed`, panel: id, variant: 'stressed', shape });
  }
  return out;
}
