import type { GeoJSONSourceSpecification, LayerSpecification, LineLayerSpecification } from 'maplibre-gl';

/** What a map layer module produces: plain MapLibre style-spec objects, no map instance. */
export interface LayerSpec {
  sources: Record<string, GeoJSONSourceSpecification>;
  layers: LayerSpecification[];
  /** Feature state per source and feature id (the source's promoteId): what paint reads with ['feature-state', …]. */
  featureStates?: Record<string, ReadonlyMap<string, object>>;
}

export interface GeoFeature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  properties: P;
  geometry:
    | { type: 'Point'; coordinates: number[] }
    | { type: 'LineString'; coordinates: number[][] }
    | { type: 'MultiLineString'; coordinates: number[][][] }
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface GeoCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: GeoFeature<P>[];
}

/** One feature of our own: its properties and its geometry. */
export function feature<P>(properties: P, geometry: GeoFeature['geometry']): GeoFeature<P> {
  return { type: 'Feature', properties, geometry };
}

/** The `data` of a GeoJSON source: our own collections are passed through as is. */
export type SourceData = GeoJSONSourceSpecification['data'];

/** One GeoJSON source of our own features; `promoteId` names the property feature state and popups key on. */
export function geoSource<P>(features: GeoFeature<P>[], promoteId?: string): GeoJSONSourceSpecification {
  const data: GeoCollection<P> = { type: 'FeatureCollection', features };
  return promoteId ? { type: 'geojson', data: data as SourceData, promoteId } : { type: 'geojson', data: data as SourceData };
}

/** Rounded ends and joins, for roads and rivers. */
export const ROUND_LINE = { 'line-cap': 'round', 'line-join': 'round' } as const;

/** A line layer drawing `source`: its id, its paint, and its layout where it has one (ROUND_LINE for roads and rivers). */
export function lineLayer(
  id: string,
  source: string,
  paint: LineLayerSpecification['paint'],
  layout?: LineLayerSpecification['layout'],
): LineLayerSpecification {
  return layout ? { id, type: 'line', source, layout, paint } : { id, type: 'line', source, paint };
}
