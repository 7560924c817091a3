import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

/**
 * The city's own basemap: a PMTiles file the server advertises (`basemap: { url }` in
 * /api/v1/catalogue or /api/v1/config) and serves with HTTP Range requests. MapLibre reads it
 * through the `pmtiles://` protocol. We do not know the file's schema beforehand, so the style is
 * built from what the file says about itself (tile type, vector layers): muted fills and lines
 * that sit under our choropleth on the dark wall, no text (there is no glyph server). Pure.
 */
export const BASEMAP_SOURCE = 'ioc-basemap';
export const BASEMAP_PREFIX = 'ioc-basemap-';

export interface BasemapInfo {
  /** Absolute URL of the PMTiles file. */
  url: string;
  kind: 'vector' | 'raster';
  /** Vector layer ids from the file's metadata (vector_layers). */
  vectorLayers: string[];
  minZoom: number;
  maxZoom: number;
  attribution: string | null;
}

/** The basemap URL the server advertises, from a catalogue or config response of any shape; null when none. */
export function advertisedBasemap(response: unknown): string | null | undefined {
  if (typeof response !== 'object' || response === null || !('basemap' in response)) return undefined;
  const b = (response as { basemap: unknown }).basemap;
  if (typeof b === 'object' && b !== null && typeof (b as { url?: unknown }).url === 'string' && (b as { url: string }).url !== '')
    return (b as { url: string }).url;
  return null;
}

/** The vector layer ids of a PMTiles metadata object (TileJSON-like `vector_layers`). */
export function vectorLayerIds(metadata: unknown): string[] {
  const layers = (metadata as { vector_layers?: unknown } | null)?.vector_layers;
  if (!Array.isArray(layers)) return [];
  return layers.map((l) => (l as { id?: unknown }).id).filter((id): id is string => typeof id === 'string' && id !== '');
}

type Role = 'land' | 'water' | 'building' | 'road' | 'boundary' | 'other';

/** What a layer of a common schema (Protomaps, OpenMapTiles, Shortbread) holds, by its name. */
export function layerRole(id: string): Role {
  const n = id.toLowerCase();
  if (/water|ocean|river|lake/.test(n)) return 'water';
  if (/building/.test(n)) return 'building';
  if (/road|transport|street|highway|rail|transit|aeroway/.test(n)) return 'road';
  if (/boundar|admin/.test(n)) return 'boundary';
  if (/earth|land|park|natural|green|forest|place/.test(n)) return 'land';
  return 'other';
}

const COLOURS: Record<Role, { fill: string | null; line: string; opacity: number }> = {
  land: { fill: '#0c1628', line: '#13213a', opacity: 0.9 },
  water: { fill: '#0b2745', line: '#1d4e89', opacity: 0.95 },
  building: { fill: '#121d31', line: '#17243b', opacity: 0.8 },
  road: { fill: null, line: '#2b3a55', opacity: 0.9 },
  boundary: { fill: null, line: '#475569', opacity: 0.7 },
  other: { fill: null, line: '#1b2842', opacity: 0.6 },
};
const ORDER: Role[] = ['land', 'other', 'water', 'building', 'road', 'boundary'];

/** The source and layers that draw the basemap, bottom first. */
export function buildBasemapLayers(info: BasemapInfo): { source: SourceSpecification; layers: LayerSpecification[] } {
  const url = `pmtiles://${info.url}`;
  if (info.kind === 'raster') {
    return {
      source: { type: 'raster', url, tileSize: 256, ...(info.attribution ? { attribution: info.attribution } : {}) },
      layers: [
        {
          id: `${BASEMAP_PREFIX}raster`,
          type: 'raster',
          source: BASEMAP_SOURCE,
          paint: { 'raster-opacity': 0.55, 'raster-saturation': -0.6, 'raster-brightness-max': 0.55 },
        },
      ],
    };
  }
  const layers: LayerSpecification[] = [];
  const byRole = [...info.vectorLayers].sort((a, b) => ORDER.indexOf(layerRole(a)) - ORDER.indexOf(layerRole(b)));
  for (const id of byRole) {
    const c = COLOURS[layerRole(id)];
    // one tile layer drawn twice: its polygons filled, its lines stroked
    const drawn = { source: BASEMAP_SOURCE, 'source-layer': id } as const;
    if (c.fill)
      layers.push({
        ...drawn,
        id: `${BASEMAP_PREFIX}${id}-fill`,
        type: 'fill',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': c.fill, 'fill-opacity': c.opacity },
      });
    const lineWidth = layerRole(id) === 'road' ? 1.2 : 0.8;
    layers.push({
      ...drawn,
      id: `${BASEMAP_PREFIX}${id}-line`,
      type: 'line',
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': c.line, 'line-opacity': c.opacity, 'line-width': lineWidth },
    });
  }
  return { source: { type: 'vector', url, ...(info.attribution ? { attribution: info.attribution } : {}) }, layers };
}
