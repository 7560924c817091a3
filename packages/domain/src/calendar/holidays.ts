import type { Label } from '@cityioc/contracts';
import { lunarDayNumber, tetDayNumber } from './lunar.ts';
import { dateOfDayNumber, isWeekendDay, parseLocalDate, weekdayOfDay, yearStartDay, type LocalDate } from './local-time.ts';

/**
 * The statutory public holidays of the Labour Code 2019 (Art. 112), grouped the way the yearly
 * government decision places them: each occasion's days are announced together, with their
 * compensation and any swap, so an official placement replaces an occasion as a whole.
 */
export type HolidayOccasion = 'new-year' | 'tet' | 'hung-kings' | 'reunification-labour' | 'national-day';

export const HOLIDAY_OCCASIONS: readonly HolidayOccasion[] = ['new-year', 'tet', 'hung-kings', 'reunification-labour', 'national-day'];

/**
 * - statutory: a day the Labour Code names (for Tết, the 5 days as placed)
 * - compensatory: a weekday off because a statutory day fell on a Saturday or Sunday (Art. 112(3))
 * - announced: a day off granted by the yearly decision beyond the statutory days (a swapped or
 *   bridged day, or a weekend inside the announced break)
 * - extra: a day off outside the statutory occasions, given by configuration
 */
export type HolidayKind = 'statutory' | 'compensatory' | 'announced' | 'extra';

export interface HolidayDay {
  date: LocalDate;
  occasion: HolidayOccasion | 'extra';
  kind: HolidayKind;
  name: Label;
  /** 'rule' when derived from the Labour Code, 'official' when from a yearly schedule. */
  source: 'rule' | 'official';
}

/** A Saturday or Sunday the government declares a working day, to make up for a swapped day off. */
export interface MakeUpWorkingDay {
  date: LocalDate;
  occasion: HolidayOccasion | 'extra';
}

/**
 * One occasion as a yearly decision places it. `daysOff` lists dates ('YYYY-MM-DD') or inclusive
 * ranges ('YYYY-MM-DD..YYYY-MM-DD'); weekends inside a range are harmless.
 */
export interface OccasionPlacement {
  daysOff: readonly string[];
  makeUpWorkingDays?: readonly LocalDate[];
  /** Why the placement looks the way it does, or how sure we are of it. */
  note?: string;
  /** The decision or notice that announced it (number, date, issuer), for audits. */
  source?: string;
}

/** The government's announced schedule for one Gregorian year (for public servants, Mon–Fri weeks). */
export interface OfficialYearSchedule {
  year: number;
  /** Occasions given here replace the rule-derived days of that occasion, compensation included. */
  occasions?: Partial<Record<HolidayOccasion, OccasionPlacement>>;
  /** One-off days off outside the statutory occasions. */
  extraDaysOff?: readonly { days: readonly string[]; name: Label; makeUpWorkingDays?: readonly LocalDate[] }[];
  /** The announcement this comes from, for audits. */
  source?: string;
}

export const OCCASION_NAMES: Record<HolidayOccasion, Label> = {
  'new-year': { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
  'hung-kings': { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  'reunification-labour': { vi: 'Ngày Chiến thắng và Quốc tế Lao động', en: 'Reunification Day and International Labour Day' },
  'national-day': { vi: 'Quốc khánh', en: 'National Day' },
};

const APRIL_30: Label = { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day (30 April)' };
const MAY_1: Label = { vi: 'Ngày Quốc tế Lao động (1/5)', en: 'International Labour Day (1 May)' };

export interface StatutoryDay {
  day: number;
  occasion: HolidayOccasion;
  name: Label;
}

/**
 * Which neighbour of 2 September is the second National Day holiday when no decision says so.
 * The decisions of 2021–2025 always took the neighbour that joins the break to a weekend
 * (Thu → 3 Sep, Fri/Sat → 1 Sep, Mon → 3 Sep, Tue → 1 Sep). A Wednesday has no such neighbour;
 * 1 September is then an assumption, and a Sunday gives the same working days either way.
 */
function nationalDayNeighbour(sep2: number): number {
  const w = weekdayOfDay(sep2);
  return w === 1 || w === 4 || w === 0 ? sep2 + 1 : sep2 - 1;
}

/** The statutory days of `year` by rule alone (before compensation), in date order. */
export function statutoryDays(year: number): StatutoryDay[] {
  const y0 = yearStartDay(year);
  const md = (month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;
  const tet = tetDayNumber(year);
  const sep2 = md(9, 2);
  const days: StatutoryDay[] = [{ day: y0, occasion: 'new-year', name: OCCASION_NAMES['new-year'] }];
  // Labour Code 2019: the last day of the old lunar year and the first 4 of the new one, unless placed otherwise.
  for (let d = tet - 1; d <= tet + 3; d++) days.push({ day: d, occasion: 'tet', name: OCCASION_NAMES.tet });
  days.push({ day: lunarDayNumber(year, 3, 10), occasion: 'hung-kings', name: OCCASION_NAMES['hung-kings'] });
  days.push({ day: md(4, 30), occasion: 'reunification-labour', name: APRIL_30 });
  days.push({ day: md(5, 1), occasion: 'reunification-labour', name: MAY_1 });
  const neighbour = nationalDayNeighbour(sep2);
  days.push({ day: sep2, occasion: 'national-day', name: OCCASION_NAMES['national-day'] });
  days.push({ day: neighbour, occasion: 'national-day', name: OCCASION_NAMES['national-day'] });
  return days.sort((a, b) => a.day - b.day);
}

/** Expands a day spec ('YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD') to day numbers; throws RangeError when malformed. */
export function expandDaySpec(spec: string): number[] {
  const [a, b, ...rest] = spec.split('..');
  const from = a === undefined ? null : parseLocalDate(a);
  const to = b === undefined ? from : parseLocalDate(b);
  if (from === null || to === null || rest.length > 0 || to < from || to - from > 60)
    throw new RangeError(`not a day or a range of at most 60 days ('YYYY-MM-DD' or 'YYYY-MM-DD..YYYY-MM-DD'): '${spec}'`);
  const out: number[] = [];
  for (let d = from; d <= to; d++) out.push(d);
  return out;
}

export interface YearPlan {
  daysOff: { day: number; entry: HolidayDay }[];
  makeUp: { day: number; entry: MakeUpWorkingDay }[];
}

/**
 * The days off and make-up days that belong to `year`'s occasions: official placements where
 * the schedule has them, the Labour Code rules elsewhere. A statutory day on a weekend gives a
 * compensatory day on the next weekday that is not already off, in date order.
 */
export function planYear(year: number, schedule: OfficialYearSchedule | undefined): YearPlan {
  const rules = statutoryDays(year);
  const statutorySet = new Set(rules.map((r) => r.day));
  const taken = new Map<number, HolidayDay>();
  const makeUp: YearPlan['makeUp'] = [];
  const put = (day: number, entry: Omit<HolidayDay, 'date'>) => {
    if (!taken.has(day)) taken.set(day, { date: dateOfDayNumber(day), ...entry });
  };

  const placed = schedule?.occasions ?? {};
  for (const occasion of HOLIDAY_OCCASIONS) {
    const placement = placed[occasion];
    if (!placement) continue;
    for (const spec of placement.daysOff)
      for (const day of expandDaySpec(spec)) {
        const rule = rules.find((r) => r.day === day && r.occasion === occasion);
        put(day, { occasion, kind: statutorySet.has(day) ? 'statutory' : 'announced', name: rule?.name ?? OCCASION_NAMES[occasion], source: 'official' });
      }
    for (const date of placement.makeUpWorkingDays ?? []) makeUp.push({ day: expandDaySpec(date)[0]!, entry: { date, occasion } });
  }
  for (const extra of schedule?.extraDaysOff ?? []) {
    for (const spec of extra.days) for (const day of expandDaySpec(spec)) put(day, { occasion: 'extra', kind: 'extra', name: extra.name, source: 'official' });
    for (const date of extra.makeUpWorkingDays ?? []) makeUp.push({ day: expandDaySpec(date)[0]!, entry: { date, occasion: 'extra' } });
  }

  const ruled = rules.filter((r) => !placed[r.occasion]);
  for (const r of ruled) put(r.day, { occasion: r.occasion, kind: 'statutory', name: r.name, source: 'rule' });
  for (const r of ruled) {
    if (!isWeekendDay(r.day)) continue;
    let d = r.day + 1;
    while (isWeekendDay(d) || taken.has(d)) d++;
    put(d, {
      occasion: r.occasion,
      kind: 'compensatory',
      name: { vi: `Nghỉ bù ${r.name.vi}`, en: `In lieu of ${r.name.en}` },
      source: 'rule',
    });
  }

  const daysOff = [...taken.entries()].map(([day, entry]) => ({ day, entry })).sort((a, b) => a.day - b.day);
  return { daysOff, makeUp: makeUp.sort((a, b) => a.day - b.day) };
}
