import { Type, type Static } from 'typebox';
import { AreaRefFields, LiteralUnion, Nullable, NullableNumber, NullableString } from '../common.ts';
import { AreaAtSchema } from '../catalogue/area-registry.ts';
import { AreaLevelSchema } from '../catalogue/area.ts';

/**
 * The geography API (issue 10). Dates are local (Asia/Ho_Chi_Minh) 'YYYY-MM-DD'; without `at`
 * the server's today.
 *   GET  /api/v1/areas?at=                      AreasResponse: every unit in force that day (the city included)
 *   GET  /api/v1/geo/areas?at=                  GeoJSON FeatureCollection of the units in force that day
 *                                               (GeoAreaProperties) + the outline (GeoOutlineProperties);
 *                                               ETag / Cache-Control; a committed import changes the ETag
 *   POST /api/v1/admin/boundaries?dryRun=true   BoundaryImportReport (GeoJSON, TopoJSON or a zipped Shapefile)
 *   POST /api/v1/admin/boundaries               201 BoundaryImportResult | 422 BoundaryImportReport (nothing stored)
 *   GET  /api/v1/admin/boundaries               BoundaryVersionsResponse
 *   GET  /api/v1/basemap.pmtiles                the city's PMTiles file (IOC_BASEMAP_PMTILES), with HTTP Range
 *   GET  /api/v1/config                         ClientConfig: what the dashboard needs beside the catalogue
 */

export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const AtQuerySchema = Type.Object({ at: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false });
export type AtQuery = Static<typeof AtQuerySchema>;

export const AreasResponseSchema = Type.Object({
  at: Type.String({ pattern: ISO_DATE_PATTERN }),
  units: Type.Array(AreaAtSchema),
});
export type AreasResponse = Static<typeof AreasResponseSchema>;

/** Where a feature's shape comes from. */
const ShapeSourceFields = {
  /** Our own schematic shape (not an official boundary). */
  schematic: Type.Boolean(),
  /** 'schematic' or 'import:<version>' (the committed boundary import the shape comes from). */
  source: Type.String(),
};

/** Properties of a unit's feature in GET /api/v1/geo/areas. */
export const GeoAreaPropertiesSchema = Type.Object({
  ...AreaRefFields,
  nameEn: NullableString,
  level: AreaLevelSchema,
  parent: NullableString,
  ...ShapeSourceFields,
});
export type GeoAreaProperties = Static<typeof GeoAreaPropertiesSchema>;

/** The city's outline feature: `kind: 'outline'`. */
export const GeoOutlinePropertiesSchema = Type.Object({
  kind: Type.Literal('outline'),
  ...AreaRefFields,
  ...ShapeSourceFields,
});
export type GeoOutlineProperties = Static<typeof GeoOutlinePropertiesSchema>;

/** GET /api/v1/geo/areas (application/geo+json): a unit per feature, and the city's outline. */
export const GeoAreasResponseSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Union([GeoAreaPropertiesSchema, GeoOutlinePropertiesSchema]),
      /** A GeoJSON Polygon or MultiPolygon. */
      geometry: Type.Object({ type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Unknown()) }),
    }),
  ),
});

/** How a feature was matched to a unit: by its code (property or Feature.id) or by its name. */
export const BoundaryMatchHowSchema = LiteralUnion(['code', 'feature-id', 'name', 'name-unaccented']);

export const BoundaryIssueSchema = Type.Object({
  /** Index of the feature in the file (-1: the file as a whole). */
  index: Type.Integer(),
  /** 'error' refuses the import; 'warning' is reported; 'repaired' was fixed in the stored geometry. */
  severity: LiteralUnion(['error', 'warning', 'repaired']),
  /** not_polygon, projected_coordinates, winding, self_intersection, overlap, sliver, area_mismatch, unmatched, duplicated, … */
  rule: Type.String(),
  message: Type.String(),
  /** [longitude, latitude] of the problem when it has a place. */
  location: Type.Optional(Type.Tuple([Type.Number(), Type.Number()])),
});
export type BoundaryIssue = Static<typeof BoundaryIssueSchema>;

/** The checks of a boundary file, before anything is stored (also the body of a 422). */
export const BoundaryImportReportSchema = Type.Object({
  /** Number of features in the file. */
  features: Type.Integer(),
  /** The file's format as read: geojson, topojson or shapefile. */
  format: Type.String(),
  /** The date whose units the features were matched against. */
  at: Type.String({ pattern: ISO_DATE_PATTERN }),
  matched: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), how: BoundaryMatchHowSchema })),
  unmatched: Type.Array(
    Type.Object({
      index: Type.Integer(),
      name: NullableString,
      code: NullableString,
      reason: Type.String(),
    }),
  ),
  duplicated: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), duplicateOf: Type.Integer() })),
  /** Units in force at `at` that no feature matched. */
  missing: Type.Array(Type.String()),
  areas: Type.Array(
    Type.Object({
      code: Type.String(),
      importedKm2: Type.Number(),
      registryKm2: NullableNumber,
      /** importedKm2 / registryKm2 */
      ratio: NullableNumber,
    }),
  ),
  issues: Type.Array(BoundaryIssueSchema),
  /** No error: committing would store the import. */
  ok: Type.Boolean(),
});
export type BoundaryImportReport = Static<typeof BoundaryImportReportSchema>;

export const BoundaryVersionSchema = Type.Object({
  version: Type.Integer(),
  /** The date whose units the import describes. */
  at: Type.String({ pattern: ISO_DATE_PATTERN }),
  /** epoch ms */
  storedAt: Type.Number(),
  origin: Type.String(),
  fileName: NullableString,
  format: Type.String(),
  /** The unit codes it carries a shape for. */
  codes: Type.Array(Type.String()),
});
export type BoundaryVersion = Static<typeof BoundaryVersionSchema>;

export const BoundaryImportResultSchema = Type.Object({
  /** false: the same file was already the latest import (nothing new stored). */
  stored: Type.Boolean(),
  version: BoundaryVersionSchema,
  report: BoundaryImportReportSchema,
});
export type BoundaryImportResult = Static<typeof BoundaryImportResultSchema>;

export const BoundaryVersionsResponseSchema = Type.Object({
  /** Newest first. */
  versions: Type.Array(BoundaryVersionSchema),
});
export type BoundaryVersionsResponse = Static<typeof BoundaryVersionsResponseSchema>;

export const BoundaryImportQuerySchema = Type.Object(
  {
    dryRun: Type.Optional(LiteralUnion(['true', 'false', '1', '0'])),
    /** The date whose units the file describes (default: today). */
    at: Type.Optional(Type.String({ maxLength: 10 })),
    fileName: Type.Optional(Type.String({ maxLength: 255, pattern: '^[^<>\\u0000-\\u001f]*$' })),
  },
  { additionalProperties: false },
);
export type BoundaryImportQuery = Static<typeof BoundaryImportQuerySchema>;

/** GET /api/v1/config: what the dashboard needs beside the catalogue. */
export const ClientConfigSchema = Type.Object({
  /** The self-hosted basemap (IOC_BASEMAP_PMTILES), drawn through the pmtiles protocol; null: the offline default. */
  basemap: Nullable(Type.Object({ url: Type.String() })),
  /** The registry's root unit (the city) and the first day of today's units. */
  city: Type.Object({ code: Type.String(), name: Type.String(), todayFrom: Type.String({ pattern: ISO_DATE_PATTERN }) }),
  /** Today's date in the server's zone (Asia/Ho_Chi_Minh). */
  today: Type.String({ pattern: ISO_DATE_PATTERN }),
  /** IOC_DOSSIER_URL_TEMPLATE: a dossier's page in the one-stop system, `{code}` and `{agency}` to fill in (URL-encoded); null: no link. */
  dossierUrlTemplate: Nullable(Type.String()),
});
export type ClientConfig = Static<typeof ClientConfigSchema>;
