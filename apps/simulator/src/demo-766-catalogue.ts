import type { ProcedureItem, ProcedureLevel } from '@cityioc/contracts';
import { addLocalDays, CAN_THO_AGENCIES, localDateOf, localYearMonth } from '@cityioc/domain';
import { CITY_DEPARTMENTS, PROCEDURES, UNITS_FROM, type Procedure } from './dossier-data.ts';

/**
 * The demo's procedure catalogue as Decision 766 reads it: the 25 procedures the dossier stream
 * files plus 5 that receive no dossier in the demo, each with the agencies or levels that apply it,
 * its online level, fee, whether the result is on paper, who applies, its mandatory components,
 * and a publication decision (QĐCB) per year. EVERYTHING HERE IS ILLUSTRATIVE: codes, fees,
 * decisions and dates have the national catalogue's shapes and typical values, not its records.
 */
const SOURCE = 'CityIOC demo (minh họa / illustrative)';
/** Chứng thực bản sao từ bản chính: the demo's certification procedure (its e-results are electronic certified copies). */
export const CERTIFIED_COPY_PROCEDURE = '2.000908';

/** Procedures with no dossier in the demo (so 3.2 "online services that received dossiers" is not trivially 100 %). */
const EXTRA: readonly (Procedure & { unit?: 'days' })[] = [
  {
    code: '2.001157',
    name: 'Cấp giấy phép hoạt động đối với phòng khám đa khoa',
    fieldCode: 'KCB',
    handler: 'department',
    department: CITY_DEPARTMENTS.health,
    legalDays: 45,
    feeVnd: 4_300_000,
    weight: 0,
    online: 0.6,
  },
  {
    code: '1.010011',
    name: 'Công nhận ban vận động thành lập hội',
    fieldCode: 'TCPCP',
    handler: 'department',
    department: CITY_DEPARTMENTS.homeAffairs,
    legalDays: 30,
    feeVnd: 0,
    weight: 0,
    online: 0,
  },
  {
    code: '1.010727',
    name: 'Cấp giấy phép môi trường (cấp tỉnh)',
    fieldCode: 'MT',
    handler: 'department',
    department: CITY_DEPARTMENTS.agricultureEnvironment,
    legalDays: 30,
    feeVnd: 3_000_000,
    weight: 0,
    online: 0.6,
    unit: 'days',
  },
  {
    code: '1.009972',
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, III',
    fieldCode: 'XD',
    handler: 'department',
    department: CITY_DEPARTMENTS.construction,
    legalDays: 20,
    feeVnd: 300_000,
    weight: 0,
    online: 1.2,
  },
  {
    code: '1.005461',
    name: 'Xác nhận đăng ký kế hoạch bảo vệ môi trường',
    fieldCode: 'MT',
    handler: 'district',
    legalDays: 10,
    feeVnd: 0,
    weight: 0,
    online: 0,
  },
];

/** Results issued on paper (a certificate, a licence): their online and digitised dossiers count only with an electronic result. */
const PAPER = new Set(['1.001193', '1.000894', '1.000656', '1.004873', '1.004203', '1.009994', '1.002809', '1.004946', '2.001157', '1.010727', '1.009972']);
/** Applied for by organisations rather than citizens (4.5a). */
const ORGANISATIONS = new Set(['2.001610', '1.000105', '2.001157', '1.010011', '1.010727', '1.005461']);

/** The first version of every procedure. */
const BASE_FROM = '2020-01-01';
const inForce = (a: { validFrom?: string; validTo?: string }, on: string) => (a.validFrom ?? '') <= on && (a.validTo === undefined || on < a.validTo);
/** The Land Registration Office of the Department of Agriculture and Environment, which handles land dossiers since 1 July 2025. */
const LAND_OFFICE = CITY_DEPARTMENTS.agricultureEnvironment.code;

/** `code` if the agency catalogue lists it on `on`, else the agencies then in force that it succeeded (a department before the 2025 mergers). */
function agenciesOn(code: string, on: string): string[] {
  if (CAN_THO_AGENCIES.some((a) => a.code === code && inForce(a, on))) return [code];
  return [...new Set(CAN_THO_AGENCIES.filter((a) => inForce(a, on) && (a.successors ?? []).includes(code)).map((a) => a.code))];
}

/**
 * Who applies a procedure on `on`, as the agency catalogue lists them then. From 1 July 2025 (today's
 * units) the ward and commune committees took the district committees' work, so a former district
 * procedure applies at commune level, and land dossiers go to the Land Registration Office of the
 * Department of Agriculture and Environment; before, district procedures applied at district level
 * and land dossiers at the district branches of the land office.
 */
function applying(p: Procedure, on: string): { agencies?: string[]; levels?: ProcedureLevel[] } {
  const today = on >= UNITS_FROM;
  switch (p.handler) {
    case 'commune':
      return { levels: ['COMMUNE'] };
    case 'district':
      return { levels: [today ? 'COMMUNE' : 'DISTRICT'] };
    case 'land':
      return {
        agencies: today ? agenciesOn(LAND_OFFICE, on) : [...new Set(CAN_THO_AGENCIES.filter((a) => a.kind === 'branch' && inForce(a, on)).map((a) => a.code))],
      };
    case 'department':
      return { agencies: agenciesOn(p.department!.code, on) };
  }
}

/** The days on which who applies a procedure may change: the agency catalogue's start and end dates, and today's units. */
const CHANGES = [...new Set([...CAN_THO_AGENCIES.flatMap((a) => [a.validFrom, a.validTo]), UNITS_FROM])]
  .filter((d): d is string => d !== undefined && d > BASE_FROM)
  .sort();

/** The procedure's catalogue item as it stands on `on`. */
function base(p: Procedure & { unit?: 'days' }, i: number, on = BASE_FROM): ProcedureItem {
  const online = p.online >= 1 ? 'full' : p.online > 0 ? 'partial' : 'none';
  return {
    code: p.code,
    name: { vi: p.name },
    legalTime: { value: p.legalDays, unit: p.unit ?? 'working_days' },
    feeBearing: p.feeVnd > 0,
    onlineService: online,
    validFrom: on,
    source: SOURCE,
    illustrative: true,
    // certification at the counter is also offered partly online by some communes: both levels, counted once as full
    ...(p.code === CERTIFIED_COPY_PROCEDURE ? { onlineService: 'full' as const, onlineLevels: ['full' as const, 'partial' as const] } : {}),
    ...applying(p, on),
    missingComponents: i % 11 === 5 ? ['processing_time'] : [],
    paperResult: PAPER.has(p.code),
    applicants: [ORGANISATIONS.has(p.code) ? 'organisation' : 'citizen'],
    ...(p.code === CERTIFIED_COPY_PROCEDURE ? { certifiedCopy: true } : {}),
  };
}

/**
 * One publication decision per procedure and year, in month (i mod 12) + 1, on day 3–7 (never
 * after `today`): its legal basis takes effect 14 days later (4 for one procedure in seven: too late
 * for 766 1.1), it is made public 3 days after the decision (10 for one in five: late for 1.2; not
 * yet when that day is still to come). Deterministic: a restart on the same day sends the same
 * catalogue, which the IOC answers 'unchanged'.
 */
function publications(itemOn: (on: string) => ProcedureItem, i: number, today: string, year: number): ProcedureItem[] {
  const out: ProcedureItem[] = [];
  for (const y of [year - 1, year]) {
    const month = (i % 12) + 1;
    let decidedOn = `${y}-${String(month).padStart(2, '0')}-${String(3 + (i % 5)).padStart(2, '0')}`;
    if (decidedOn > today) {
      if (y < year || `${y}-${String(month).padStart(2, '0')}` !== today.slice(0, 7)) continue;
      decidedOn = today;
    }
    const publicOn = addLocalDays(decidedOn, i % 5 === 4 ? 10 : 3);
    out.push({
      ...itemOn(decidedOn),
      validFrom: decidedOn,
      publication: {
        decision: `${100 + i}/QĐ-UBND (minh họa ${y})`,
        decidedOn,
        legalBasisEffectiveOn: addLocalDays(decidedOn, i % 7 === 3 ? 4 : 14),
        ...(publicOn <= today ? { publicOn } : {}),
      },
    });
  }
  return out;
}

/**
 * Every item the demo loads, per procedure in date order: its base version (since 2020), a version
 * on each day up to `now` that changes who applies it (1 March 2025 for a merged department, 1 July
 * 2025 for the district and land procedures), and its publication versions, each naming who applies
 * it on its date (a publication on the day of a change stands for that day's version).
 */
export function demo766Catalogue(now: number): ProcedureItem[] {
  const today = localDateOf(now);
  const { year } = localYearMonth(now);
  return [...PROCEDURES, ...EXTRA].flatMap((p, i) => {
    const versions = new Map<string, ProcedureItem>([[BASE_FROM, base(p, i)]]);
    let who = JSON.stringify(applying(p, BASE_FROM));
    for (const day of CHANGES.filter((d) => d <= today)) {
      const then = JSON.stringify(applying(p, day));
      if (then !== who) versions.set(day, base(p, i, day));
      who = then;
    }
    for (const pub of publications((on) => base(p, i, on), i, today, year)) versions.set(pub.validFrom, pub);
    return [...versions.values()].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  });
}

/** How many procedures the demo catalogue holds. */
export const DEMO_766_PROCEDURES = PROCEDURES.length + EXTRA.length;

/**
 * The split of the online-service and payment groups among their metrics, which the national
 * portal does not publish: equal shares, ILLUSTRATIVE — a province reads its own in its 766
 * implementing decision and loads it instead (PUT /api/v1/score766/splits).
 */
export const DEMO_766_SPLITS = [
  {
    scheme: 'dvcqg-current',
    group: 'online-service',
    metrics: { '3.1': 4, '3.2': 4, '3.3': 4 },
    source: 'Chia đều, minh họa (CityIOC demo) – tỉnh nạp theo quyết định 766 của tỉnh',
  },
  {
    scheme: 'dvcqg-current',
    group: 'online-payment',
    metrics: { '3.5': 5, '3.6': 5 },
    source: 'Chia đều, minh họa (CityIOC demo) – tỉnh nạp theo quyết định 766 của tỉnh',
  },
];
