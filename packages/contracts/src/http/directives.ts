import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable, NullableNumber, NullableString } from '../common.ts';
import { LabelSchema } from '../catalogue/indicator.ts';
import { RFC3339_PATTERN } from '../feeds/dossier.ts';
import { FeedIdSchema, PLAIN_TEXT_PATTERN } from '../feeds/ids.ts';

/**
 * The leader's follow-up loop (chỉ đạo điều hành): a leader issues a directive about an indicator,
 * an alert, a PAKN or a unit to one or more responsible units, with a deadline in working days;
 * each unit's operator answers with reports (and attachments) and marks it done; the leader accepts
 * or returns each unit's answer.
 *   POST /api/v1/directives                         leader    DirectiveIssueBody → 201 Directive
 *   GET  /api/v1/directives?unit=&status=&limit=    read      DirectiveListResponse (an operator sees the units of their scope)
 *   GET  /api/v1/directives/board                   read      DirectiveBoardResponse: overdue and due today
 *   GET  /api/v1/directives/:id                     read      Directive
 *   POST /api/v1/directives/:id/attachments?unit=&filename=   operator, raw body ≤ 10 MB → 201 DirectiveAttachment
 *   GET  /api/v1/directives/:id/attachments/:attachmentId     read, the file (Content-Disposition: attachment)
 *   POST /api/v1/directives/:id/reports             operator  DirectiveReportBody → DirectiveCommandResponse
 *   POST /api/v1/directives/:id/accept              leader    DirectiveDecisionBody → DirectiveCommandResponse
 *   POST /api/v1/directives/:id/return              leader    DirectiveDecisionBody (note required) → DirectiveCommandResponse
 * Every change is pushed as `directiveV1` to the rooms of the responsible units, their ancestors and the city.
 */

/** What a directive refers to: the wall element the leader issued it from. */
export const DirectiveSubjectSchema = Type.Object(
  {
    kind: LiteralUnion(['indicator', 'score766', 'alert', 'pakn', 'dossier', 'unit']),
    /** The indicator id, 766 metric code, alert id, PAKN id, dossier code or unit code. */
    id: Type.String({ minLength: 1, maxLength: 256, pattern: PLAIN_TEXT_PATTERN }),
    /** A label as the leader saw it (plain text). */
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);
export type DirectiveSubject = Static<typeof DirectiveSubjectSchema>;

export const DirectiveIssueBodySchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: PLAIN_TEXT_PATTERN })),
    text: Type.String({ minLength: 1, maxLength: 4000, pattern: PLAIN_TEXT_PATTERN }),
    /** Responsible units: area codes (the city, a commune) or agency codes (a department); at least one. */
    units: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    /** The deadline in working days from now (17:00 of the n-th working day); or `dueAt`. */
    deadlineWorkingDays: Type.Optional(Type.Integer({ minimum: -1000, maximum: 365 })),
    /** An explicit due instant (RFC 3339 with offset), instead of working days. */
    dueAt: Type.Optional(Type.String({ pattern: RFC3339_PATTERN, format: 'date-time' })),
    subject: DirectiveSubjectSchema,
  },
  { additionalProperties: false },
);
export type DirectiveIssueBody = Static<typeof DirectiveIssueBodySchema>;

export const DirectiveReportBodySchema = Type.Object(
  {
    /** The responsible unit answering; may be left out when the operator's scope covers exactly one of them. */
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    text: Type.String({ minLength: 1, maxLength: 4000, pattern: PLAIN_TEXT_PATTERN }),
    /** Attachment ids uploaded to this directive for this unit and not yet part of a report. */
    attachments: Type.Optional(Type.Array(FeedIdSchema, { maxItems: 10, uniqueItems: true })),
    /** true: the unit reports the directive done (the leader then accepts or returns it). */
    done: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DirectiveReportBody = Static<typeof DirectiveReportBodySchema>;

export const DirectiveDecisionBodySchema = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 64 }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);
export type DirectiveDecisionBody = Static<typeof DirectiveDecisionBodySchema>;

/**
 * One unit's part of a directive:
 *   issued ──report──▶ in_progress ──report(done)──▶ done ──accept──▶ accepted
 *      └──────────report(done)──────────────────────▶ done ──return──▶ returned ──report──▶ …
 * accepted is final; a report on it, or a decision on a unit that is not done, is refused (409).
 */
export const ASSIGNMENT_STATUSES = ['issued', 'in_progress', 'done', 'accepted', 'returned'] as const;
export const AssignmentStatusSchema = LiteralUnion(ASSIGNMENT_STATUSES);
export type AssignmentStatus = Static<typeof AssignmentStatusSchema>;

export const DirectiveActorSchema = Type.Object({ name: Type.String(), unit: Type.String() });
export type DirectiveActor = Static<typeof DirectiveActorSchema>;

export const DirectiveAttachmentSchema = Type.Object({
  id: Type.String(),
  directiveId: Type.String(),
  unit: Type.String(),
  /** The file name as sent (plain text; never used as a path). */
  name: Type.String(),
  /** The type found from the file's first bytes, never the client's word. */
  type: LiteralUnion([
    'application/pdf',
    'image/png',
    'image/jpeg',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ]),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.Number(),
  uploadedBy: DirectiveActorSchema,
});
export type DirectiveAttachment = Static<typeof DirectiveAttachmentSchema>;

export const DirectiveReportSchema = Type.Object({
  id: Type.String(),
  at: Type.Number(),
  by: DirectiveActorSchema,
  text: Type.String(),
  done: Type.Boolean(),
  attachments: Type.Array(DirectiveAttachmentSchema),
});
export type DirectiveReport = Static<typeof DirectiveReportSchema>;

export const DirectiveDecisionSchema = Type.Object({
  at: Type.Number(),
  by: DirectiveActorSchema,
  action: Type.Union([Type.Literal('accepted'), Type.Literal('returned')]),
  note: NullableString,
});
export type DirectiveDecision = Static<typeof DirectiveDecisionSchema>;

export const DirectiveAssignmentSchema = Type.Object({
  unit: Type.String(),
  unitName: Nullable(LabelSchema),
  status: AssignmentStatusSchema,
  updatedAt: Type.Number(),
  reports: Type.Array(DirectiveReportSchema),
  decisions: Type.Array(DirectiveDecisionSchema),
});
export type DirectiveAssignment = Static<typeof DirectiveAssignmentSchema>;

const directiveFields = {
  id: Type.String(),
  title: NullableString,
  text: Type.String(),
  subject: DirectiveSubjectSchema,
  issuedBy: DirectiveActorSchema,
  issuedAt: Type.Number(),
  deadlineWorkingDays: NullableNumber,
  /** epoch ms: 17:00 of a working day when given in working days. */
  dueAt: Type.Number(),
  /** open until every unit's answer is accepted. */
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  assignments: Type.Array(DirectiveAssignmentSchema),
  revision: Type.Integer(),
  updatedAt: Type.Number(),
};
export const DirectiveSchema = Type.Object(directiveFields);
export type Directive = Static<typeof DirectiveSchema>;

/** A directive as a list shows it, with the clock applied. */
export const DirectiveViewSchema = Type.Object({
  ...directiveFields,
  /** Some unit has not answered (done or accepted) and the due instant has passed. */
  overdue: Type.Boolean(),
  /** Due on today's local date and some unit has not answered. */
  dueToday: Type.Boolean(),
  /** Working days overdue (positive) or left (negative → 0 when due), 2 decimals. */
  workingDaysLate: Type.Number(),
});
export type DirectiveView = Static<typeof DirectiveViewSchema>;

export const DirectiveListResponseSchema = Type.Object({ serverTime: Type.Number(), directives: Type.Array(DirectiveViewSchema) });
export type DirectiveListResponse = Static<typeof DirectiveListResponseSchema>;

export const DirectiveBoardResponseSchema = Type.Object({
  serverTime: Type.Number(),
  /** Local date 'YYYY-MM-DD' of `serverTime`. */
  today: Type.String(),
  overdue: Type.Array(DirectiveViewSchema),
  dueToday: Type.Array(DirectiveViewSchema),
});
export type DirectiveBoardResponse = Static<typeof DirectiveBoardResponseSchema>;

export const DirectiveCommandResponseSchema = Type.Object({ directive: DirectiveSchema });
export type DirectiveCommandResponse = Static<typeof DirectiveCommandResponseSchema>;

/** `directiveV1`: a directive issued or changed. */
export interface DirectivePush {
  directive: Directive;
  action: 'issued' | 'reported' | 'accepted' | 'returned';
  unit: string | null;
  serverTime: number;
}

export const DirectiveListQuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Comma-separated assignment statuses (of `unit`, or of any unit), or 'open'/'closed' for the directive. */
    status: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type DirectiveListQuery = Static<typeof DirectiveListQuerySchema>;
