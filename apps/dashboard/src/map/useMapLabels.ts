import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, type RefObject } from 'react';
import { anchoredBox, placeLabels, type LabelBox, type Rect } from './label-placement.ts';
import { syncLabels, type MapLabel } from './map-labels.ts';

/** A label and how much it matters: the placement shows the highest first and drops what collides. */
export interface PlacedLabel extends MapLabel {
  priority: number;
}

/** Clear space between two labels, in CSS pixels at 1080p (scaled with the UI). */
const GAP_PX = 3;

/** The rectangles of `selector` inside `panel`, relative to the map's container: no label goes under them. */
function blockedRects(container: HTMLElement, panel: HTMLElement | null, selector: string | undefined): Rect[] {
  if (!panel || !selector) return [];
  const base = container.getBoundingClientRect();
  return [...panel.querySelectorAll<HTMLElement>(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - base.left, y: r.top - base.top, w: r.width, h: r.height };
  });
}

/**
 * Binds labels to a map as HTML markers (text through textContent) and shows only those that do
 * not collide: measured in the page, placed by label-placement.ts, again after every move and
 * resize. Hidden labels stay in the DOM with `data-placed="false"` (visibility hidden).
 */
export function useMapLabels(
  map: maplibregl.Map | null,
  loaded: boolean,
  labels: readonly PlacedLabel[],
  options: { scale: number; panel: RefObject<HTMLElement | null>; blockedSelector?: string },
): void {
  const markers = useRef(new Map<string, maplibregl.Marker>());
  const latest = useRef({ labels, options });
  latest.current = { labels, options };

  useEffect(() => {
    const owned = markers.current;
    return () => {
      for (const m of owned.values()) m.remove();
      owned.clear();
    };
  }, [map]);

  // Measures the labels in the page and shows those that fit; writes only the labels whose state flips.
  const place = useRef<() => void>(() => undefined);
  place.current = () => {
    if (!map) return;
    const { labels: current, options: o } = latest.current;
    const container = map.getContainer();
    const boxes: LabelBox[] = [];
    const elements = new Map<string, HTMLElement>();
    for (const l of current) {
      const el = markers.current.get(l.id)?.getElement().firstElementChild as HTMLElement | null | undefined;
      if (!el) continue;
      elements.set(l.id, el);
      const p = map.project(l.lngLat);
      const anchor = l.anchor === 'left' ? 'left' : 'center';
      boxes.push({ id: l.id, priority: l.priority, ...anchoredBox(p.x, p.y, el.offsetWidth, el.offsetHeight, anchor, l.offset) });
    }
    const shown = placeLabels(boxes, {
      width: container.clientWidth,
      height: container.clientHeight,
      blocked: blockedRects(container, o.panel.current, o.blockedSelector),
      gap: GAP_PX * o.scale,
    });
    for (const [id, el] of elements) {
      const placed = shown.has(id) ? 'true' : 'false';
      if (el.dataset.placed === placed) continue;
      el.style.visibility = placed === 'true' ? '' : 'hidden';
      el.dataset.placed = placed;
    }
  };

  // New labels: only those whose text, place or colour changed are written, and placed again only then.
  useEffect(() => {
    if (!map || !loaded) return;
    if (syncLabels(map, markers.current, labels)) place.current();
  }, [map, loaded, labels]);

  // Placed again after every move and resize, and once the web font arrives (text widths change).
  useEffect(() => {
    if (!map || !loaded) return;
    const again = () => place.current();
    again();
    map.on('moveend', again);
    map.on('resize', again);
    let live = true;
    void document.fonts?.ready.then(() => live && again());
    return () => {
      live = false;
      map.off('moveend', again);
      map.off('resize', again);
    };
  }, [map, loaded]);
}
