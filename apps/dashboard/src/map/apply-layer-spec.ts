import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { LayerSpec } from './layers/layer-spec.ts';

/** The part of a MapLibre map this needs, so it can be tested with a fake. */
export interface MapLike {
  getSource(id: string): unknown;
  addSource(id: string, source: SourceSpecification): unknown;
  getLayer(id: string): unknown;
  addLayer(layer: LayerSpecification, beforeId?: string): unknown;
  setPaintProperty(layerId: string, name: string, value: unknown): unknown;
  setFilter(layerId: string, filter: unknown): unknown;
}

const lastApplied = new WeakMap<object, Map<string, string>>();

function changed(map: object, key: string, value: unknown): boolean {
  let seen = lastApplied.get(map);
  if (!seen) lastApplied.set(map, (seen = new Map()));
  const json = JSON.stringify(value);
  if (seen.get(key) === json) return false;
  seen.set(key, json);
  return true;
}

/**
 * Binds a pure layer spec to a live map: adds sources and layers the first time, then only
 * pushes what changed (new GeoJSON data, paint values, filters). Layers keep the order of first
 * insertion, so call it in bottom-to-top order.
 */
export function applyLayerSpec(map: MapLike, spec: LayerSpec): void {
  for (const [id, source] of Object.entries(spec.sources)) {
    const existing = map.getSource(id) as { setData?: (data: unknown) => unknown } | undefined;
    if (!existing) {
      map.addSource(id, source);
      changed(map, `source:${id}`, source.data);
    } else if (changed(map, `source:${id}`, source.data)) existing.setData?.(source.data);
  }
  for (const layer of spec.layers) {
    const paint = ('paint' in layer ? layer.paint : undefined) as Record<string, unknown> | undefined;
    const filter = 'filter' in layer ? layer.filter : undefined;
    if (!map.getLayer(layer.id)) {
      map.addLayer(layer);
      for (const [k, v] of Object.entries(paint ?? {})) changed(map, `paint:${layer.id}:${k}`, v);
      changed(map, `filter:${layer.id}`, filter ?? null);
      continue;
    }
    for (const [k, v] of Object.entries(paint ?? {})) {
      if (changed(map, `paint:${layer.id}:${k}`, v)) map.setPaintProperty(layer.id, k, v);
    }
    if (changed(map, `filter:${layer.id}`, filter ?? null)) map.setFilter(layer.id, filter ?? null);
  }
}
