import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable, NullableNumber, NullableString } from '../common.ts';
import { LabelSchema } from '../catalogue/indicator.ts';
import { DossierChannelSchema, DossierStatusSchema, PROCEDURE_CODE_PATTERN } from '../feeds/dossier.ts';
import { FeedIdSchema } from '../feeds/ids.ts';
import { OfficialScoreFields } from '../feeds/score766.ts';
import { PaknClassificationSchema, PaknStatusSchema } from '../feeds/pakn.ts';
import { DOSSIER_PERIOD_PATTERN } from './dossiers.ts';
import { LegalTimeUnitSchema, OnlineServiceLevelSchema } from './procedures.ts';

/**
 * The whole Decision 766 scorecard, computed by the IOC (BRIEF §1), beside the portal's official score.
 *   GET  /api/v1/score766?unit=&period=&scheme=&procedure=&officialUnit=   Score766Response
 *   GET  /api/v1/score766/:metric/items?unit=&period=&part=&offset=&limit=  Score766ItemsResponse (.csv/.xlsx: the same rows)
 *   GET  /api/v1/score766/splits                 the configured splits of unpublished group points
 *   PUT  /api/v1/score766/splits {"items": [...]} ReferencePutResponse
 */
export const Score766SchemeKeySchema = Type.Union([Type.Literal('dvcqg-current'), Type.Literal('qd766-2022')]);
export type Score766SchemeKey = Static<typeof Score766SchemeKeySchema>;

export const Score766QuerySchema = Type.Object(
  {
    /** The city (default), an area code (commune, legacy district) or an agency code (department). */
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Month 2026-03, quarter 2026-Q1, half 2026-H1, nine months 2026-9M, year 2026, or whole months 2026-01-01..2026-05-31. */
    period: Type.String({ pattern: DOSSIER_PERIOD_PATTERN }),
    scheme: Type.Optional(Score766SchemeKeySchema),
    /** One procedure (national code): every metric restricted to it, and 2.2 shown in its unit. */
    procedure: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 })),
    /** The unit as the portal names it, to read the official score by (default: `unit`). */
    officialUnit: Type.Optional(FeedIdSchema),
  },
  { additionalProperties: false },
);

/** The items of a metric's numerator, of its denominator (all), or of the denominator outside the numerator. */
const ItemPartSchema = LiteralUnion(['numerator', 'denominator', 'outside']);

export const Score766ItemsQuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    period: Type.String({ pattern: DOSSIER_PERIOD_PATTERN }),
    procedure: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 })),
    /** numerator: only the items counted in the numerator; outside: in the denominator, not the numerator; denominator (default): all. */
    part: Type.Optional(ItemPartSchema),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  },
  { additionalProperties: false },
);

const SplitSchema = LiteralUnion(['published', 'configured', 'unpublished']);

export const Score766MetricViewSchema = Type.Object({
  /** The portal's metric code ('PUBLISH_ON_TIME') or the indicator number ('3.1'). */
  code: Type.String(),
  /** The 766 indicator number ('1.1'); null for ELECTRONIC_CERTIFIED_COPY. */
  indicator: NullableString,
  name: LabelSchema,
  /** 0–1; for 2.2 the average processing time in `unit`. null: no data. */
  ratio: NullableNumber,
  numerator: NullableNumber,
  denominator: NullableNumber,
  /** The ratio at or above which full points are earned (0.8, 0.5, 0.9), null when linear. */
  threshold: NullableNumber,
  /** null: no data, or a share the scheme does not publish. */
  points: NullableNumber,
  /** null: the scheme does not publish this metric's share (see `split`). */
  max: NullableNumber,
  noData: Type.Boolean(),
  /** false: tracked only (5.1, maximum 0) or shown only (2.2). */
  scored: Type.Boolean(),
  split: SplitSchema,
  /** What the drill-down lists for it. */
  counts: Type.Union([Type.Literal('dossiers'), Type.Literal('procedures'), Type.Literal('pakn'), Type.Null()]),
  /** Factors of a composite formula: 3.3 {online, sync}; 5.4 {overdue, complaints}. */
  inputs: Type.Optional(Type.Record(Type.String(), Type.Object({ numerator: Type.Number(), denominator: Type.Number(), ratio: NullableNumber }))),
  /** 2.2 only. */
  unit: Type.Optional(LegalTimeUnitSchema),
  note: NullableString,
});
export type Score766MetricView = Static<typeof Score766MetricViewSchema>;

export const Score766GroupViewSchema = Type.Object({
  id: Type.String(),
  /** The portal's group id (transparency, dvc-progress-tree, …); null in the 2022 scheme. */
  apiId: NullableString,
  name: LabelSchema,
  /** Σ of its metrics' points; null when none could be scored. A lower bound when `complete` is false. */
  points: NullableNumber,
  max: Type.Number(),
  complete: Type.Boolean(),
  missing: Type.Array(Type.String()),
  split: SplitSchema,
  splitSource: NullableString,
  metrics: Type.Array(Score766MetricViewSchema),
});
export type Score766GroupView = Static<typeof Score766GroupViewSchema>;

export const Score766OfficialViewSchema = Type.Object({
  ...OfficialScoreFields,
  rank: Nullable(Type.Integer()),
  rankOf: Nullable(Type.Integer()),
  fetchedAt: Type.String(),
  /** As the portal gives them, mapped to our group ids where known. */
  groups: Nullable(Type.Array(Type.Object({ id: Type.String(), group: NullableString, score: Type.Number(), maxScore: NullableNumber }))),
});
export type Score766OfficialView = Static<typeof Score766OfficialViewSchema>;

export const Score766DifferenceSchema = Type.Object({
  group: Type.String(),
  apiId: NullableString,
  computed: NullableNumber,
  official: Type.Number(),
  /** computed − official; null when the computed group has no points. */
  difference: NullableNumber,
  /** Metrics the portal also published: its ratio and parts beside ours (ratios 0–1). */
  metrics: Type.Array(
    Type.Object({
      code: Type.String(),
      computedRatio: NullableNumber,
      officialRatio: NullableNumber,
      computedNumerator: NullableNumber,
      officialNumerator: NullableNumber,
      computedDenominator: NullableNumber,
      officialDenominator: NullableNumber,
    }),
  ),
});
export type Score766Difference = Static<typeof Score766DifferenceSchema>;

export const Score766ResponseSchema = Type.Object({
  unit: Type.String(),
  unitKind: LiteralUnion(['city', 'area', 'agency']),
  unitName: Nullable(LabelSchema),
  period: Type.String(),
  scheme: Score766SchemeKeySchema,
  procedure: NullableString,
  /** The clock open dossiers and PAKN were judged at (epoch ms). */
  asOf: Type.Number(),
  total: Type.Object({ points: Type.Number(), max: Type.Number(), complete: Type.Boolean(), missingGroups: Type.Array(Type.String()) }),
  groups: Type.Array(Score766GroupViewSchema),
  official: Nullable(Score766OfficialViewSchema),
  difference: Type.Array(Score766DifferenceSchema),
});
export type Score766Response = Static<typeof Score766ResponseSchema>;

const ItemPlace = { inNumerator: Type.Boolean(), reason: NullableString };
export const Score766ItemSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('dossier'),
    code: Type.String(),
    procedureCode: Type.String(),
    agencyCode: Type.String(),
    adminUnitCode: Type.String(),
    channel: DossierChannelSchema,
    status: DossierStatusSchema,
    receivedAt: Type.Number(),
    inNumerator: ItemPlace.inNumerator,
    /** Why it is where it is (e.g. 'late', 'online_without_e_result', 'dislike'). */
    reason: ItemPlace.reason,
  }),
  Type.Object({
    kind: Type.Literal('procedure'),
    code: Type.String(),
    name: LabelSchema,
    onlineService: OnlineServiceLevelSchema,
    feeBearing: Type.Boolean(),
    version: Type.Integer(),
    ...ItemPlace,
  }),
  Type.Object({
    kind: Type.Literal('pakn'),
    paknId: Type.String(),
    title: NullableString,
    adminUnitCode: Type.String(),
    agencyCode: NullableString,
    classification: Nullable(PaknClassificationSchema),
    status: PaknStatusSchema,
    receivedAt: Type.Number(),
    ...ItemPlace,
  }),
]);
export type Score766Item = Static<typeof Score766ItemSchema>;

export const Score766ItemsResponseSchema = Type.Object({
  metric: Type.String(),
  indicator: NullableString,
  unit: Type.String(),
  period: Type.String(),
  kind: LiteralUnion(['dossiers', 'procedures', 'pakn']),
  part: ItemPartSchema,
  /** Items in the part (before paging); for the denominator it equals the metric's denominator. */
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  items: Type.Array(Score766ItemSchema),
  asOf: Type.Number(),
});
export type Score766ItemsResponse = Static<typeof Score766ItemsResponseSchema>;
