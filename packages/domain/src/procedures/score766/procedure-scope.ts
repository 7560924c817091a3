import type { OnlineServiceLevel, ProcedureItem, ProcedureLevel, ProcedurePublication } from '@cityioc/contracts';
import { dateOfDayNumber, dayNumberOfDate, localDateOf, type LocalDate } from '../../calendar/local-time.ts';
import type { WorkCalendar } from '../../calendar/work-calendar.ts';

/**
 * The unit a scorecard is computed for: the city, an area of the area catalogue (a commune, or a
 * district of the legacy layer), or an agency of the agency catalogue (a department). Built by the
 * caller from the registries, so this code never names a unit.
 */
export interface UnitScope {
  kind: 'city' | 'area' | 'agency';
  code: string;
  /** The level of an area unit, or of an agency unit (its catalogue level). */
  level: ProcedureLevel | null;
  /** The area is the unit or lies under it (city: every area). */
  containsArea(code: string): boolean;
  /** The agency belongs to the unit: an agency unit and the agencies under it; for an area, the agencies attributed to an area under it. */
  containsAgency(code: string): boolean;
}

/**
 * Whether a procedure is under a unit's authority (the denominators of 1.1–1.3, 3.1, 3.2, 3.5, 4.5a):
 * the city has every procedure of its catalogue; an area or an agency has the procedures whose
 * catalogue entry names it (or an agency or unit under it), or names its level (`levels`:
 * COMMUNE means every commune committee applies it; a legacy district also answers for its communes).
 */
export function procedureApplies(p: Pick<ProcedureItem, 'agencies' | 'units' | 'levels'>, u: UnitScope): boolean {
  if (u.kind === 'city') return true;
  if ((p.agencies ?? []).some((a) => u.containsAgency(a))) return true;
  if (u.kind === 'area' && (p.units ?? []).some((a) => u.containsArea(a))) return true;
  const levels = p.levels ?? [];
  if (u.level === null || levels.length === 0) return false;
  return levels.includes(u.level) || (u.kind === 'area' && u.level === 'DISTRICT' && levels.includes('COMMUNE'));
}

const RANK: Record<OnlineServiceLevel, number> = { none: 0, partial: 1, full: 2 };

/** The level a procedure counts at for 3.1: the highest it is offered at (one offered both full and partial counts once, as full). */
export function onlineLevelOf(p: Pick<ProcedureItem, 'onlineService' | 'onlineLevels'>): OnlineServiceLevel {
  let best: OnlineServiceLevel = p.onlineService;
  for (const l of p.onlineLevels ?? []) if (RANK[l] > RANK[best]) best = l;
  return best;
}

/** The local date `n` working days before `date` (not counting `date` itself). */
export function workingDaysBefore(date: LocalDate, n: number, calendar: WorkCalendar): LocalDate {
  let day = dayNumberOfDate(date);
  for (let k = 0; k < n;) {
    day--;
    if (calendar.isWorkingDayNumber(day)) k++;
  }
  return dateOfDayNumber(day);
}

/** Working days a province has before the legal basis takes effect (1.1) and after the decision to make it public (1.2); ministries have 20 and 10. */
export const PUBLICATION_WORKING_DAYS = { decideBefore: 5, publicWithin: 5 } as const;

/**
 * 766 1.1 for one publication: on time when the decision is dated no later than 5 working days
 * before the legal basis takes effect; unknown without that date.
 */
export function publishedOnTime(p: ProcedurePublication, calendar: WorkCalendar): boolean | null {
  if (p.legalBasisEffectiveOn === undefined) return null;
  return p.decidedOn <= workingDaysBefore(p.legalBasisEffectiveOn, PUBLICATION_WORKING_DAYS.decideBefore, calendar);
}

/** The instant the procedure must be public in the national database by: 17:00 of the 5th working day after the decision. */
export function publicDueAt(p: ProcedurePublication, calendar: WorkCalendar): number {
  const decided = Date.parse(`${p.decidedOn}T12:00:00+07:00`);
  return calendar.addWorkingDays(decided, PUBLICATION_WORKING_DAYS.publicWithin);
}

/**
 * 766 1.2 for one publication as of `at`: made public by the 5th working day after the decision;
 * without a public date it is late once that day has passed, and not yet judged (null) before.
 */
export function madePublicOnTime(p: ProcedurePublication, at: number, calendar: WorkCalendar): boolean | null {
  const due = publicDueAt(p, calendar);
  if (p.publicOn !== undefined) return p.publicOn <= localDateOf(due);
  return at > due ? false : null;
}
