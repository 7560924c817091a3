import * as maplibregl from 'maplibre-gl';

/** A text label pinned to the map as an HTML marker (there are no glyphs for symbol layers). */
export interface MapLabel {
  id: string;
  lngLat: [number, number];
  className: string;
  /** Text lines, set with textContent. */
  lines: { text: string; className: string }[];
  anchor: maplibregl.PositionAnchor;
  offset: [number, number];
  /** Accent colour (e.g. the band) and a text colour readable on it, as CSS variables. */
  color?: string | null;
  textColor?: string | null;
}

/** What a marker last showed, so an unchanged label costs no DOM write (a wall re-derives its labels at every delta). */
const shown = new WeakMap<maplibregl.Marker, string>();

/**
 * Adds, updates and removes label markers so the map shows exactly `labels`; a label whose text,
 * place and colours are unchanged is not touched. True when anything in the DOM changed (the
 * labels then need placing again).
 */
export function syncLabels(map: maplibregl.Map, markers: Map<string, maplibregl.Marker>, labels: readonly MapLabel[]): boolean {
  let dirty = false;
  const wanted = new Set(labels.map((l) => l.id));
  for (const [id, m] of markers) {
    if (!wanted.has(id)) {
      m.remove();
      markers.delete(id);
      dirty = true;
    }
  }
  for (const l of labels) {
    const signature = JSON.stringify([l.lngLat, l.anchor, l.offset, l.className, l.color ?? null, l.textColor ?? null, l.lines]);
    let marker = markers.get(l.id);
    if (marker && shown.get(marker) === signature) continue;
    dirty = true;
    if (!marker) {
      // MapLibre owns the marker element's classes; our styling goes on a child.
      const wrapper = document.createElement('div');
      wrapper.append(document.createElement('div'));
      marker = new maplibregl.Marker({ element: wrapper, anchor: l.anchor, offset: l.offset }).setLngLat(l.lngLat).addTo(map);
      markers.set(l.id, marker);
    } else {
      marker.setLngLat(l.lngLat).setOffset(l.offset);
    }
    shown.set(marker, signature);
    const el = marker.getElement().firstElementChild as HTMLElement;
    el.className = `map-label ${l.className}`;
    el.dataset.labelId = l.id;
    if (l.color) el.style.setProperty('--accent', l.color);
    else el.style.removeProperty('--accent');
    if (l.textColor) el.style.setProperty('--accent-text', l.textColor);
    else el.style.removeProperty('--accent-text');
    // Rebuild the lines only when their text changed.
    const key = l.lines.map((x) => `${x.className}\u0000${x.text}`).join('\u0001');
    if (el.dataset.key !== key) {
      el.replaceChildren(
        ...l.lines.map((x) => {
          const span = document.createElement('span');
          span.className = x.className;
          span.textContent = x.text;
          return span;
        }),
      );
      el.dataset.key = key;
    }
  }
  return dirty;
}
