import { describe, expect, it, vi } from 'vitest';
import { applyLayerSpec, type MapLike } from './apply-layer-spec.ts';
import type { LayerSpec } from './layers/layer-spec.ts';
import type { GeoJSONSourceSpecification } from 'maplibre-gl';

function fakeMap() {
  const sources = new Map<string, { data: unknown; setData: (d: unknown) => void }>();
  const layers = new Map<string, unknown>();
  const map = {
    calls: [] as string[],
    getSource: (id: string) => sources.get(id),
    addSource: vi.fn((id: string, s: { data: unknown }) => {
      const src = { data: s.data, setData: vi.fn((d: unknown) => void (src.data = d)) };
      sources.set(id, src);
    }),
    getLayer: (id: string) => layers.get(id),
    addLayer: vi.fn((l: { id: string }) => void layers.set(l.id, l)),
    setPaintProperty: vi.fn(),
    setFilter: vi.fn(),
    setFeatureState: vi.fn(),
    removeFeatureState: vi.fn(),
  };
  return { map, sources, layers };
}

const spec = (data: unknown, width: number): LayerSpec => ({
  sources: { s: { type: 'geojson', data: data as GeoJSONSourceSpecification['data'] } },
  layers: [{ id: 'l', type: 'line', source: 's', paint: { 'line-width': width, 'line-color': '#fff' } }],
});

describe('applyLayerSpec', () => {
  it('adds sources and layers once, then pushes only what changed', () => {
    const { map, sources } = fakeMap();
    const a = { type: 'FeatureCollection', features: [] };
    applyLayerSpec(map as unknown as MapLike, spec(a, 1));
    expect(map.addSource).toHaveBeenCalledTimes(1);
    expect(map.addLayer).toHaveBeenCalledTimes(1);

    applyLayerSpec(map as unknown as MapLike, spec({ ...a }, 1)); // equal content: nothing to do
    expect(sources.get('s')!.setData).not.toHaveBeenCalled();
    expect(map.setPaintProperty).not.toHaveBeenCalled();

    const b = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] };
    applyLayerSpec(map as unknown as MapLike, spec(b, 2));
    expect(sources.get('s')!.setData).toHaveBeenCalledWith(b);
    expect(map.setPaintProperty).toHaveBeenCalledTimes(1);
    expect(map.setPaintProperty).toHaveBeenCalledWith('l', 'line-width', 2);
    expect(map.addLayer).toHaveBeenCalledTimes(1);
  });

  it('does not serialise the same data object again (a city of polygons is megabytes)', () => {
    const { map, sources } = fakeMap();
    const a = { type: 'FeatureCollection', features: [] };
    applyLayerSpec(map as unknown as MapLike, spec(a, 1));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      applyLayerSpec(map as unknown as MapLike, spec(a, 1));
      expect(stringify.mock.calls.some(([v]) => v === a)).toBe(false);
    } finally {
      stringify.mockRestore();
    }
    expect(sources.get('s')!.setData).not.toHaveBeenCalled();
  });

  it('sets the feature states that changed, and only those, without re-sending the data', () => {
    const { map, sources } = fakeMap();
    const data = { type: 'FeatureCollection', features: [] };
    const withStates = (states: [string, object][]): LayerSpec => ({ ...spec(data, 1), featureStates: { s: new Map(states) } });
    applyLayerSpec(
      map as unknown as MapLike,
      withStates([
        ['a', { color: '#111' }],
        ['b', { color: '#222' }],
      ]),
    );
    expect(map.setFeatureState.mock.calls).toEqual([
      [{ source: 's', id: 'a' }, { color: '#111' }],
      [{ source: 's', id: 'b' }, { color: '#222' }],
    ]);
    map.setFeatureState.mockClear();

    applyLayerSpec(
      map as unknown as MapLike,
      withStates([
        ['a', { color: '#111' }],
        ['b', { color: '#333' }],
      ]),
    );
    expect(map.setFeatureState.mock.calls).toEqual([[{ source: 's', id: 'b' }, { color: '#333' }]]);
    expect(sources.get('s')!.setData).not.toHaveBeenCalled();
    map.setFeatureState.mockClear();

    // a feature no longer listed loses its state (its fill falls back to the layer's default)
    applyLayerSpec(map as unknown as MapLike, withStates([['a', { color: '#111' }]]));
    expect(map.setFeatureState).not.toHaveBeenCalled();
    expect(map.removeFeatureState.mock.calls).toEqual([[{ source: 's', id: 'b' }]]);
  });

  it('sets every state again on a source added anew (a new style drops the old states)', () => {
    const { map, sources } = fakeMap();
    const data = { type: 'FeatureCollection', features: [] };
    const s1: LayerSpec = { ...spec(data, 1), featureStates: { s: new Map([['a', { color: '#111' }]]) } };
    applyLayerSpec(map as unknown as MapLike, s1);
    sources.delete('s');
    applyLayerSpec(map as unknown as MapLike, s1);
    expect(map.addSource).toHaveBeenCalledTimes(2);
    expect(map.setFeatureState).toHaveBeenCalledTimes(2);
  });
});
