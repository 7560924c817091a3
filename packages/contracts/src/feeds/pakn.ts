import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable, NullableNumber, NullableString, WatchlistQueryFields, WatchlistResponseOf } from '../common.ts';
import { ADMIN_UNIT_CODE_PATTERN, AGENCY_CODE_PATTERN, PROCEDURE_CODE_PATTERN, RFC3339_PATTERN } from './dossier.ts';
import { FeedIdSchema, PLAIN_TEXT_PATTERN } from './ids.ts';

/**
 * Citizens' feedback and petitions (phản ánh, kiến nghị – PAKN) and citizens' ratings of dossier
 * handling: the inputs of Decision 766 indicators 5.1–5.4 (BRIEF §1.3).
 *   POST /api/v1/pakn/events          {"events": [PaknEvent…]} ≤ 5,000 → IngestResponse (id = eventId)
 *   POST /api/v1/pakn/events/ndjson   one event per line
 *   GET  /api/v1/pakn/watchlist?area=&agency=&within=   PaknWatchlistResponse
 *   GET  /api/v1/pakn/:id             PaknDetail
 *   POST /api/v1/ratings              {"ratings": [DossierRating…]} ≤ 5,000 → IngestResponse (id = ratingId)
 *   POST /api/v1/ratings/ndjson       one rating per line
 */

/**
 * The steps of a PAKN, one event each. `classified` says whether it is about rules and procedures
 * or about officials' behaviour (5.1); `reaction` is one citizen's like or dislike of the published
 * answer; `repeat_complaint` a new complaint about the result. `supplemented` (the citizen sent what
 * was asked) ends the pause of a supplement request. Listed in the order steps of one instant fold in.
 */
export const PAKN_STEPS = [
  'received',
  'classified',
  'rejected',
  'supplement_requested',
  'supplemented',
  'assigned',
  'answered',
  'published',
  'reaction',
  'repeat_complaint',
] as const;
export type PaknStep = (typeof PAKN_STEPS)[number];

export const PaknStepSchema = LiteralUnion(PAKN_STEPS);

/** 5.1: about administrative rules and procedures, or about officials' behaviour. */
export const PaknClassificationSchema = Type.Union([Type.Literal('procedure'), Type.Literal('staff')]);
export type PaknClassification = Static<typeof PaknClassificationSchema>;

const Timestamp = Type.String({ pattern: RFC3339_PATTERN, format: 'date-time' });

/**
 * Fields that carry the citizen's personal data: accepted and dropped before anything is checked
 * or stored (the IOC needs none of it). The content of a PAKN is dropped too: only its title stays.
 */
export const PAKN_PERSONAL_FIELDS = [
  'citizen',
  'submitter',
  'fullName',
  'name',
  'phone',
  'email',
  'address',
  'idNumber',
  'content',
  'HoTen',
  'SoDienThoai',
  'Email',
  'DiaChi',
  'CCCD',
  'SoCMND',
  'SoDinhDanh',
  'NoiDung',
] as const;

/**
 * One step of one PAKN. Events come in any order and may be retried: `eventId` makes a retry a
 * no-op, the PAKN's state is a fold of its events by `at`. Fields other than the identity, `step`
 * and `at` describe the PAKN as known at that step.
 */
export const PaknEventSchema = Type.Object(
  {
    eventId: FeedIdSchema,
    /** The PAKN's own code in the source system. */
    paknId: FeedIdSchema,
    step: PaknStepSchema,
    /** When the step happened. */
    at: Timestamp,
    /** GSO unit the PAKN is attributed to; when absent, the unit of `agencyCode` in the agency catalogue. Required on `received`. */
    adminUnitCode: Type.Optional(Type.String({ pattern: ADMIN_UNIT_CODE_PATTERN })),
    /** The agency handling it (required on `assigned`). */
    agencyCode: Type.Optional(Type.String({ pattern: AGENCY_CODE_PATTERN })),
    /** Required on `classified`. */
    classification: Type.Optional(PaknClassificationSchema),
    /** The procedure it is about, if any (in the procedure catalogue). */
    procedureCode: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 })),
    /** The dossier it is about, if any: 766 5.4 counts dossiers with a PAKN. */
    dossierCode: Type.Optional(FeedIdSchema),
    /** Required on `reaction`. */
    reaction: Type.Optional(Type.Union([Type.Literal('like'), Type.Literal('dislike')])),
    /** A short title (plain text, never rendered as HTML). */
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);
export type PaknEvent = Static<typeof PaknEventSchema>;

export const MAX_PAKN_BATCH_ITEMS = 5000;

/** A PAKN's state as the watchlist shows it. */
export const PaknStatusSchema = LiteralUnion(['received', 'in_process', 'awaiting_supplement', 'answered', 'published', 'rejected']);
export type PaknStatus = Static<typeof PaknStatusSchema>;
/** The deadlines of a PAKN (working days on the city's calendar): reject 2, ask for a supplement 5, answer 15, publish 2 after the answer. */
export type PaknDeadlineStep = 'reject' | 'supplement' | 'answer' | 'publish';

export const PaknSummarySchema = Type.Object({
  paknId: Type.String(),
  title: NullableString,
  adminUnitCode: Type.String(),
  agencyCode: NullableString,
  classification: Nullable(PaknClassificationSchema),
  procedureCode: NullableString,
  dossierCode: NullableString,
  status: PaknStatusSchema,
  /** epoch ms */
  receivedAt: Type.Number(),
  /** The step now awaited (answer, or publication of a ready answer); null when none is. */
  pending: Type.Union([Type.Literal('answer'), Type.Literal('publish'), Type.Null()]),
  /** Its due instant (epoch ms, 17:00 of a working day); null when nothing is pending. */
  dueAt: NullableNumber,
  /** Working days overdue (overdue list) or left (due-soon list), 2 decimals. */
  workingDays: NullableNumber,
});
export type PaknSummary = Static<typeof PaknSummarySchema>;

export const PaknWatchlistResponseSchema = WatchlistResponseOf(PaknSummarySchema);
export type PaknWatchlistResponse = Static<typeof PaknWatchlistResponseSchema>;

export const PaknDeadlineSchema = Type.Object({
  step: LiteralUnion(['reject', 'supplement', 'answer', 'publish']),
  dueAt: NullableNumber,
  doneAt: NullableNumber,
  /** not_applicable: the step never happened and is not required (a PAKN not rejected, nothing asked). */
  verdict: LiteralUnion(['on_time', 'late', 'pending', 'not_applicable']),
});
export type PaknDeadline = Static<typeof PaknDeadlineSchema>;

export const PaknDetailSchema = Type.Object({
  summary: PaknSummarySchema,
  deadlines: Type.Array(PaknDeadlineSchema),
  likes: Type.Integer(),
  dislikes: Type.Integer(),
  repeatComplaints: Type.Integer(),
  /** 766 5.2 as of now: all deadlines met so far. */
  onTime: Type.Boolean(),
  /** 766 5.3: not late, not more dislikes than likes, no repeat complaint. */
  satisfied: Type.Boolean(),
  trail: Type.Array(Type.Object({ eventId: Type.String(), step: PaknStepSchema, at: Type.Number() })),
  asOf: Type.Number(),
});
export type PaknDetail = Static<typeof PaknDetailSchema>;

export const PaknWatchlistQuerySchema = Type.Object(
  {
    ...WatchlistQueryFields,
    agency: Type.Optional(Type.String({ pattern: AGENCY_CODE_PATTERN })),
  },
  { additionalProperties: false },
);

// ─── Ratings ─────────────────────────────────────────────────────────────────────────────────

/** A citizen's rating of how a dossier was received and handled (the national portal's evaluation). */
export const SatisfactionLevelSchema = LiteralUnion(['very_satisfied', 'satisfied', 'dissatisfied']);
export type SatisfactionLevel = Static<typeof SatisfactionLevelSchema>;

/**
 * One rating of one dossier, idempotent by `ratingId`. When a dossier is rated more than once the
 * latest `ratedAt` counts. 766 5.4 counts a dossier rated `dissatisfied` (a dislike) against the
 * unit; the rating is joined to the dossier by `dossierCode`, so it counts in the dossier's unit
 * and period (its reception date) whenever both have arrived, in either order.
 */
export const DossierRatingSchema = Type.Object(
  {
    ratingId: FeedIdSchema,
    dossierCode: FeedIdSchema,
    ratedAt: Timestamp,
    satisfaction: SatisfactionLevelSchema,
    /** The portal's criteria, each rated (e.g. 'thoi_gian', 'thai_do'). */
    criteria: Type.Optional(
      Type.Array(
        Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_TEXT_PATTERN }), satisfaction: SatisfactionLevelSchema },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    /** The agency rated, when the source says (checked against the agency catalogue). */
    agencyCode: Type.Optional(Type.String({ pattern: AGENCY_CODE_PATTERN })),
    adminUnitCode: Type.Optional(Type.String({ pattern: ADMIN_UNIT_CODE_PATTERN })),
    procedureCode: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type DossierRating = Static<typeof DossierRatingSchema>;
