import { Type, type Static } from 'typebox';
import type { Label } from '../catalogue/indicator.ts';
import type { DossierChannel, DossierStatus } from '../feeds/dossier.ts';
import { PERIOD_KEY_PATTERN } from '../feeds/score766.ts';
import type { DueSource, LegalTimeUnit } from './procedures.ts';

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

export const DossierIndicatorRowSchema = Type.Object({
  /** area code (by=area), agency code (by=agency), or the scope itself for the total */
  key: Type.String(),
  received: Type.Integer(),
  inProcess: Type.Integer(),
  completed: Type.Integer(),
  completedOnTime: Type.Integer(),
  completedLate: Type.Integer(),
  stopped: Type.Integer(),
  overdue: Type.Integer(),
  onTime: RatioPairSchema,
  onlineSubmission: RatioPairSchema,
  onlinePayment: RatioPairSchema,
  digitisation: RatioPairSchema,
  reuse: RatioPairSchema,
  electronicResult: RatioPairSchema,
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
  /** The Decision 766 points we can compute from dossier events for the total (never mixed with official scores). */
  score766: Type.Array(
    Type.Object({
      indicator: Type.String(),
      group: Type.String(),
      ratio: Type.Union([Type.Number(), Type.Null()]),
      /** null when the scheme publishes no share of the group for this indicator (3.5/3.6 in the payment group). */
      points: Type.Union([Type.Number(), Type.Null()]),
      maxPoints: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});
export type DossierIndicatorsResponse = Static<typeof DossierIndicatorsResponseSchema>;

export interface DossierSummary {
  dossierCode: string;
  procedureCode: string;
  /** The procedure's name in the catalogue version in force at reception (null: not in the catalogue). */
  procedureName: Label | null;
  agencyCode: string;
  /** The agency's name in the agency catalogue at reception (null: not in it). */
  agencyName: Label | null;
  adminUnitCode: string;
  /** The unit's name on the reception date (from the area registry). */
  adminUnitName: string | null;
  channel: DossierChannel;
  status: DossierStatus;
  /** epoch ms */
  receivedAt: number | null;
  /** The effective due time after supplement pauses (epoch ms). */
  dueAt: number | null;
  supplementRequests: number;
  /** Working days past due (overdue) or left before due (soon due), fractional. */
  workingDays: number | null;
}

export const WatchlistQuerySchema = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
    agency: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Working days ahead that count as soon due (default 2). */
    within: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  },
  { additionalProperties: false },
);
export type WatchlistQuery = Static<typeof WatchlistQuerySchema>;

export interface WatchlistResponse {
  asOf: number;
  area: string | null;
  agency: string | null;
  within: number;
  overdue: DossierSummary[];
  dueSoon: DossierSummary[];
  truncated: boolean;
}

export interface DossierTrailItem {
  status: DossierStatus;
  statusAt: number;
  eventId: string;
}

export interface DossierDetail {
  summary: DossierSummary;
  /**
   * The due date before supplement pauses and where it comes from: the appointment date the feed
   * sent (NgayHenTra), or reception + the procedure's legal time when there is none. null: neither.
   */
  due: {
    at: number | null;
    source: DueSource | null;
    /** The catalogue version used (legal_time), or the procedure's version in force at reception. */
    procedure: { code: string; version: number; legalTime: { value: number; unit: LegalTimeUnit } } | null;
  };
  overdue: boolean;
  /** 766 verdict at asOf: 'on_time' | 'late' | 'open' | 'no_deadline' … */
  verdict: string;
  trail: DossierTrailItem[];
  asOf: number;
}
