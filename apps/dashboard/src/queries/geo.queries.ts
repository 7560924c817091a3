import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

/** The GeoJSON the server serves for the map: district polygons and a river line. */
export interface AreasGeoJson {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: Record<string, unknown> | null;
    geometry:
      | { type: 'Polygon'; coordinates: number[][][] }
      | { type: 'MultiPolygon'; coordinates: number[][][][] }
      | { type: 'LineString'; coordinates: number[][] }
      | { type: 'MultiLineString'; coordinates: number[][][] }
      | { type: 'Point'; coordinates: number[] };
  }[];
}

export const geoAreasKey = ['geo', 'areas'] as const;

export function geoAreasQuery() {
  return queryOptions({
    queryKey: geoAreasKey,
    queryFn: ({ signal }) => getJson<AreasGeoJson>('/api/v1/geo/areas', signal),
    staleTime: Infinity,
  });
}
