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
});
