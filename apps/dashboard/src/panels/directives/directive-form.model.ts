import type { DirectiveIssueBody, DirectiveReportBody, DirectiveSubject } from '@cityioc/contracts';
import type { SessionUser } from '../../auth/session.ts';

/**
 * The leader's directive form and the operator's report form as request bodies (docs/SCORE766.md
 * §5), checked before they are sent; the server checks them again (deadline in the past, unknown
 * unit, scope) and its refusal is shown with its code. Pure.
 */
export interface IssueDraft {
  text: string;
  /** Comma- or space-separated unit codes. */
  units: string;
  deadlineWorkingDays: string;
  subject: DirectiveSubject;
}

export type FormResult<B> = { ok: true; body: B } | { ok: false; errors: string[] };

const UNIT = /^[0-9A-Za-z.-]{1,64}$/;

export function issueBody(d: IssueDraft): FormResult<DirectiveIssueBody> {
  const errors: string[] = [];
  const text = d.text.trim();
  if (text === '') errors.push('text');
  const units = [...new Set(d.units.split(/[\s,;]+/).filter(Boolean))];
  if (units.length === 0 || units.some((u) => !UNIT.test(u))) errors.push('units');
  const days = Number(d.deadlineWorkingDays);
  if (!Number.isInteger(days) || days < 1 || days > 365) errors.push('deadlineWorkingDays');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, body: { text, units, deadlineWorkingDays: days, subject: d.subject } };
}

/** A report of a unit, with the ids of the attachments uploaded for it (left out when none). */
export function reportBody(unit: string, text: string, done: boolean, attachments: readonly string[] = []): FormResult<DirectiveReportBody> {
  const t = text.trim();
  if (t === '') return { ok: false, errors: ['text'] };
  if (attachments.length > 10) return { ok: false, errors: ['attachments'] };
  return { ok: true, body: attachments.length > 0 ? { unit, text: t, done, attachments: [...new Set(attachments)] } : { unit, text: t, done } };
}

/** Issuing is a leader's (a person, not a wall screen); answering an operator's. */
export function canIssueDirective(user: SessionUser | null): boolean {
  return user !== null && user.kind !== 'device' && user.role === 'leader';
}

export function canAnswerDirective(user: SessionUser | null): boolean {
  return user !== null && user.kind !== 'device' && user.role === 'operator';
}

/** What a directive was issued from, as the inbox and the leader's page write it: 'Cảnh báo: Mực nước 185 cm'. */
export function subjectText(subject: DirectiveSubject, t: (key: string) => string): string {
  return `${t(`score766.directives.subject.${subject.kind}`)}: ${subject.label ?? subject.id}`;
}
