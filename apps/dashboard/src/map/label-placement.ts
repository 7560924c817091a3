/**
 * Which map labels to show so that none overlaps another: a greedy placement, most important
 * first. A wall shows a hundred units; only as many names as fit are drawn, the most relevant
 * (ranked units, stations) and then the largest first, and the others wait for more room. Pure:
 * boxes in screen pixels in, the ids to show out.
 */
export interface LabelBox {
  id: string;
  /** Top-left corner and size, in CSS pixels of the map's container. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Higher is placed first. */
  priority: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacementOptions {
  /** The visible area (the map's container); a label must lie wholly inside it. */
  width: number;
  height: number;
  /** Areas covered by something else (legend, rankings, headings): no label goes under them. */
  blocked?: readonly Rect[];
  /** Clear space kept around every label, in pixels. */
  gap?: number;
}

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/**
 * The ids of the labels to show: by priority (then id, for a stable result), each one that fits
 * inside the view, clear of the blocked areas and of every label already placed. A grid of cells
 * keeps the checks local, so a few hundred labels cost little.
 */
export function placeLabels(boxes: readonly LabelBox[], options: PlacementOptions): Set<string> {
  const gap = options.gap ?? 2;
  const cell = 64;
  const grid = new Map<number, Rect[]>();
  const cols = Math.max(1, Math.ceil(options.width / cell));
  const keys = (r: Rect): number[] => {
    const out: number[] = [];
    const x0 = Math.max(0, Math.floor((r.x - gap) / cell));
    const x1 = Math.floor((r.x + r.w + gap) / cell);
    const y0 = Math.max(0, Math.floor((r.y - gap) / cell));
    const y1 = Math.floor((r.y + r.h + gap) / cell);
    for (let gy = y0; gy <= y1; gy++) for (let gx = x0; gx <= Math.min(x1, cols - 1); gx++) out.push(gy * cols + gx);
    return out;
  };
  const add = (r: Rect) => {
    for (const k of keys(r)) {
      const list = grid.get(k);
      if (list) list.push(r);
      else grid.set(k, [r]);
    }
  };
  const free = (r: Rect) => keys(r).every((k) => !(grid.get(k) ?? []).some((o) => overlaps(r, o, gap)));
  // Blocked areas count as placed, without the gap around them being required twice.
  for (const b of options.blocked ?? []) add(b);

  const shown = new Set<string>();
  const order = [...boxes].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const b of order) {
    if (!(b.w > 0 && b.h > 0) || !Number.isFinite(b.x) || !Number.isFinite(b.y)) continue;
    if (b.x < 0 || b.y < 0 || b.x + b.w > options.width || b.y + b.h > options.height) continue;
    if (!free(b)) continue;
    add(b);
    shown.add(b.id);
  }
  return shown;
}

/** The top-left corner of a label of size w × h drawn at screen point (px, py) with a MapLibre anchor and offset. */
export function anchoredBox(px: number, py: number, w: number, h: number, anchor: 'center' | 'left', offset: readonly [number, number]): Rect {
  const x = anchor === 'left' ? px + offset[0] : px - w / 2 + offset[0];
  return { x, y: py - h / 2 + offset[1], w, h };
}
