import type { ItemError, LegalTimeUnit, ProcedureItem } from '@cityioc/contracts';
import { dateOfDayNumber, dayNumberOf, dayStartMs, parseLocalDate, ymdOfDay } from '../../calendar/local-time.ts';
import type { WorkCalendar } from '../../calendar/work-calendar.ts';
import type { DossierRecord } from '../dossier/dossier-record.ts';

/**
 * The procedure catalogue (thủ tục hành chính): per procedure code, its legal processing time and
 * service facts, versioned by `validFrom`. Decision 766 (BRIEF §1.3, 2.1) judges a dossier without
 * an appointment date (NgayHenTra) against its procedure's legal time; this is where that time
 * comes from. Pure: no I/O, no clock.
 */
export interface LegalTime {
  value: number;
  unit: LegalTimeUnit;
}

export interface ProcedureVersion extends ProcedureItem {
  version: number;
}

/** The largest legal time we accept per unit: beyond it a figure is a typing error, not a law. */
export const MAX_LEGAL_TIME: Readonly<Record<LegalTimeUnit, number>> = { working_days: 365, days: 730, hours: 2_000, months: 36 };

/**
 * Checks what the schema cannot: a real calendar date, a legal time within reason, whole days for
 * day and month units. Field paths are the item's; errors are machine-readable.
 */
export function procedureItemErrors(item: ProcedureItem): ItemError[] {
  const errors: ItemError[] = [];
  if (parseLocalDate(item.validFrom) === null)
    errors.push({ field: '/validFrom', reason: 'date_format', message: `validFrom '${item.validFrom}' is not a calendar date (YYYY-MM-DD)` });
  const { value, unit } = item.legalTime;
  if (!Number.isFinite(value) || value > MAX_LEGAL_TIME[unit])
    errors.push({ field: '/legalTime/value', reason: 'range', message: `a legal time of ${value} ${unit} is beyond ${MAX_LEGAL_TIME[unit]} ${unit}` });
  else if ((unit === 'days' || unit === 'months') && !Number.isInteger(value))
    errors.push({ field: '/legalTime/value', reason: 'integer', message: `a legal time in ${unit} is a whole number (got ${value})` });
  const pub = item.publication;
  if (pub) {
    for (const k of ['decidedOn', 'legalBasisEffectiveOn', 'publicOn'] as const) {
      const v = pub[k];
      if (v !== undefined && parseLocalDate(v) === null)
        errors.push({ field: `/publication/${k}`, reason: 'date_format', message: `${k} '${v}' is not a calendar date (YYYY-MM-DD)` });
    }
    if (pub.publicOn !== undefined && pub.publicOn < pub.decidedOn)
      errors.push({
        field: '/publication/publicOn',
        reason: 'range',
        message: `made public on ${pub.publicOn}, before the decision of ${pub.decidedOn} that publishes it`,
      });
  }
  if (item.onlineService === 'none' && item.onlineLevels !== undefined)
    errors.push({ field: '/onlineService', reason: 'contradiction', message: `onlineService 'none' but onlineLevels lists ${item.onlineLevels.join(', ')}` });
  return errors;
}

/** End of a legal time in calendar days or months: the last day, moved to the next working day if off (Civil Code 2015 Art. 148). */
function lastDayDue(lastDay: number, calendar: WorkCalendar): number {
  return calendar.addWorkingDays(dayStartMs(lastDay), 0);
}

/**
 * The due date of a dossier received at `receivedAt` under a legal time, the way the one-stop
 * software sets NgayHenTra (counting starts the day after reception, Civil Code Art. 147):
 * - working days: the n-th working day at the deadline time (17:00), see `WorkCalendar.addWorkingDays`;
 * - days: the n-th calendar day, at 17:00 on it or on the next working day if it is off;
 * - months: the same day n months later (the month's last day when it has none), likewise;
 * - hours: n hours of working time (weekends and holidays do not count).
 */
export function legalDueAt(receivedAt: number, legal: LegalTime, calendar: WorkCalendar): number {
  switch (legal.unit) {
    case 'working_days':
      return calendar.addWorkingDays(receivedAt, legal.value);
    case 'days':
      return lastDayDue(dayNumberOf(receivedAt) + legal.value, calendar);
    case 'months': {
      const { year, month, day } = ymdOfDay(dayNumberOf(receivedAt));
      const target = Date.UTC(year, month - 1 + legal.value, 1);
      const lastOfTarget = new Date(Date.UTC(year, month + legal.value, 0)).getUTCDate();
      return lastDayDue(target / 86_400_000 + Math.min(day, lastOfTarget) - 1, calendar);
    }
    case 'hours':
      return calendar.addWorkingMs(receivedAt, legal.value * 3_600_000);
  }
}

/**
 * The catalogue's versions, answering "which version applied on this date": the greatest
 * `validFrom` on or before the local date, and for equal dates the highest version (a correction).
 */
export class ProcedureCatalogue {
  private readonly byCode = new Map<string, ProcedureVersion[]>();

  constructor(versions: readonly ProcedureVersion[] = []) {
    for (const v of versions) this.add(v);
  }

  /** Adds a version (kept ordered by validFrom, then version). */
  add(v: ProcedureVersion): void {
    const list = this.byCode.get(v.code) ?? [];
    const i = list.findIndex((x) => x.version === v.version);
    if (i >= 0) list.splice(i, 1);
    list.push(v);
    list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.version - b.version));
    this.byCode.set(v.code, list);
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Whether a code (or, for a locally applied one, its national code) has any version. */
  has(code: string): boolean {
    return this.byCode.has(code) || this.byCode.has(code.slice(0, 8));
  }

  /**
   * The version in force at an instant (by the local date), or undefined when none was yet valid.
   * A locally applied code ('1.000494.000.00.00.H29') falls back to its national code ('1.000494').
   */
  at(code: string, t: number): ProcedureVersion | undefined {
    const list = this.byCode.get(code) ?? this.byCode.get(code.slice(0, 8));
    if (!list) return undefined;
    const date = dateOfDayNumber(dayNumberOf(t));
    let found: ProcedureVersion | undefined;
    for (const v of list) if (v.validFrom <= date) found = v;
    return found;
  }

  /** Every version of every code, ordered by code, validFrom, version. */
  versions(): ProcedureVersion[] {
    return [...this.byCode.keys()].sort().flatMap((c) => this.byCode.get(c)!);
  }
}

/**
 * A dossier record completed from its procedure's catalogue version (the one in force at
 * reception): without an appointment date its due date is reception + the legal time
 * (`dueSource: 'legal_time'`), and without fee data the procedure says whether a fee applies.
 * Returns the record itself when there is nothing to add.
 */
export function applyProcedure(record: DossierRecord, procedure: ProcedureVersion | undefined, calendar: WorkCalendar): DossierRecord {
  if (!procedure || record.receivedAt === null) return record;
  const due = record.dueAt === null;
  const fee = record.feeBearing === null;
  if (!due && !fee) return record;
  return {
    ...record,
    ...(due ? { dueAt: legalDueAt(record.receivedAt, procedure.legalTime, calendar), dueSource: 'legal_time' as const } : {}),
    ...(fee ? { feeBearing: procedure.feeBearing } : {}),
  };
}
