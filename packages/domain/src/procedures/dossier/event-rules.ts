import type { DossierEvent, ItemError } from '@cityioc/contracts';
import { parsePortalDate } from '../../calendar/portal-date.ts';

function instant(v: string | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  const p = parsePortalDate(v);
  return p && p.ok ? p.ms : null;
}

/** The dates that cannot fall before the reception, with the reason given when one does. */
const NOT_BEFORE_RECEPTION = [
  ['dueAt', 'due_before_received'],
  ['finishedAt', 'finished_before_received'],
] as const;

/**
 * Cross-field checks on an event that passed the schema: real calendar dates, the appointment
 * not before reception, supplements completed after they were asked for. Field paths use the
 * canonical names unless `names` maps them (the portal mapper reports the portal's names).
 */
export function dossierEventRuleErrors(e: DossierEvent, names: Partial<Record<string, string>> = {}): ItemError[] {
  const errors: ItemError[] = [];
  const path = (f: string) => `/${names[f] ?? f}`;
  const dates = ['statusAt', 'submittedAt', 'receivedAt', 'dueAt', 'finishedAt', 'returnedAt', 'rejectedAt'] as const;
  for (const f of dates) {
    const v = e[f];
    if (typeof v === 'string' && instant(v) === null)
      errors.push({ field: path(f), reason: 'date_format', message: `${names[f] ?? f} is not a real date-time: '${v}'` });
  }
  const received = instant(e.receivedAt);
  for (const [f, reason] of NOT_BEFORE_RECEPTION) {
    const at = instant(e[f]);
    if (received !== null && at !== null && at < received)
      errors.push({ field: path(f), reason, message: `${names[f] ?? f} ${e[f]} is before ${names.receivedAt ?? 'receivedAt'} ${e.receivedAt}` });
  }
  (e.supplements ?? []).forEach((s, i) => {
    const a = instant(s.requestedAt);
    const b = instant(s.completedAt);
    const base = `${path('supplements')}/${i}`;
    if (a === null)
      errors.push({ field: `${base}/${names.requestedAt ?? 'requestedAt'}`, reason: 'date_format', message: `not a real date-time: '${s.requestedAt}'` });
    if (a !== null && b !== null && b < a)
      errors.push({
        field: `${base}/${names.completedAt ?? 'completedAt'}`,
        reason: 'supplement_before_request',
        message: `supplement completed ${s.completedAt} before it was requested ${s.requestedAt}`,
      });
  });
  return errors;
}
