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
  setFeatureState(feature: { source: string; id: string }, state: object): unknown;
  removeFeatureState(feature: { source: string; id: string }): unknown;
}

/** What was last pushed to a map: by key, the value (as JSON and as the object passed) and the feature states per source. */
interface Applied {
  json: Map<string, string>;
  ref: Map<string, unknown>;
  states: Map<string, Map<string, string>>;
}
const lastApplied = new WeakMap<object, Applied>();

function appliedTo(map: object): Applied {
  let a = lastApplied.get(map);
  if (!a) lastApplied.set(map, (a = { json: new Map(), ref: new Map(), states: new Map() }));
  return a;
}

/** True when `value` differs from what was last pushed under `key`; the same object again is not even serialised (a city's polygons are megabytes). */
function changed(map: object, key: string, value: unknown): boolean {
  const a = appliedTo(map);
  if (value !== null && typeof value === 'object' && a.ref.get(key) === value) return false;
  a.ref.set(key, value);
  const json = JSON.stringify(value);
  if (a.json.get(key) === json) return false;
  a.json.set(key, json);
  return true;
}

/** Sets the feature states that changed since the last call, and removes those of features no longer listed. */
function applyFeatureStates(map: MapLike, source: string, states: NonNullable<LayerSpec['featureStates']>[string], fresh: boolean): void {
  const a = appliedTo(map);
  let seen = a.states.get(source);
  if (!seen || fresh) a.states.set(source, (seen = new Map()));
  for (const [id, state] of states) {
    const json = JSON.stringify(state);
    if (seen.get(id) === json) continue;
    seen.set(id, json);
    map.setFeatureState({ source, id }, state);
  }
  for (const id of seen.keys()) {
    if (states.has(id)) continue;
    seen.delete(id);
    map.removeFeatureState({ source, id });
  }
}

/**
 * Binds a pure layer spec to a live map: adds sources and layers the first time, then only
 * pushes what changed (new GeoJSON data, paint values, filters, the feature states of single
 * features). Layers keep the order of first insertion, so call it in bottom-to-top order.
 */
export function applyLayerSpec(map: MapLike, spec: LayerSpec): void {
  const added = new Set<string>();
  for (const [id, source] of Object.entries(spec.sources)) {
    const existing = map.getSource(id) as { setData?: (data: unknown) => unknown } | undefined;
    if (!existing) {
      map.addSource(id, source);
      added.add(id);
      appliedTo(map).ref.delete(`source:${id}`);
      appliedTo(map).json.delete(`source:${id}`);
      changed(map, `source:${id}`, source.data);
    } else if (changed(map, `source:${id}`, source.data)) existing.setData?.(source.data);
  }
  for (const [id, states] of Object.entries(spec.featureStates ?? {})) {
    if (map.getSource(id)) applyFeatureStates(map, id, states, added.has(id));
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
