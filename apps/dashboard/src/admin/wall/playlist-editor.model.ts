import type { WallPanelSize, WallScene } from '@cityioc/contracts';
import { WALL_PANEL_IDS } from '@cityioc/domain';

/**
 * The playlist editor's changes (/admin/wall), pure: each returns a new list of scenes and leaves
 * the one it was given alone. The server checks the result again (PUT /api/v1/wall/playlist).
 */
export type Scenes = readonly WallScene[];

const at = (scenes: Scenes, i: number, change: (s: WallScene) => WallScene): WallScene[] => scenes.map((s, j) => (j === i ? change(s) : s));

/** Moves scene i one place up (-1) or down (+1); nothing at either end. */
export function moveScene(scenes: Scenes, i: number, by: -1 | 1): WallScene[] {
  const j = i + by;
  if (j < 0 || j >= scenes.length) return [...scenes];
  const out = [...scenes];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export const setEnabled = (scenes: Scenes, i: number, enabled: boolean) => at(scenes, i, (s) => ({ ...s, enabled }));

/** The dwell as typed: a whole number of seconds, kept as typed even out of range (the form says why it cannot be saved). */
export const setDwell = (scenes: Scenes, i: number, text: string) =>
  at(scenes, i, (s) => ({ ...s, dwellSeconds: text.trim() === '' ? Number.NaN : Number(text) }));

export const setColumnWidth = (scenes: Scenes, i: number, col: number, width: number) =>
  at(scenes, i, (s) => ({ ...s, columns: s.columns.map((c, k) => (k === col ? { ...c, width } : c)) }));

/** A panel's size: 'auto' (its content), 'fill' (a share of the rest) or a weight of the rest. */
export const setPanelSize = (scenes: Scenes, i: number, col: number, panel: string, size: WallPanelSize | undefined) =>
  at(scenes, i, (s) => ({
    ...s,
    columns: s.columns.map((c, k) =>
      k === col ? { ...c, panels: c.panels.map((p) => (p.panel !== panel ? p : size === undefined ? { panel } : { panel, size })) } : c,
    ),
  }));

/** Removes a panel from its column; a column left without panels goes (a scene keeps at least one column). */
export function removePanel(scenes: Scenes, i: number, col: number, panel: string): WallScene[] {
  return at(scenes, i, (s) => {
    const columns = s.columns.map((c, k) => (k === col ? { ...c, panels: c.panels.filter((p) => p.panel !== panel) } : c)).filter((c) => c.panels.length > 0);
    return columns.length > 0 ? { ...s, columns } : s;
  });
}

/** Adds a panel of the registry at the foot of a column. */
export const addPanel = (scenes: Scenes, i: number, col: number, panel: string) =>
  at(scenes, i, (s) => ({ ...s, columns: s.columns.map((c, k) => (k === col ? { ...c, panels: [...c.panels, { panel }] } : c)) }));

/** The registry's panels a scene does not place yet (title bar included), in the registry's order. */
export function panelsFree(scene: WallScene): string[] {
  const used = new Set([...(scene.head ? [scene.head] : []), ...scene.columns.flatMap((c) => c.panels.map((p) => p.panel))]);
  return WALL_PANEL_IDS.filter((id) => !used.has(id));
}

/** The select's value of a size, and back. */
export function sizeValue(size: WallPanelSize | undefined): string {
  return size === undefined ? 'default' : String(size);
}
export function sizeOf(value: string): WallPanelSize | undefined {
  if (value === 'default') return undefined;
  if (value === 'auto' || value === 'fill') return value;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
