import { describe, expect, it } from 'vitest';
import { advertisedBasemap, BASEMAP_SOURCE, buildBasemapLayers, layerRole, vectorLayerIds } from './basemap.ts';

describe('advertisedBasemap', () => {
  it('reads basemap.url from a catalogue or config response; null when the server says none; undefined when it says nothing', () => {
    expect(advertisedBasemap({ basemap: { url: '/api/v1/basemap.pmtiles' } })).toBe('/api/v1/basemap.pmtiles');
    expect(advertisedBasemap({ basemap: null })).toBeNull();
    expect(advertisedBasemap({ basemap: { url: '' } })).toBeNull();
    expect(advertisedBasemap({ city: {} })).toBeUndefined();
    expect(advertisedBasemap(null)).toBeUndefined();
  });
});

describe('buildBasemapLayers', () => {
  const base = { url: 'http://ioc.local/api/v1/basemap.pmtiles', minZoom: 0, maxZoom: 14, attribution: '© OpenStreetMap' };

  it('reads a vector file through the pmtiles protocol, water and roads drawn apart, land under roads', () => {
    const layers = vectorLayerIds({ vector_layers: [{ id: 'roads' }, { id: 'water' }, { id: 'earth' }, { nope: 1 }] });
    expect(layers).toEqual(['roads', 'water', 'earth']);
    const spec = buildBasemapLayers({ ...base, kind: 'vector', vectorLayers: layers });
    expect(spec.source).toEqual({ type: 'vector', url: 'pmtiles://http://ioc.local/api/v1/basemap.pmtiles', attribution: '© OpenStreetMap' });
    const ids = spec.layers.map((l) => l.id);
    expect(ids.indexOf('ioc-basemap-earth-fill')).toBeLessThan(ids.indexOf('ioc-basemap-water-fill'));
    expect(ids.indexOf('ioc-basemap-water-fill')).toBeLessThan(ids.indexOf('ioc-basemap-roads-line'));
    expect(ids).not.toContain('ioc-basemap-roads-fill');
    expect(spec.layers.every((l) => 'source' in l && l.source === BASEMAP_SOURCE)).toBe(true);
    // no symbol layer: there is no glyph server
    expect(spec.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('draws a raster file dimmed under our layers', () => {
    const spec = buildBasemapLayers({ ...base, kind: 'raster', vectorLayers: [] });
    expect(spec.source).toMatchObject({ type: 'raster', url: 'pmtiles://http://ioc.local/api/v1/basemap.pmtiles', tileSize: 256 });
    expect(spec.layers.map((l) => l.type)).toEqual(['raster']);
  });

  it('recognises the layers of the common schemas', () => {
    expect(['water', 'waterway', 'transportation', 'roads', 'building', 'boundaries', 'landuse', 'pois'].map(layerRole)).toEqual([
      'water',
      'water',
      'road',
      'road',
      'building',
      'boundary',
      'land',
      'other',
    ]);
  });
});
