import type { WallColumn, WallScene } from '@cityioc/contracts';

/**
 * How one scene is shared by the n screens of one wall (`?screen=i&of=n`, issue 13 #3). Every screen
 * shows a full-height part of the scene, and the scene's title bar (`head`) on top of each, so each
 * screen reads on its own:
 *  - n ≤ columns: the columns are dealt in order, screen k taking columns ⌊k·C/n⌋ … ⌊(k+1)·C/n⌋ − 1
 *    (2 screens side by side show the whole 2-column scene at double size);
 *  - n > columns: each column gets one screen, then each further screen goes to the column with the
 *    most panels per screen (the earlier one on a tie), never more screens than it has panels; a
 *    column's panels are split in order (top to bottom) among its screens, which follow each other
 *    in screen order; screens beyond the scene's panel count show the title bar only.
 * Pure; screen is 1-based.
 */
export interface ScreenPart {
  head: string | null;
  columns: WallColumn[];
}

/** The largest wall a URL may describe. */
export const MAX_WALL_SCREENS = 64;

export function screenPart(scene: Pick<WallScene, 'head' | 'columns'>, screen: number, of: number): ScreenPart {
  const head = scene.head ?? null;
  const cols = scene.columns;
  if (!(Number.isInteger(of) && of > 1 && Number.isInteger(screen) && screen >= 1 && screen <= of)) return { head, columns: [...cols] };
  const k = screen - 1;
  const c = cols.length;
  if (of <= c) return { head, columns: cols.slice(Math.floor((k * c) / of), Math.floor(((k + 1) * c) / of)) };
  const alloc = cols.map(() => 1);
  for (let extra = of - c; extra > 0; extra--) {
    let best = -1;
    for (let j = 0; j < c; j++) {
      if (alloc[j]! >= cols[j]!.panels.length) continue;
      if (best < 0 || cols[j]!.panels.length / alloc[j]! > cols[best]!.panels.length / alloc[best]!) best = j;
    }
    if (best < 0) break;
    alloc[best]!++;
  }
  let first = 0;
  for (let j = 0; j < c; j++) {
    const m = alloc[j]!;
    if (k < first + m) {
      const s = k - first;
      const p = cols[j]!.panels;
      return { head, columns: [{ width: cols[j]!.width, panels: p.slice(Math.floor((s * p.length) / m), Math.floor(((s + 1) * p.length) / m)) }] };
    }
    first += m;
  }
  return { head, columns: [] };
}

/**
 * `?screen=&of=` as given in a URL → a valid pair, or the whole wall on one screen. A missing screen
 * is screen 1 (the router leaves `screen=1`, its default, out of the URL).
 */
export function wallScreenOf(screen: number | undefined, of: number | undefined): { screen: number; of: number } {
  if (of === undefined) return { screen: 1, of: 1 };
  screen ??= 1;
  if (!Number.isInteger(of) || of < 1 || of > MAX_WALL_SCREENS || !Number.isInteger(screen) || screen < 1 || screen > of) return { screen: 1, of: 1 };
  return { screen, of };
}
