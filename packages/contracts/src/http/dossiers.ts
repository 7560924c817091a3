import { Type, type Static } from 'typebox';
import { FieldsOf, Nullable, NullableNumber, NullableString, WatchlistQueryFields, WatchlistResponseOf } from '../common.ts';
import { LabelSchema } from '../catalogue/indicator.ts';
import { DossierChannelSchema, DossierStatusSchema } from '../feeds/dossier.ts';
import { PERIOD_KEY_PATTERN } from '../feeds/score766.ts';
import { DueSourceSchema, LegalTimeUnitSchema } from './procedures.ts';

/**
 * Administrative-procedure (dossier) read API.
 *   POST /api/v1/dossiers/events          {"events": [...]} ≤ 5,000, canonical or portal field names → IngestResponse (id = eventId)
 *   POST /api/v1/dossiers/events/ndjson   one event per line → IngestResponse (results of lines not accepted)
 *   GET  /api/v1/dossiers/indicators      DossierIndicatorsResponse
 *   GET  /api/v1/dossiers/watchlist       WatchlistResponse: overdue and soon-due dossiers of a unit
 *   GET  /api/v1/dossiers/:code           DossierDetail: the record and its trail
 */

/** A period key: 2026 (year), 2026-H1, 2026-Q4, 2026-11 (month). Dossiers belong to the period of their reception date. */
export const PeriodKeySchema = Type.String({ pattern: PERIOD_KEY_PATTERN });

/**
 * The periods the dossier indicators answer: the keys above, nine months (2026-9M) and ranges of
 * whole months (2026-03-01..2026-05-31; the domain refuses a range that cuts a month).
 */
export const DOSSIER_PERIOD_PATTERN = '^([0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12]|-9M)?|[0-9]{4}-[0-9]{2}-[0-9]{2}\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2})$';

export const RatioPairSchema = Type.Object({ numerator: Type.Number(), denominator: Type.Number() });
export type RatioPairDto = Static<typeof RatioPairSchema>;

/** The counts of a unit's dossiers in a period (received, in process, finished on time or late, stopped, overdue now). */
export const DOSSIER_COUNTS = ['received', 'inProcess', 'completed', 'completedOnTime', 'completedLate', 'stopped', 'overdue'] as const;
/** The ratios of a unit's dossiers in a period, each as its numerator and denominator (they add up as Σnumerator/Σdenominator). */
export const DOSSIER_RATIOS = ['onTime', 'onlineSubmission', 'onlinePayment', 'digitisation', 'reuse', 'electronicResult'] as const;

export const DossierIndicatorRowSchema = Type.Object({
  /** area code (by=area), agency code (by=agency), or the scope itself for the total */
  key: Type.String(),
  ...FieldsOf(DOSSIER_COUNTS, Type.Integer()),
  ...FieldsOf(DOSSIER_RATIOS, RatioPairSchema),
  /** Σ working days / completed dossiers */
  avgProcessingWorkingDays: RatioPairSchema,
});
export type DossierIndicatorRow = Static<typeof DossierIndicatorRowSchema>;

export const DossierIndicatorsQuerySchema = Type.Object(
  {
    period: Type.String({ pattern: DOSSIER_PERIOD_PATTERN }),
    /** area code: 92 (city) or a district */
    scope: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
    by: Type.Optional(Type.Union([Type.Literal('area'), Type.Literal('agency')])),
  },
  { additionalProperties: false },
);
export type DossierIndicatorsQuery = Static<typeof DossierIndicatorsQuerySchema>;

export const DossierIndicatorsResponseSchema = Type.Object({
  period: Type.String(),
  scope: Type.String(),
  by: Type.Union([Type.Literal('area'), Type.Literal('agency')]),
  /** The clock the overdue counts were computed at (epoch ms). */
  asOf: Type.Number(),
  total: DossierIndicatorRowSchema,
  rows: Type.Array(DossierIndicatorRowSchema),
});
export type DossierIndicatorsResponse = Static<typeof DossierIndicatorsResponseSchema>;

export const DossierSummarySchema = Type.Object({
  dossierCode: Type.String(),
  procedureCode: Type.String(),
  /** The procedure's name in the catalogue version in force at reception (null: not in the catalogue). */
  procedureName: Nullable(LabelSchema),
  agencyCode: Type.String(),
  /** The agency's name in the agency catalogue at reception (null: not in it). */
  agencyName: Nullable(LabelSchema),
  adminUnitCode: Type.String(),
  /** The unit's name on the reception date (from the area registry). */
  adminUnitName: NullableString,
  channel: DossierChannelSchema,
  status: DossierStatusSchema,
  /** epoch ms */
  receivedAt: NullableNumber,
  /** The effective due time after supplement pauses (epoch ms). */
  dueAt: NullableNumber,
  supplementRequests: Type.Integer(),
  /** Working days past due (overdue) or left before due (soon due), fractional. */
  workingDays: NullableNumber,
});
export type DossierSummary = Static<typeof DossierSummarySchema>;

export const WatchlistQuerySchema = Type.Object(
  {
    ...WatchlistQueryFields,
    agency: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type WatchlistQuery = Static<typeof WatchlistQuerySchema>;

export const WatchlistResponseSchema = WatchlistResponseOf(DossierSummarySchema);
export type WatchlistResponse = Static<typeof WatchlistResponseSchema>;

export const DossierTrailItemSchema = Type.Object({ status: DossierStatusSchema, statusAt: Type.Number(), eventId: Type.String() });
export type DossierTrailItem = Static<typeof DossierTrailItemSchema>;

export const DossierDetailSchema = Type.Object({
  summary: DossierSummarySchema,
  /**
   * The due date before supplement pauses and where it comes from: the appointment date the feed
   * sent (NgayHenTra), or reception + the procedure's legal time when there is none. null: neither.
   */
  due: Type.Object({
    at: NullableNumber,
    source: Nullable(DueSourceSchema),
    /** The catalogue version used (legal_time), or the procedure's version in force at reception. */
    procedure: Nullable(
      Type.Object({ code: Type.String(), version: Type.Integer(), legalTime: Type.Object({ value: Type.Number(), unit: LegalTimeUnitSchema }) }),
    ),
  }),
  overdue: Type.Boolean(),
  /** 766 verdict at asOf: 'on_time' | 'late' | 'open' | 'no_deadline' … */
  verdict: Type.String(),
  trail: Type.Array(DossierTrailItemSchema),
  asOf: Type.Number(),
});
export type DossierDetail = Static<typeof DossierDetailSchema>;
