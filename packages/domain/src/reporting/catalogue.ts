import { LabelSchema, type AggregationKind, type Direction, type Label } from '@cityioc/contracts';
import { Type } from 'typebox';
import { bundledData } from '../validation/bundled-data.ts';
import indicatorsFile from './reporting-indicators.json' with { type: 'json' };
import { SOURCE_AGENCIES } from './source-agencies.ts';
import { CAN_THO_REGISTRY } from '../geo/can-tho.ts';
import type { AreaRegistry } from '../geo/registry/area-registry.ts';
import { addDays } from '../geo/registry/dates.ts';
import { REPORTING_766_INDICATORS, TTHC_766_REGIME } from './catalogue-766.ts';
import type { ReportPeriod, ReportPeriodKind } from './period.ts';

/**
 * A target: the most specific one that matches a (unit, period) wins — unit and period id, then
 * unit, then period id, then period kind, then the default (no unit, no period).
 */
export interface ReportingTarget {
  value: number;
  /** A period id ('2023') or a period kind ('year'); absent = every period. */
  period?: string;
  unit?: string;
  /** Where the target comes from. */
  source: string;
}

/** The reporting extension of an indicator: targets, direction, who publishes it and why. */
export interface ReportingIndicator {
  id: string;
  name: Label;
  /** Displayed unit: '%', 'điểm', 'hạng' … */
  unit: string;
  direction: Exclude<Direction, 'none'>;
  /** How units combine: ratio = Σnumerator/Σdenominator, avg = mean of the units' values. */
  aggregation: Extract<AggregationKind, 'ratio' | 'avg' | 'sum' | 'last'>;
  decimals: number;
  min?: number;
  max?: number;
  targets: ReportingTarget[];
  /**
   * Near = within this share of the target on the wrong side (default 0.05, i.e. 5 % of the
   * target): for 'up' value ≥ target·(1−t), for 'down' value ≤ target·(1+t).
   */
  nearTolerance?: number;
  /** Rankings also count units at or above this value (PAR INDEX: 80 %). */
  rankThreshold?: number;
  sourceAgency: Label;
  legalBasis: string;
  /**
   * The live-state indicator the current value is published to (the wall's tiles), always as an
   * imported series: never an indicator the IOC computes from dossiers.
   */
  liveIndicator?: string;
}

export const DEFAULT_NEAR_TOLERANCE = 0.05;

const ReportingIndicatorRowSchema = Type.Object({
  id: Type.String(),
  name: LabelSchema,
  unit: Type.String(),
  direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  aggregation: Type.Union([Type.Literal('ratio'), Type.Literal('avg'), Type.Literal('sum'), Type.Literal('last')]),
  decimals: Type.Integer({ minimum: 0 }),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  targets: Type.Array(
    Type.Object({ value: Type.Number(), period: Type.Optional(Type.String()), unit: Type.Optional(Type.String()), source: Type.String({ minLength: 1 }) }),
  ),
  nearTolerance: Type.Optional(Type.Number({ minimum: 0 })),
  rankThreshold: Type.Optional(Type.Number()),
  sourceAgency: Type.Union([Type.Literal('home_affairs'), Type.Literal('ict'), Type.Literal('ministry_home_affairs'), Type.Literal('ministry_ict')]),
  legalBasis: Type.String({ minLength: 1 }),
  liveIndicator: Type.Optional(Type.String()),
});
const ReportingIndicatorsFileSchema = Type.Object({ indicators: Type.Array(ReportingIndicatorRowSchema) });

/** The reporting indicators (reporting-indicators.json, where their sources are cited) and the 766 figures of seed 004. */
export const REPORTING_INDICATORS: ReportingIndicator[] = [
  ...bundledData(ReportingIndicatorsFileSchema, indicatorsFile, 'reporting/reporting-indicators.json').indicators.map((row) => ({
    ...row,
    sourceAgency: SOURCE_AGENCIES[row.sourceAgency],
  })),
  // the procedure and online-service figures of seed 004 (catalogue-766.ts)
  ...REPORTING_766_INDICATORS,
];

export type ReportingUnitGroup = 'city' | 'department' | 'district' | 'commune';

export interface ReportingUnit {
  code: string;
  name: string;
  /** Other spellings seen in reports (abbreviations), matched without diacritics or case. */
  aliases: string[];
  group: ReportingUnitGroup;
  /** The area its values belong to in the live state (departments: the city). */
  area: string;
  /** Local dates: the unit reports for periods whose cut-off ends on or after validFrom and before validTo. */
  validFrom?: string;
  validTo?: string;
  /** For a unit that ended: the units that report in its place. */
  successors?: string[];
}

/** Where the departments' dates come from: Nghị định 45/2025/NĐ-CP (mergers in force 1 March 2025). */
const MERGER = '2025-03-01';

const dept = (code: string, name: string, aliases: string[] = [], dates: Partial<ReportingUnit> = {}): Omit<ReportingUnit, 'area'> => ({
  code,
  name,
  aliases,
  group: 'department',
  ...dates,
});

/**
 * The city departments that report (the PAR INDEX assesses them), as versioned data: those merged
 * on 1 March 2025 end that day and name their successor (Kế hoạch và Đầu tư → Tài chính, Giao thông
 * vận tải → Xây dựng, Tài nguyên và Môi trường and Nông nghiệp và PTNT → Nông nghiệp và Môi trường,
 * Thông tin và Truyền thông → Khoa học và Công nghệ, Lao động – TB&XH → Nội vụ; see the agency
 * catalogue for the sources). The codes are ours (mnemonic, not the national agency register).
 */
export const CAN_THO_DEPARTMENTS: Omit<ReportingUnit, 'area'>[] = [
  dept('SNV', 'Sở Nội vụ'),
  dept('STP', 'Sở Tư pháp'),
  dept('SKHDT', 'Sở Kế hoạch và Đầu tư', ['Sở KH&ĐT', 'Sở KHĐT'], { validTo: MERGER, successors: ['STC'] }),
  dept('STC', 'Sở Tài chính'),
  dept('SCT', 'Sở Công Thương'),
  dept('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn', ['Sở NN&PTNT', 'Sở NNPTNT'], { validTo: MERGER, successors: ['SNNMT'] }),
  dept('SGTVT', 'Sở Giao thông vận tải', ['Sở GTVT'], { validTo: MERGER, successors: ['SXD'] }),
  dept('SXD', 'Sở Xây dựng'),
  dept('STNMT', 'Sở Tài nguyên và Môi trường', ['Sở TN&MT', 'Sở TNMT'], { validTo: MERGER, successors: ['SNNMT'] }),
  dept('STTTT', 'Sở Thông tin và Truyền thông', ['Sở TT&TT', 'Sở TTTT'], { validTo: MERGER, successors: ['SKHCN'] }),
  dept('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', ['Sở LĐ-TB&XH', 'Sở LĐTBXH'], { validTo: MERGER, successors: ['SNV'] }),
  dept('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', ['Sở VH-TT&DL', 'Sở VHTTDL']),
  dept('SKHCN', 'Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Sở KHCN']),
  dept('SGDDT', 'Sở Giáo dục và Đào tạo', ['Sở GD&ĐT', 'Sở GDĐT']),
  dept('SYT', 'Sở Y tế'),
  dept('SNGV', 'Sở Ngoại vụ'),
  dept('SNNMT', 'Sở Nông nghiệp và Môi trường', ['Sở NN&MT', 'Sở NNMT'], { validFrom: MERGER }),
  dept('SDTTG', 'Sở Dân tộc và Tôn giáo', ['Sở DT&TG', 'Sở DTTG'], { validFrom: MERGER }),
];

const TYPE_TITLE: Record<string, string> = {
  quận: 'Quận',
  huyện: 'Huyện',
  'thị xã': 'Thị xã',
  'thành phố': 'Thành phố',
  phường: 'Phường',
  xã: 'Xã',
  'thị trấn': 'Thị trấn',
  'đặc khu': 'Đặc khu',
};

/**
 * The reporting units of a city from its area registry: the city itself, its departments, and the
 * people's committees of the units right below it through time — the districts until the 2025
 * reform, the communes from it — each with the validity of its unit. Nothing is named here: another
 * city's registry gives its own units.
 */
export function reportingUnitsFor(registry: AreaRegistry, departments: readonly Omit<ReportingUnit, 'area'>[] = CAN_THO_DEPARTMENTS): ReportingUnit[] {
  const root = registry.file.root;
  const rootNow = registry.versions(root).at(-1)!;
  const out: ReportingUnit[] = [
    {
      code: root,
      name: `${TYPE_TITLE[rootNow.type] ?? rootNow.type} ${rootNow.name}`,
      aliases: [`TP. ${rootNow.name}`, `TP ${rootNow.name}`, rootNow.name, 'UBND thành phố'],
      group: 'city',
      area: root,
    },
    ...departments.map((d) => ({ ...d, area: root })),
  ];
  for (const u of registry.file.units) {
    if (u.parent !== root || (u.level !== 'district' && u.level !== 'commune')) continue;
    const title = TYPE_TITLE[u.type] ?? u.type;
    const successors = u.validTo === null ? [] : registry.successorsAt(u.code, u.validTo, addDays(u.validTo, -1)).filter((c) => c !== root);
    out.push({
      code: u.code,
      name: `${title} ${u.name}`,
      aliases: [u.name, `UBND ${u.type} ${u.name}`],
      group: u.level,
      area: u.code,
      validFrom: u.validFrom,
      ...(u.validTo !== null ? { validTo: u.validTo, successors } : {}),
    });
  }
  return out;
}

/** The unit reports for a period: it is in force on the day the period's data is cut off. */
export function reportsFor(unit: Pick<ReportingUnit, 'validFrom' | 'validTo'>, period: ReportPeriod): boolean {
  const day = period.cutoffEnd;
  return (unit.validFrom === undefined || unit.validFrom <= day) && (unit.validTo === undefined || day < unit.validTo);
}

export const CAN_THO_REPORTING_UNITS: ReportingUnit[] = reportingUnitsFor(CAN_THO_REGISTRY);

/** How a regime's deadline is set. */
export type DeadlineRule =
  /** n working days after the cut-off ends (counting from the next day), at 17:00. */
  | { kind: 'working-days-after-cutoff'; days: number }
  /**
   * Day `day` of the period's last month (monthsAfter 0) or of a later month, at 17:00; a day
   * that is not a working day moves to the next working day.
   */
  | { kind: 'day-of-month'; day: number; monthsAfter: number };

/** A Decree 09 reporting regime: who reports which indicators, for which periods, by when. */
export interface ReportingRegime {
  id: string;
  name: Label;
  /** The unit codes that must report (one report per unit and period). */
  units: string[];
  indicators: string[];
  periodKinds: ReportPeriodKind[];
  deadline: DeadlineRule;
  /** Who receives the reports. */
  receiver: Label;
  legalBasis: string;
}

/** Which groups of units report under a regime: the unit lists follow the registry (buildRegimes). */
export interface ReportingRegimeSpec extends Omit<ReportingRegime, 'units'> {
  groups: ReportingUnitGroup[];
}

/** The regimes with their unit lists: every unit of the groups, whatever its dates (reportsFor says for which periods). */
export function buildRegimes(specs: readonly ReportingRegimeSpec[], units: readonly ReportingUnit[]): ReportingRegime[] {
  return specs.map(({ groups, ...r }) => ({ ...r, units: units.filter((u) => groups.includes(u.group)).map((u) => u.code) }));
}

export const CAN_THO_REGIME_SPECS: ReportingRegimeSpec[] = [
  {
    id: 'cchc-cds',
    name: { vi: 'Báo cáo CCHC và chuyển đổi số định kỳ', en: 'Periodic administrative reform and digital transformation report' },
    groups: ['city', 'department', 'district', 'commune'],
    indicators: ['e_document_rate', 'digital_signature_rate', 'online_payment_rate', 'digitised_results_rate', 'par_plan_completion_rate'],
    periodKinds: ['month', 'quarter', 'half', 'nine_months', 'year'],
    deadline: { kind: 'working-days-after-cutoff', days: 2 },
    receiver: SOURCE_AGENCIES.home_affairs,
    legalBasis: 'Nghị định 09/2019/NĐ-CP; chế độ báo cáo của UBND TP Cần Thơ',
  },
  {
    id: 'par-index',
    name: { vi: 'Kết quả Chỉ số CCHC năm', en: 'Yearly PAR INDEX results' },
    groups: ['department', 'district', 'commune'],
    indicators: ['par_index'],
    periodKinds: ['year'],
    deadline: { kind: 'day-of-month', day: 28, monthsAfter: 2 },
    receiver: { vi: 'UBND thành phố', en: 'City People’s Committee' },
    legalBasis: 'Bộ chỉ số CCHC của UBND TP Cần Thơ',
  },
  {
    id: 'city-digital',
    name: { vi: 'Chỉ số cấp thành phố do Trung ương công bố', en: 'City indices published by the central government' },
    groups: ['city'],
    indicators: ['dti_score', 'dti_rank', 'sipas'],
    periodKinds: ['year'],
    deadline: { kind: 'day-of-month', day: 20, monthsAfter: 0 },
    receiver: { vi: 'UBND thành phố', en: 'City People’s Committee' },
    legalBasis: 'Nghị định 09/2019/NĐ-CP, Điều 12',
  },
  TTHC_766_REGIME,
];

export const CAN_THO_REGIMES: ReportingRegime[] = buildRegimes(CAN_THO_REGIME_SPECS, CAN_THO_REPORTING_UNITS);
