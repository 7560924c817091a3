import { matching, type RawSearch } from '../app/search.ts';
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

/** How a frame sits in the gallery's grid: across the width (a scene's title bar), two columns and tall (the map), a column and tall (a panel that fills its cell), or its own height. */
export type FrameShape = 'wide' | 'map' | 'tall' | 'natural';

export interface GalleryFrame {
  /** Unique in the page: the panel id, `~stressed` for the stressed variant. */
  frame: string;
  panel: string;
  variant: GalleryVariant;
  shape: FrameShape;
}

export function frameShape(id: string, size: PanelSize): FrameShape {
  if (id === 'map') return 'map';
  if (id.endsWith('-head')) return 'wide';
  return size === 'fill' ? 'tall' : 'natural';
}

/** Every panel of the registry, in registry order, each once from the normal fixtures and the text-heavy ones again from the stressed; or only `only`'s. */
export function galleryFrames(panels: readonly { id: string; size: PanelSize }[], only?: string): GalleryFrame[] {
  const out: GalleryFrame[] = [];
  for (const { id, size } of panels) {
    if (only !== undefined && id !== only) continue;
    const shape = frameShape(id, size);
    out.push({ frame: id, panel: id, variant: 'normal', shape });
    if (STRESSED_PANELS.has(id)) out.push({ frame: `${id}~stressed`, panel: id, variant: 'stressed', shape });
  }
  return out;
}
