import type { AlertEvent } from '@cityioc/contracts';
import { SYSTEM_ACTOR } from '@cityioc/domain';
import { formatDateTime, type Lang } from '../format/format.ts';
import { opsdeskEn, opsdeskVi } from '../i18n/opsdesk.data.ts';

/**
 * An alert's audit trail as the inbox reads it, in the reader's language: oldest first; the
 * system's own steps (raise, escalate, clear) by "Hệ thống" / "System" rather than the stored
 * actor id; action names, band levels and an assignment's unit and deadline worded; times in the
 * city's zone. A person's name and a note stay as written. Pure (the words are the opsdesk data).
 */
export interface TrailRow {
  seq: number;
  when: string;
  actor: string;
  action: AlertEvent['action'];
  actionLabel: string;
  note: string | null;
  /** e.g. the unit and deadline of an assignment, or the level reached, as text */
  detail: string | null;
}

const TEXT = { vi: opsdeskVi.opsdesk.trail, en: opsdeskEn.opsdesk.trail } as const;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);

export function alertTrailRows(events: readonly AlertEvent[], lang: Lang, timeZone: string): TrailRow[] {
  const text = TEXT[lang];
  const bands: Record<string, string> = text.bands;
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => {
      let detail: string | null = null;
      if (e.action === 'assigned' && typeof e.detail.unit === 'string' && typeof e.detail.deadline === 'number')
        detail = fill(text.assigned, { unit: e.detail.unit, deadline: formatDateTime(e.detail.deadline, timeZone) });
      else if ((e.action === 'escalated' || e.action === 'deescalated') && typeof e.detail.band === 'string')
        detail = fill(text.band, { band: bands[e.detail.band] ?? e.detail.band });
      return {
        seq: e.seq,
        when: formatDateTime(e.at, timeZone),
        actor: e.actor === SYSTEM_ACTOR ? text.system : e.actor,
        action: e.action,
        actionLabel: text.action[e.action],
        note: e.note,
        detail,
      };
    });
}
