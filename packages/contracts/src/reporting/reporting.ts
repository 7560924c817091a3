import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable, NullableNumber, NullableString, ReasonFields } from '../common.ts';
import { RFC3339_PATTERN } from '../feeds/dossier.ts';
import { PLAIN_TEXT_PATTERN } from '../feeds/ids.ts';
import { LabelSchema } from '../catalogue/indicator.ts';

/**
 * Reporting periods of Decree 09/2019/NĐ-CP: a year '2023', a half '2024-H1', nine months
 * '2024-9M', a quarter '2024-Q1' or a month '2024-03'. The pattern only checks the shape; the
 * domain rejects periods that do not exist (see `parseReportPeriod`).
 */
export const REPORT_PERIOD_PATTERN = '^\\d{4}(-\\d{2}|-Q\\d|-H\\d|-9M)?$';

/** A unit that reports: an area code (92, 916…) or an agency code (a city department, e.g. SNV). */
export const ReportUnitSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const RegimeIdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });

/** One indicator value of a report: `value`, or `numerator` + `denominator` for ratio indicators. */
export const ReportValueSchema = Type.Object(
  {
    indicator: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    value: Type.Optional(Type.Number()),
    numerator: Type.Optional(Type.Number({ minimum: 0 })),
    denominator: Type.Optional(Type.Number({ minimum: 0 })),
    /**
     * 'published': a figure an official source printed; 'illustrative': a demo value standing in
     * for a figure that was not published per unit (never shown as official).
     */
    provenance: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('illustrative')])),
    note: Type.Optional(Type.String({ maxLength: 500, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);
export type ReportValue = Static<typeof ReportValueSchema>;

/** A periodic report as a unit sends it (POST /api/v1/reporting/reports). */
export const ReportSubmissionInputSchema = Type.Object(
  {
    regime: RegimeIdSchema,
    unit: ReportUnitSchema,
    period: Type.String({ pattern: REPORT_PERIOD_PATTERN }),
    values: Type.Array(ReportValueSchema, { minItems: 1, maxItems: 200 }),
    /** When the unit sent it (RFC 3339 with offset); defaults to the receipt time. */
    submittedAt: Type.Optional(Type.String({ pattern: RFC3339_PATTERN, format: 'date-time' })),
    /** Who signed the electronic report (Decree 09: electronic reports are digitally signed). */
    signedBy: Type.Optional(Type.String({ maxLength: 200, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);
export type ReportSubmissionInput = Static<typeof ReportSubmissionInputSchema>;

export const ReportOriginSchema = LiteralUnion(['api', 'import-csv', 'import-xlsx']);
export type ReportOrigin = Static<typeof ReportOriginSchema>;

/** A review decision on a submitted report. */
export const ReportReviewSchema = Type.Union([Type.Literal('returned'), Type.Literal('accepted')]);
export type ReportReview = Static<typeof ReportReviewSchema>;

/** A validated report as stored: one version of (regime, unit, period). */
export interface ReportSubmission {
  regime: string;
  unit: string;
  period: string;
  values: ReportValue[];
  /** epoch ms: when the unit sent it */
  submittedAt: number;
  /** epoch ms: when the IOC received it */
  receivedAt: number;
  /** The feed source (from the API key). */
  source: string;
  origin: ReportOrigin;
  signedBy: string | null;
  /** The imported file's name, when it came from an import. */
  fileName: string | null;
}
export interface StoredReportSubmission extends ReportSubmission {
  /** 1, 2, …: a corrected resubmission is a new version; the highest is current. */
  version: number;
  review: ReportReview | null;
  reviewedAt: number | null;
  reviewNote: string | null;
}

/**
 * Decree 09 does not define statuses; this follows the domain brief's suggestion:
 * not_due → due → submitted_on_time | submitted_late | overdue → returned → accepted.
 */
export const SubmissionStatusSchema = LiteralUnion(['not_due', 'due', 'submitted_on_time', 'submitted_late', 'overdue', 'returned', 'accepted']);
export type SubmissionStatus = Static<typeof SubmissionStatusSchema>;

/** One error of an imported table: which row (1-based, as the spreadsheet numbers it), which column, why. */
export const ImportRowErrorSchema = Type.Object({
  /** 1-based row number in the sheet; 0 for the file or its header. */
  row: Type.Integer({ minimum: 0 }),
  /** Column letter (A, B, …) or null when the error is about the row as a whole. */
  column: NullableString,
  /** The header text of that column as written in the file. */
  header: NullableString,
  field: Type.String(),
  ...ReasonFields,
  /** unit_not_valid_at: the units that report in place of the one that ended. */
  successors: Type.Optional(Type.Array(Type.String())),
});
export type ImportRowError = Static<typeof ImportRowErrorSchema>;

export const TargetVerdictSchema = LiteralUnion(['met', 'near', 'missed', 'none']);
export type TargetVerdict = Static<typeof TargetVerdictSchema>;

// ─── HTTP DTOs ──────────────────────────────────────────────────────────────────────────────

/** Which report an answer is about: a regime's report of a unit for a period, and its version. */
const ReportKeyFields = { regime: Type.String(), unit: Type.String(), period: Type.String(), version: Type.Integer() };

/** A reported value with its parts as the report gives them (null where it gives none). */
const ReportedValueFields = { value: NullableNumber, numerator: NullableNumber, denominator: NullableNumber };

/** The reporting unit a row is about: its code (an area or a department) and its name. */
const ReportUnitRefFields = { unit: Type.String(), unitName: Type.String() };

export const ReportPostResponseSchema = Type.Object({
  ...ReportKeyFields,
  /** 'stored' (a new version), 'unchanged' (same values as the current version: nothing stored). */
  result: Type.Union([Type.Literal('stored'), Type.Literal('unchanged')]),
  status: SubmissionStatusSchema,
});
export type ReportPostResponse = Static<typeof ReportPostResponseSchema>;

export const ImportResponseSchema = Type.Object({
  /** 'imported' when every report was stored, 'rejected' when nothing was (see errors). */
  result: Type.Union([Type.Literal('imported'), Type.Literal('rejected')]),
  rows: Type.Integer(),
  reports: Type.Array(Type.Object({ ...ReportKeyFields, result: Type.String() })),
  errors: Type.Array(ImportRowErrorSchema),
});
export type ImportResponse = Static<typeof ImportResponseSchema>;

const ProvenanceSchema = Type.Union([Type.Literal('published'), Type.Literal('illustrative'), Type.Null()]);

export const SubmissionStatusRowSchema = Type.Object({
  regime: Type.String(),
  ...ReportUnitRefFields,
  period: Type.String(),
  status: SubmissionStatusSchema,
  cutoffStart: Type.String(),
  cutoffEnd: Type.String(),
  /** epoch ms */
  deadline: Type.Number(),
  submittedAt: NullableNumber,
  version: Nullable(Type.Integer()),
  /** Working-day lateness is not used: late means after the deadline instant. Milliseconds late, if late. */
  lateByMs: NullableNumber,
});
export type SubmissionStatusRow = Static<typeof SubmissionStatusRowSchema>;

/** GET /api/v1/reporting/status */
export const SubmissionStatusResponseSchema = Type.Object({
  regime: Type.String(),
  period: Type.String(),
  asOf: Type.Number(),
  deadline: Type.Number(),
  /** Units per status (every status listed). */
  counts: Type.Record(SubmissionStatusSchema, Type.Integer()),
  units: Type.Array(SubmissionStatusRowSchema),
});
export type SubmissionStatusResponse = Static<typeof SubmissionStatusResponseSchema>;

export const IndicatorValueRowSchema = Type.Object({
  indicator: Type.String(),
  ...ReportUnitRefFields,
  period: Type.String(),
  ...ReportedValueFields,
  target: NullableNumber,
  verdict: TargetVerdictSchema,
  provenance: ProvenanceSchema,
  version: Type.Integer(),
  regime: Type.String(),
});
export type IndicatorValueRow = Static<typeof IndicatorValueRowSchema>;

/** GET /api/v1/reporting/values and /latest (period 'latest') */
export const IndicatorValuesResponseSchema = Type.Object({ period: Type.String(), rows: Type.Array(IndicatorValueRowSchema) });
export type IndicatorValuesResponse = Static<typeof IndicatorValuesResponseSchema>;

export const RankingRowSchema = Type.Object({
  rank: Type.Integer(),
  ...ReportUnitRefFields,
  value: Type.Number(),
  provenance: ProvenanceSchema,
});
export type RankingRow = Static<typeof RankingRowSchema>;

/** GET /api/v1/reporting/rankings */
export const RankingResponseSchema = Type.Object({
  indicator: Type.String(),
  period: Type.String(),
  group: LiteralUnion(['department', 'district', 'commune', 'all']),
  rows: Type.Array(RankingRowSchema),
  /** Computed from the rows above (avg for averages, Σnum/Σden for ratios). */
  aggregate: NullableNumber,
  /** How many units are at or above `threshold`. */
  threshold: NullableNumber,
  atOrAboveThreshold: Type.Integer(),
  count: Type.Integer(),
  /** How many of the rows are illustrative, not published. */
  illustrative: Type.Integer(),
});
export type RankingResponse = Static<typeof RankingResponseSchema>;

/** GET /api/v1/reporting/history */
export const IndicatorHistoryResponseSchema = Type.Object({
  indicator: Type.String(),
  periods: Type.Array(Type.String()),
  units: Type.Array(Type.Object(ReportUnitRefFields)),
  /** points[i] = a value of units[j] for periods[k] */
  points: Type.Array(
    Type.Object({
      period: Type.String(),
      unit: Type.String(),
      ...ReportedValueFields,
      provenance: NullableString,
    }),
  ),
});
export type IndicatorHistoryResponse = Static<typeof IndicatorHistoryResponseSchema>;

/** POST /api/v1/reporting/reviews: the review as recorded. */
export const ReviewResponseSchema = Type.Object({
  ...ReportKeyFields,
  review: ReportReviewSchema,
  note: Type.Optional(Type.String()),
  status: ReportReviewSchema,
});

/**
 * GET /api/v1/reporting/catalogue: the reporting indicators (targets, direction, source agency,
 * legal basis), units and regimes as the domain defines them; the fields a client relies on are
 * named, the rest is passed as it is.
 */
export const ReportingCatalogueResponseSchema = Type.Object({
  indicators: Type.Array(
    Type.Object(
      { id: Type.String(), name: LabelSchema, unit: Type.String(), direction: Type.String(), aggregation: Type.String(), decimals: Type.Integer() },
      { additionalProperties: true },
    ),
  ),
  units: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), group: Type.String(), area: Type.String() }, { additionalProperties: true })),
  regimes: Type.Array(
    Type.Object(
      { id: Type.String(), name: LabelSchema, units: Type.Array(Type.String()), indicators: Type.Array(Type.String()) },
      { additionalProperties: true },
    ),
  ),
});
