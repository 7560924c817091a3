import type { ProcedureItem } from '@cityioc/contracts';
import { CAN_THO_AGENCIES, type Agency as CatalogueAgency } from '@cityioc/domain';
import proceduresFile from './dossier-procedures.data.json' with { type: 'json' };
import { DEMO_REGISTRY, layerStart, unitsAt, type DemoUnit } from './geography.ts';

/**
 * The demo city's one-stop shops as data: wards and communes and their behaviour, the agencies that take
 * dossiers, and the procedures they handle. The procedures are also the demo's procedure
 * catalogue, which the simulator loads into the IOC through PUT /api/v1/procedures at start
 * (labelled illustrative): legal processing times, fees and online levels typical of the national
 * catalogue, with illustrative codes and fees.
 */

// ─── Units ───────────────────────────────────────────────────────────────────────────────────

/**
 * Per-unit behaviour of the one-stop shops: today's wards and communes (the registry's units in
 * force since the latest reorganisation, 1 July 2025 for Cần Thơ). Populations weigh arrivals. Rates
 * are set so the city lands near published Cần Thơ figures: online payment ≈ 42 % (2023, against
 * the Government's 30 % target), on time 95–98 %, online submission 55–70 %, with wards (phường)
 * ahead of communes (xã) on digital channels; each unit varies a little around its kind's rate
 * (deterministically, from its code).
 */
export interface UnitParams {
  /** GSO code of the ward or commune. */
  code: string;
  name: string;
  /** phường, xã, đặc khu… */
  type: string;
  /** A ward (phường): urban. */
  urban: boolean;
  population: number;
  /** Share of received dossiers submitted online. */
  onlineRate: number;
  /** Share of fee-bearing dossiers paid online. */
  onlinePayRate: number;
  /** Share of dossiers handled on time (Decision 766 indicator 2.1). */
  onTimeRate: number;
}

/** FNV-1a of a string (also seeds the generators, see dossier-planner.ts). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A number in [−1, 1] fixed by a unit's code and a salt. */
function jitter(code: string, salt: string): number {
  return (hash32(`${salt}|${code}`) / 0xffffffff) * 2 - 1;
}

export function unitParams(u: DemoUnit): UnitParams {
  const urban = u.type === 'phường';
  return {
    code: u.code,
    name: u.name,
    type: u.type,
    urban,
    population: u.population,
    onlineRate: (urban ? 0.66 : 0.57) + 0.05 * jitter(u.code, 'online'),
    onlinePayRate: (urban ? 0.47 : 0.38) + 0.05 * jitter(u.code, 'pay'),
    onTimeRate: Math.min(0.99, (urban ? 0.968 : 0.976) + 0.012 * jitter(u.code, 'ontime')),
  };
}

/** The date today's units came into force (the first day of the registry's latest layer). */
export const UNITS_FROM = layerStart(DEMO_REGISTRY, '9999-12-31');
/** Today's wards and communes, where the demo's dossiers arrive. */
export const DOSSIER_UNITS: readonly UnitParams[] = unitsAt(DEMO_REGISTRY, UNITS_FROM, 'commune').map(unitParams);

/** Dossiers per month across the city at real pace (illustrative; the README's figure). */
export const CITY_DOSSIERS_PER_MONTH = 15_000;
/** Office hours in an average month: 22 working days of 10 hours. */
const OFFICE_HOURS_PER_MONTH = 220;
const TOTAL_POPULATION = DOSSIER_UNITS.reduce((s, d) => s + d.population, 0);

/** Dossiers per office hour at real pace, all channels. */
export function arrivalRate(d: UnitParams): number {
  return (CITY_DOSSIERS_PER_MONTH * d.population) / TOTAL_POPULATION / OFFICE_HOURS_PER_MONTH;
}

// ─── Agencies ────────────────────────────────────────────────────────────────────────────────

/**
 * Agency codes follow the electronic identifiers of QĐ 20/2020/QĐ-TTg as the domain brief (§2.4)
 * reads it, 'xxx.yy.zz.H13' with H13 = Cần Thơ (itself a low-confidence inference): level 2
 * `000.00.NN.H13` for the city departments (NN 01–06, named as after the mergers of 1 March 2025).
 * Since 1 July 2025 the ward and commune people's committees take the district committees' work
 * (business households, construction permits, social allowances…). A committee is the one the
 * IOC's agency catalogue lists for the unit when it lists one; otherwise the demo names it as the
 * default catalogue does, `000.<last three digits of the unit>.00.H13` (illustrative).
 * Land registration is the Land Registration Office of the Department of Agriculture and
 * Environment. All numbers are illustrative.
 */
export type AgencyKind = 'department' | 'district' | 'commune' | 'land';

export interface Agency {
  code: string;
  name: string;
  kind: AgencyKind;
  /** Level of the handling agency. */
  level?: 'PROVINCE' | 'COMMUNE';
}

const department = (nn: string, name: string): Agency => ({ code: `000.00.${nn}.H13`, name, kind: 'department', level: 'PROVINCE' });

/** City departments taking dossiers at the city's public administration service centre. */
export const CITY_DEPARTMENTS = {
  homeAffairs: department('01', 'Sở Nội vụ'),
  justice: department('02', 'Sở Tư pháp'),
  finance: department('03', 'Sở Tài chính'),
  construction: department('04', 'Sở Xây dựng'),
  health: department('05', 'Sở Y tế'),
  agricultureEnvironment: department('06', 'Sở Nông nghiệp và Môi trường'),
} as const;

export interface UnitAgencies {
  committee: Agency;
  landOffice: Agency;
}

/** The committee of a ward or commune: the catalogue's, else the demo's illustrative code. */
export function unitAgencies(u: UnitParams, catalogue: readonly CatalogueAgency[] = CAN_THO_AGENCIES, on: string = UNITS_FROM): UnitAgencies {
  const listed = catalogue.find(
    (a) => a.level === 'COMMUNE' && a.adminUnitCode === u.code && (a.validFrom ?? '') <= on && (a.validTo === undefined || on < a.validTo),
  );
  const committee: Agency = listed
    ? { code: listed.code, name: listed.name.vi, kind: 'commune', level: 'COMMUNE' }
    : { code: `000.${u.code.slice(-3)}.00.H13`, name: `UBND ${u.type} ${u.name}`, kind: 'commune', level: 'COMMUNE' };
  return { committee, landOffice: { ...CITY_DEPARTMENTS.agricultureEnvironment, kind: 'land' } };
}

// ─── Procedures ──────────────────────────────────────────────────────────────────────────────

export interface Procedure {
  /** National TTHC database format 'd.dddddd'. */
  code: string;
  name: string;
  fieldCode: string;
  /** Who handles it (district procedures went to the ward and commune committees on 1 July 2025); a department procedure names the department. */
  handler: AgencyKind;
  department?: Agency;
  /** Legal processing time in working days (0: within the day of reception). */
  legalDays: number;
  /** Fee or charge per dossier in VND; 0 for a free procedure. */
  feeVnd: number;
  /** Relative share of the city's dossiers. */
  weight: number;
  /** Relative propensity to be filed online (1 = the unit's average). */
  online: number;
}

/** A procedure of the data file: its handling department named by its key in CITY_DEPARTMENTS. */
type ProcedureData = Omit<Procedure, 'department' | 'handler'> & { handler: string; department?: string };

const AGENCY_KINDS: readonly AgencyKind[] = ['department', 'district', 'commune', 'land'];

/** A data file entry as a Procedure, or an error naming the entry and the field (the file is checked when it loads). */
function procedureOf(d: ProcedureData): Procedure {
  const handler = AGENCY_KINDS.find((k) => k === d.handler);
  if (handler === undefined) throw new Error(`dossier-procedures.data.json ${d.code}: handler '${d.handler}' is not one of ${AGENCY_KINDS.join(', ')}`);
  const { department: key, ...rest } = d;
  if (key === undefined) return { ...rest, handler };
  const department = Object.hasOwn(CITY_DEPARTMENTS, key) ? CITY_DEPARTMENTS[key as keyof typeof CITY_DEPARTMENTS] : undefined;
  if (department === undefined) throw new Error(`dossier-procedures.data.json ${d.code}: department '${key}' is not a key of CITY_DEPARTMENTS`);
  return { ...rest, handler, department };
}

/**
 * A small catalogue of common procedures (dossier-procedures.data.json): the ward and commune
 * committees' certification and civil status (the bulk of the counter work), land registration (the
 * Land Registration Office of the Department of Agriculture and Environment), the former district
 * procedures (since 1 July 2025 the ward and commune committees'), then the departments'. The names
 * and processing times are typical of the national catalogue; the CODES AND FEES ARE ILLUSTRATIVE
 * (the right format, not looked up), so do not read them as the real register. Weights give
 * ≈ 40 % fee-bearing dossiers.
 */
export const PROCEDURES: readonly Procedure[] = (proceduresFile satisfies readonly ProcedureData[]).map(procedureOf);

export const TOTAL_WEIGHT = PROCEDURES.reduce((s, p) => s + p.weight, 0);
/** Online propensities normalised so that their weighted mean is 1. */
export const ONLINE_NORM = PROCEDURES.reduce((s, p) => s + p.weight * p.online, 0) / TOTAL_WEIGHT;

/** Share of dossiers whose procedure carries a fee (≈ 0.40). */
export const FEE_BEARING_SHARE = PROCEDURES.reduce((s, p) => s + (p.feeVnd > 0 ? p.weight : 0), 0) / TOTAL_WEIGHT;

/**
 * The procedures as catalogue items for PUT /api/v1/procedures: legal time in working days, fee,
 * online level (full online where the demo files dossiers online above the average, else partial).
 * Marked illustrative: the right shapes, not the national register's figures.
 */
export function demoProcedureCatalogue(validFrom = '2020-01-01'): ProcedureItem[] {
  return PROCEDURES.map((p) => ({
    code: p.code,
    name: { vi: p.name },
    legalTime: { value: p.legalDays, unit: 'working_days' },
    feeBearing: p.feeVnd > 0,
    onlineService: p.online >= 1 ? 'full' : 'partial',
    validFrom,
    source: 'CityIOC demo (minh họa / illustrative)',
    illustrative: true,
  }));
}
