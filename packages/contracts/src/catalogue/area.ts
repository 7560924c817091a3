import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable } from '../common.ts';
import { BandSchema } from './indicator.ts';

export const AreaLevelSchema = LiteralUnion(['province', 'district', 'commune']);
export type AreaLevel = Static<typeof AreaLevelSchema>;

/** GSO administrative unit code: 2 digits province, 3 district, 5 commune. */
export const AreaCodeSchema = Type.String({ pattern: '^[0-9]{2,5}$' });

export const AreaSchema = Type.Object({
  code: AreaCodeSchema,
  name: Type.String({ minLength: 1 }),
  /** e.g. 'quận', 'huyện', 'thành phố' */
  kind: Type.String(),
  level: AreaLevelSchema,
  parent: Nullable(AreaCodeSchema),
  /** ISO date (yyyy-mm-dd) the unit came into force, inclusive. */
  validFrom: Type.String({ format: 'date' }),
  /** ISO date the unit ceased to exist, exclusive; null while valid. */
  validTo: Nullable(Type.String({ format: 'date' })),
  centroid: Type.Tuple([Type.Number(), Type.Number()], { description: '[longitude, latitude]' }),
  areaKm2: Type.Optional(Type.Number()),
  /** English name, unaccented ("Ninh Kieu Ward"). */
  nameEn: Type.Optional(Type.String()),
  population: Type.Optional(Type.Integer({ minimum: 0 })),
  /** How `centroid` was obtained: 'seat', 'representative-point' or 'centroid' (see CentreKindSchema). */
  centroidKind: Type.Optional(Type.String()),
  /** Where the figures come from (resolution, code list). */
  source: Type.Optional(Type.String()),
});
export type Area = Static<typeof AreaSchema>;

export const StationSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
  name: Type.String({ minLength: 1 }),
  /** The unit the station stands in today. */
  area: AreaCodeSchema,
  /**
   * Where the station counted before `area`, oldest first: a reading dated before `until` (a local
   * date, exclusive) names `area` of that entry (e.g. the district before the 2025 reform).
   */
  areaHistory: Type.Optional(Type.Array(Type.Object({ area: AreaCodeSchema, until: Type.String({ format: 'date' }) }))),
  /** [longitude, latitude] */
  location: Type.Tuple([Type.Number(), Type.Number()]),
  indicators: Type.Array(Type.String()),
  /** Station-specific bands per indicator id (e.g. BĐ I/II/III alert levels in cm). */
  bands: Type.Optional(Type.Record(Type.String(), Type.Array(BandSchema))),
  /** Where the thresholds come from; 'demo' thresholds are illustrative, not official. */
  thresholdSource: Type.Optional(Type.String()),
  /** A road-segment station's line on the map, [longitude, latitude] points (illustrative, not surveyed). */
  segment: Type.Optional(Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { minItems: 2 })),
});
export type Station = Static<typeof StationSchema>;
