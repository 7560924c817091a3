import { Type, type Static } from 'typebox';
import { LiteralUnion, LogEntryFields, NullableNumber, NullableString } from '../common.ts';
import { LabelSchema } from '../catalogue/indicator.ts';
import { PLAIN_TEXT_PATTERN } from '../feeds/ids.ts';

/**
 * Alerts raised by the IOC's rules, and their follow-up lifecycle.
 *   GET  /api/v1/alerts?status=&scope=&since=   AlertListResponse (operator token: only the unit's scope)
 *   GET  /api/v1/alerts/:id                     AlertDetail: the alert and its audit trail
 *   POST /api/v1/alerts/:id/ack                 {note?}
 *   POST /api/v1/alerts/:id/assign              {unit, deadline: {workingDays} | {hours}, note?}
 *   POST /api/v1/alerts/:id/resolve             {note}
 *   POST /api/v1/alerts/:id/notes               {note}
 * Invalid transitions answer 409 (the alert's state forbids it) or 422 (the request cannot be met), with a reason.
 */
export const AlertStatusSchema = LiteralUnion(['open', 'acknowledged', 'assigned', 'resolved']);
export type AlertStatus = Static<typeof AlertStatusSchema>;

export const AlertSeveritySchema = LiteralUnion(['low', 'medium', 'high', 'critical']);
export type AlertSeverity = Static<typeof AlertSeveritySchema>;

export const AlertKindSchema = LiteralUnion(['threshold', 'band', 'rate', 'silence']);
export type AlertKind = Static<typeof AlertKindSchema>;

export const AlertSchema = Type.Object({
  /** Deterministic: rule, subject and the start of the episode; raising it again is a no-op. */
  id: Type.String(),
  ruleId: Type.String(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  status: AlertStatusSchema,
  /** Area code of the subject (the station's area). */
  area: Type.String(),
  station: NullableString,
  indicator: Type.String(),
  /** What happened, Vietnamese first (plain text, never HTML). */
  title: LabelSchema,
  /** The value that raised it, and the level it crossed (if any). */
  value: NullableNumber,
  level: NullableNumber,
  /** Band id for band rules (e.g. bd2), the latest while the episode lasts. */
  band: NullableString,
  /** When the condition began (epoch ms, observation time) and when it was confirmed (after the hold time). */
  startedAt: Type.Number(),
  raisedAt: Type.Number(),
  /** Observation time of the last rule signal applied (raise, band change, clear): replays older than it change nothing. */
  signalAt: Type.Number(),
  /** When the condition ended (null while it lasts). An alert is closed only by an operator. */
  clearedAt: NullableNumber,
  acknowledgedAt: NullableNumber,
  acknowledgedBy: NullableString,
  assignedUnit: NullableString,
  deadline: NullableNumber,
  resolvedAt: NullableNumber,
  resolvedBy: NullableString,
  /** Incremented on every change; a client keeps the highest. */
  revision: Type.Integer(),
  updatedAt: Type.Number(),
});
export type Alert = Static<typeof AlertSchema>;

export const AlertActionSchema = LiteralUnion(['raised', 'escalated', 'deescalated', 'cleared', 'acknowledged', 'assigned', 'resolved', 'note']);
export type AlertAction = Static<typeof AlertActionSchema>;

/** One line of the audit trail: who did what, when. The system raises, escalates and clears. */
export const AlertEventSchema = Type.Object({
  alertId: Type.String(),
  ...LogEntryFields,
  action: AlertActionSchema,
  note: NullableString,
  /** Action details, e.g. {unit, deadline} for assigned, {band, value} for escalated. */
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AlertEvent = Static<typeof AlertEventSchema>;

export const AlertListQuerySchema = Type.Object({
  status: Type.Optional(Type.String({ pattern: '^(open|acknowledged|assigned|resolved)(,(open|acknowledged|assigned|resolved))*$' })),
  scope: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
  /** RFC 3339 or epoch ms: alerts updated at or after */
  since: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export type AlertListQuery = Static<typeof AlertListQuerySchema>;

export const AlertListResponseSchema = Type.Object({ serverTime: Type.Number(), alerts: Type.Array(AlertSchema) });
export type AlertListResponse = Static<typeof AlertListResponseSchema>;

export const AlertDetailSchema = Type.Object({ alert: AlertSchema, events: Type.Array(AlertEventSchema) });
export type AlertDetail = Static<typeof AlertDetailSchema>;

const Note = Type.String({ minLength: 1, maxLength: 2000, pattern: PLAIN_TEXT_PATTERN });
export const AlertNoteBodySchema = Type.Object({ note: Note }, { additionalProperties: false });
export const AlertAckBodySchema = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });
export const AlertDeadlineSchema = Type.Union([
  Type.Object({ workingDays: Type.Integer({ minimum: 0, maximum: 60 }) }, { additionalProperties: false }),
  Type.Object({ hours: Type.Integer({ minimum: 1, maximum: 720 }) }, { additionalProperties: false }),
]);
export type AlertDeadline = Static<typeof AlertDeadlineSchema>;
export const AlertAssignBodySchema = Type.Object(
  { unit: Type.String({ minLength: 1, maxLength: 120, pattern: PLAIN_TEXT_PATTERN }), deadline: AlertDeadlineSchema, note: Type.Optional(Note) },
  { additionalProperties: false },
);
export type AlertAssignBody = Static<typeof AlertAssignBodySchema>;

/** Pushed to the scope rooms of the alert's area and its ancestors when an alert is raised or changes. */
export interface AlertPush {
  alert: Alert;
  event: AlertEvent;
  serverTime: number;
}
