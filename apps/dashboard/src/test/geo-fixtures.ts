import type { AreasGeoJson } from '../queries/geo.queries.ts';

/** Test shapes for the map and geography models: made-up squares and one made-up river line. */
export type AreaFeature = AreasGeoJson['features'][number];

/** A closed square ring (one polygon's rings) from (x, y), side d degrees. */
export const square = (x: number, y: number, d: number): number[][][] => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];

/** A unit (or outline) polygon: the square at (x, y), side d, with these properties. */
export const squareFeature = (properties: Record<string, unknown>, x: number, y: number, d: number): AreaFeature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: square(x, y, d) },
});

/** A straight river line across the city, as the areas GeoJSON carries rivers (properties.kind 'river'). */
export const riverFeature = (name: string): AreaFeature => ({
  type: 'Feature',
  properties: { kind: 'river', name },
  geometry: {
    type: 'LineString',
    coordinates: [
      [105.5, 10.32],
      [105.86, 9.96],
    ],
  },
});

export const areasGeo = (features: AreaFeature[]): AreasGeoJson => ({ type: 'FeatureCollection', features });
