import { Type, type Static } from 'typebox';
import { Nullable, NullableString } from '../common.ts';
import { AreaCodeSchema, AreaLevelSchema } from './area.ts';

/**
 * The registry of administrative units, versioned, loaded as data (IOC_AREAS_FILE).
 *
 * Dates are ISO `yyyy-mm-dd` in Asia/Ho_Chi_Minh. `validFrom` is the first day a unit version is
 * in force; `validTo` is the first day it is no longer in force (exclusive), null while in force.
 * One code may carry several versions (GSO reuses codes: a new unit takes the code of one of its
 * predecessors), but two versions of one code never overlap.
 */

const IsoDateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** How an administrative-centre point was obtained. */
export const CentreKindSchema = Type.Union([
  /** The published seat (trụ sở) of the people's committee, geocoded. */
  Type.Literal('seat'),
  /** A point computed to lie inside the unit's boundary (not the seat). */
  Type.Literal('representative-point'),
  /** A polygon centroid or a reference point from a gazetteer. */
  Type.Literal('centroid'),
]);
export type CentreKind = Static<typeof CentreKindSchema>;

export const UnitCentreSchema = Type.Object({
  /** [longitude, latitude], WGS 84 */
  lonLat: Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]),
  kind: CentreKindSchema,
  /** True when the point is only an approximation of the administrative centre. */
  approximate: Type.Boolean(),
  /** Id of the entry in `sources` the point comes from. */
  source: Type.Optional(Type.String()),
});
export type UnitCentre = Static<typeof UnitCentreSchema>;

/** Area and population weights of one old → new link; each kind sums to 1 over an old unit's links. */
export const CrosswalkWeightsSchema = Type.Object({
  area: Type.Number({ minimum: 0, maximum: 1 }),
  population: Type.Number({ minimum: 0, maximum: 1 }),
});
export type CrosswalkWeights = Static<typeof CrosswalkWeightsSchema>;

/** Figures of the part of a split unit that went to one successor, when published. */
export const PublishedPartSchema = Type.Object({
  areaKm2: Type.Optional(Type.Number({ minimum: 0 })),
  population: Type.Optional(Type.Integer({ minimum: 0 })),
  source: Type.String(),
});

/** A unit version that the successor absorbed, whole or in part. */
export const PredecessorRefSchema = Type.Object({
  /** Code of the predecessor; it must be in force the day before the successor's validFrom. */
  code: AreaCodeSchema,
  /** False when only part of the predecessor went into this successor (a split). */
  whole: Type.Boolean(),
  /** Explicit weights of this link (required for no whole link; optional for a part: else derived). */
  weights: Type.Optional(CrosswalkWeightsSchema),
  /** The weights are an estimate (always true for derived parts of a split). */
  estimated: Type.Optional(Type.Boolean()),
  /** How the weights were obtained, in words. */
  basis: Type.Optional(Type.String()),
  published: Type.Optional(PublishedPartSchema),
});
export type PredecessorRef = Static<typeof PredecessorRefSchema>;

export const RegistryUnitSchema = Type.Object({
  code: AreaCodeSchema,
  /** Vietnamese name with diacritics, without the type prefix ("Ninh Kiều"); numbered wards keep it ("Phường 5"). */
  name: Type.String({ minLength: 1 }),
  /** English name, unaccented, with the type ("Ninh Kieu Ward"). */
  nameEn: Type.Optional(Type.String()),
  /** phường, xã, thị trấn, quận, huyện, thị xã, thành phố, tỉnh, đặc khu */
  type: Type.String({ minLength: 1 }),
  level: AreaLevelSchema,
  parent: Nullable(AreaCodeSchema),
  validFrom: IsoDateSchema,
  validTo: Nullable(IsoDateSchema),
  areaKm2: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
  population: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  centre: Type.Optional(UnitCentreSchema),
  /** Where the people's committee sits, in words, as published ("UBND phường An Hòa"). */
  seat: Type.Optional(Type.String()),
  predecessors: Type.Optional(Type.Array(PredecessorRefSchema)),
  /** Ids of entries in `sources`. */
  sources: Type.Optional(Type.Array(Type.String())),
  note: Type.Optional(Type.String()),
});
export type RegistryUnit = Static<typeof RegistryUnitSchema>;

export const RegistrySourceSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  /** What it is: resolution number and date, repository@commit/path, or page. */
  title: Type.String({ minLength: 1 }),
  url: Type.Optional(Type.String()),
  licence: Type.Optional(Type.String()),
  /** Which facts were taken from it. */
  used: Type.String(),
});
export type RegistrySource = Static<typeof RegistrySourceSchema>;

export const AreaRegistryFileSchema = Type.Object({
  format: Type.Literal('cityioc-area-registry/1'),
  id: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  /** Code of the unit the registry is about (e.g. the city), as of today. */
  root: AreaCodeSchema,
  /** Unit versions whose validFrom equals this date existed at least since then; earlier history is not modelled. */
  historyFrom: IsoDateSchema,
  units: Type.Array(RegistryUnitSchema, { minItems: 1 }),
  sources: Type.Array(RegistrySourceSchema),
  notes: Type.Optional(Type.Array(Type.String())),
});
export type AreaRegistryFile = Static<typeof AreaRegistryFileSchema>;

/** One row of `GET /api/v1/areas?at=`. */
export const AreaAtSchema = Type.Object({
  code: AreaCodeSchema,
  name: Type.String(),
  nameEn: NullableString,
  type: Type.String(),
  level: AreaLevelSchema,
  parent: Nullable(AreaCodeSchema),
  validFrom: IsoDateSchema,
  validTo: Nullable(IsoDateSchema),
});
export type AreaAt = Static<typeof AreaAtSchema>;
