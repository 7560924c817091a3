import { queryOptions } from '@tanstack/react-query';
import type { AreasAtResponse } from '../geo/units.ts';
import { getJson } from './http.ts';

/**
 * GET /api/v1/geo/areas?at=: the units valid that day as a FeatureCollection (imported boundaries
 * where committed, else our schematic shapes; properties code, name, nameEn, level, parent,
 * schematic, source), one feature with `kind: 'outline'` (the city), and lines (a river).
 */
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

/** Every geometry query starts with this key: a committed boundary import invalidates them all. */
export const GEO_KEY = ['geo'] as const;
/** The wall re-reads the shapes this often, so an import made elsewhere shows without a reload (cheap with the server's ETag). */
export const GEO_REFRESH_MS = 60_000;

const atParam = (at: string | undefined) => (at ? `?at=${encodeURIComponent(at)}` : '');

/** The shapes of the units valid on `at` (yyyy-mm-dd); today's when absent. */
export function geoAreasQuery(at?: string) {
  return queryOptions({
    queryKey: [...GEO_KEY, 'areas', at ?? 'today'] as const,
    queryFn: ({ signal }) => getJson<AreasGeoJson>(`/api/v1/geo/areas${atParam(at)}`, signal),
    staleTime: GEO_REFRESH_MS,
  });
}

/** GET /api/v1/areas?at=: the registry's units valid on `at` (today's when absent), with names. */
export function areasQuery(at?: string) {
  return queryOptions({
    queryKey: ['areas', at ?? 'today'] as const,
    queryFn: ({ signal }) => getJson<AreasAtResponse>(`/api/v1/areas${atParam(at)}`, signal),
    staleTime: 10 * 60_000,
  });
}
