import { Type, type Static } from 'typebox';
import { AreaRefFields, LiteralUnion, Nullable, RatioValueFields } from '../common.ts';
import { AreaLevelSchema } from '../catalogue/area.ts';

/** How history across a reorganisation is read: on today's units, or on the units as they were. */
export type AnalystView = 'today' | 'as-it-was';

/** Period kinds of the analyst history API: months and longer come from month rollups. */
export const SeriesKindSchema = LiteralUnion(['hour', 'day', 'month', 'quarter', 'half', 'year']);
export type SeriesKind = Static<typeof SeriesKindSchema>;
const SERIES_KIND_VALUES: SeriesKind[] = ['hour', 'day', 'month', 'quarter', 'half', 'year'];

/**
 * GET /api/v1/analyst/series (and .csv, .xlsx): one indicator for several areas over a range of
 * periods. `from` and `to` are period keys of the chosen kind ('2026-01', '2026-Q1', '2026-H1',
 * '2026', '2026-11-22', '2026-11-22T07'), both inclusive.
 */
export const AnalystSeriesQuerySchema = Type.Object(
  {
    indicator: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    /**
     * Comma-separated area codes: up to 200, so the explorer's map of the city can ask for every
     * commune at once (Cần Thơ has 103 since 1 July 2025); the points bound still applies.
     */
    areas: Type.String({ pattern: '^[A-Za-z0-9._-]{1,32}(,[A-Za-z0-9._-]{1,32}){0,199}$' }),
    /** One enum (not a union of literals) so a wrong kind gives one precise error. */
    period: Type.Unsafe<SeriesKind>({ type: 'string', enum: SERIES_KIND_VALUES }),
    from: Type.String({ maxLength: 16 }),
    to: Type.String({ maxLength: 16 }),
    compare: Type.Optional(Type.Literal('previous')),
    /**
     * today (default): history before the reform re-aggregated onto today's units through the
     * crosswalk (counts and Σnum/Σden split by weight; points resting on a split are estimated);
     * as-it-was: the units as they were (old codes).
     */
    view: Type.Optional(Type.Unsafe<AnalystView>({ type: 'string', enum: ['today', 'as-it-was'] })),
    /** Language of export headers (CSV, XLSX). */
    lang: Type.Optional(Type.Unsafe<'vi' | 'en'>({ type: 'string', enum: ['vi', 'en'] })),
  },
  { additionalProperties: false },
);
export type AnalystSeriesQuery = Static<typeof AnalystSeriesQuerySchema>;

export const AnalystPointSchema = Type.Object({
  period: Type.String(),
  ...RatioValueFields,
  /** Observations (or dossiers) behind the value. */
  count: Type.Number(),
  /** The value rests on a split unit's estimated weights (view=today). */
  estimated: Type.Optional(Type.Boolean()),
});
export type AnalystPoint = Static<typeof AnalystPointSchema>;

export const AnalystSeriesSchema = Type.Object({
  area: Type.String(),
  name: Type.String(),
  points: Type.Array(AnalystPointSchema),
});
export type AnalystSeries = Static<typeof AnalystSeriesSchema>;

/** The periods a set of series spans: the first and the last (period keys of the series' kind). */
const SpanFields = { from: Type.String(), to: Type.String() };

export const AnalystSeriesResponseSchema = Type.Object({
  indicator: Type.String(),
  aggregation: Type.String(),
  unit: Type.String(),
  period: SeriesKindSchema,
  ...SpanFields,
  /** Where the values come from: the observation rollups, or the dossier indicator cells. */
  source: Type.Union([Type.Literal('rollups'), Type.Literal('dossiers')]),
  view: Type.Union([Type.Literal('today'), Type.Literal('as-it-was')]),
  series: Type.Array(AnalystSeriesSchema),
  /** compare=previous: the same number of periods just before `from`. */
  compare: Nullable(Type.Object({ ...SpanFields, series: Type.Array(AnalystSeriesSchema) })),
  /** epoch ms */
  asOf: Type.Number(),
});
export type AnalystSeriesResponse = Static<typeof AnalystSeriesResponseSchema>;

export const AnalystChildrenQuerySchema = Type.Object(
  {
    area: Type.String({ pattern: '^[A-Za-z0-9._-]{1,32}$' }),
    /** The date whose tree is walked (default today): before 2025-07-01 city → district → commune. */
    at: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

export const AnalystAreaSchema = Type.Object({
  ...AreaRefFields,
  kind: Type.String(),
  level: AreaLevelSchema,
  /** A shape for this area is in /api/v1/geo/areas (at the same date). */
  hasGeometry: Type.Boolean(),
  hasChildren: Type.Boolean(),
});
export type AnalystArea = Static<typeof AnalystAreaSchema>;

/** GET /api/v1/analyst/children?area=: the drill-down step below an area. */
export const AnalystChildrenResponseSchema = Type.Object({
  /** The date the tree is read at. */
  at: Type.String(),
  area: AnalystAreaSchema,
  /** From the city down to the parent of `area`. */
  path: Type.Array(AnalystAreaSchema),
  children: Type.Array(AnalystAreaSchema),
});
export type AnalystChildrenResponse = Static<typeof AnalystChildrenResponseSchema>;
