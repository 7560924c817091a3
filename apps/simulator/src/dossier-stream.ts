import type { DossierChannel, DossierEvent, DossierStatus, OnlinePayment } from '@cityioc/contracts';
import { createWorkCalendar, type WorkCalendar } from '@cityioc/domain';
import { dossierEventId } from './ids.ts';
import { createRng, type Rng } from './rng.ts';
import { addOfficeMs, localMonthStart, officeMsBetween, OFFICE_CLOSE_HOUR, OFFICE_OPEN_HOUR, toLocalRfc3339, VN_OFFSET_MS } from './time.ts';

/**
 * A stream of raw one-stop-shop dossier events (hồ sơ TTHC) for Cần Thơ, from which the IOC
 * computes every dossier indicator itself. Pure: the clock, the seed and the random generator
 * are passed in, and the working days come from the domain calendar (weekends, Vietnamese
 * public holidays, Tết).
 *
 * Each dossier is planned in full when it arrives — its procedure, agency, channel, fee and
 * payment, digitisation, and the times of every status change — and its events are released as
 * the clock passes them:
 *
 *   online:         1 submitted → 2 received (or 3 refused) → 4 in process → … → 9 finished → 10 returned
 *   at the counter: 2 received → 4 in process → … → 9 finished → 10 returned
 *   …:              optionally 5 supplement requested → 4 supplement completed (twice for ~1 %), or 8 stopped
 *
 * The appointment date is `calendar.addWorkingDays(receivedAt, legal days)` (17:00 of a working
 * day). Most dossiers finish before it (net of the applicant's supplement time, as Decision 766
 * counts it); a district-dependent few per cent finish after it, and two supplement requests are
 * late whatever the dates.
 *
 * Two paces. The back-fill replays the current month up to the start at real pace in office
 * hours (07:00–17:00 on working days), from a generator seeded only by the seed and the month,
 * so a restart re-creates the very same dossiers and event ids. Live dossiers then arrive
 * `speed` times faster and move through their steps `speed` times faster, during office hours or
 * around the clock (`alwaysOpen`). Times are always real wall-clock instants and appointment dates
 * are real working days, so an accelerated dossier that is going to be late only turns overdue
 * when its real deadline passes.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** One working day of office time. */
const OFFICE_DAY_MS = (OFFICE_CLOSE_HOUR - OFFICE_OPEN_HOUR) * HOUR_MS;

// ─── Districts ───────────────────────────────────────────────────────────────────────────────

/**
 * Per-district behaviour of the one-stop shops. Populations are the display figures of the domain
 * brief (§4.1, mixed years); they only weigh arrivals. Rates are set so the city lands near
 * published Cần Thơ figures: online payment ≈ 42 % (2023, against the Government's 30 % target),
 * on time 95–98 %, online submission 55–70 %, with the urban districts ahead on digital channels.
 */
export interface DistrictParams {
  /** GSO code of the legacy district (before 1 July 2025). */
  code: string;
  name: string;
  /** quận (urban district) or huyện (rural district). */
  urban: boolean;
  population: number;
  /** Share of received dossiers submitted online. */
  onlineRate: number;
  /** Share of fee-bearing dossiers paid online. */
  onlinePayRate: number;
  /** Share of dossiers handled on time (Decision 766 indicator 2.1). */
  onTimeRate: number;
}

export const DOSSIER_DISTRICTS: readonly DistrictParams[] = [
  { code: '916', name: 'Ninh Kiều', urban: true, population: 292_368, onlineRate: 0.7, onlinePayRate: 0.51, onTimeRate: 0.96 },
  { code: '917', name: 'Ô Môn', urban: true, population: 136_995, onlineRate: 0.6, onlinePayRate: 0.41, onTimeRate: 0.97 },
  { code: '918', name: 'Bình Thủy', urban: true, population: 185_142, onlineRate: 0.66, onlinePayRate: 0.46, onTimeRate: 0.975 },
  { code: '919', name: 'Cái Răng', urban: true, population: 141_822, onlineRate: 0.65, onlinePayRate: 0.45, onTimeRate: 0.97 },
  { code: '923', name: 'Thốt Nốt', urban: true, population: 184_758, onlineRate: 0.6, onlinePayRate: 0.41, onTimeRate: 0.965 },
  { code: '924', name: 'Vĩnh Thạnh', urban: false, population: 96_000, onlineRate: 0.55, onlinePayRate: 0.35, onTimeRate: 0.98 },
  { code: '925', name: 'Cờ Đỏ', urban: false, population: 161_576, onlineRate: 0.56, onlinePayRate: 0.37, onTimeRate: 0.975 },
  { code: '926', name: 'Phong Điền', urban: false, population: 132_483, onlineRate: 0.58, onlinePayRate: 0.39, onTimeRate: 0.985 },
  { code: '927', name: 'Thới Lai', urban: false, population: 147_546, onlineRate: 0.56, onlinePayRate: 0.37, onTimeRate: 0.975 },
];

/** Dossiers per month across the districts at real pace (illustrative). */
export const CITY_DOSSIERS_PER_MONTH = 15_000;
/** Office hours in an average month: 22 working days of 10 hours. */
const OFFICE_HOURS_PER_MONTH = 220;
const TOTAL_POPULATION = DOSSIER_DISTRICTS.reduce((s, d) => s + d.population, 0);

/** Dossiers per office hour at real pace, all channels. */
export function arrivalRate(d: DistrictParams): number {
  return (CITY_DOSSIERS_PER_MONTH * d.population) / TOTAL_POPULATION / OFFICE_HOURS_PER_MONTH;
}

// ─── Agencies ────────────────────────────────────────────────────────────────────────────────

/**
 * Agency codes follow the hierarchy of the electronic identifiers of QĐ 20/2020/QĐ-TTg as the
 * domain brief (§2.4) reads it, 'xxx.yy.zz.H13' with H13 = Cần Thơ (itself a low-confidence
 * inference): level 2 `000.00.NN.H13` for the city departments (NN 01–06) and the district
 * people's committees (NN 21–29, in GSO order), level 3 `000.MM.NN.H13` for the units under them
 * — the ward/commune people's committees of a district (MM 01–03 under the district's NN) and the
 * district branches of the land registration office (MM = the district's number under the
 * department NN 06). All numbers are illustrative, not the real register.
 */
export type AgencyKind = 'department' | 'district' | 'commune' | 'land';

export interface Agency {
  code: string;
  name: string;
  kind: AgencyKind;
  /** Level of the handling agency. District committees carry none: the demo keeps the legacy districts as areas, but 'DISTRICT' is only for data before 1 July 2025. */
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

export interface DistrictAgencies {
  committee: Agency;
  communes: readonly Agency[];
  landBranch: Agency;
}

/** The handful of agencies of a district: its people's committee, three ward/commune committees, the land registration branch. */
export function districtAgencies(d: DistrictParams): DistrictAgencies {
  const nn = String(21 + DOSSIER_DISTRICTS.findIndex((x) => x.code === d.code));
  const kind = d.urban ? 'quận' : 'huyện';
  const communes = [1, 2, 3].map((k): Agency => ({
    code: `000.0${k}.${nn}.H13`,
    name: `UBND cấp xã ${k}, ${kind} ${d.name}`,
    kind: 'commune',
    level: 'COMMUNE',
  }));
  return {
    committee: { code: `000.00.${nn}.H13`, name: `UBND ${kind} ${d.name}`, kind: 'district' },
    communes,
    landBranch: { code: `000.${nn}.06.H13`, name: `Chi nhánh Văn phòng đăng ký đất đai ${d.name}`, kind: 'land', level: 'PROVINCE' },
  };
}

/** Cumulative share of a district's ward/commune dossiers taken by each of its three committees. */
const COMMUNE_CUM = Float64Array.of(0.45, 0.78, 1);

// ─── Procedures ──────────────────────────────────────────────────────────────────────────────

export interface Procedure {
  /** National TTHC database format 'd.dddddd'. */
  code: string;
  name: string;
  fieldCode: string;
  /** Who handles it; a department procedure names the department. */
  handler: AgencyKind;
  department?: Agency;
  /** Legal processing time in working days (0: within the day of reception). */
  legalDays: number;
  /** Fee or charge per dossier in VND; 0 for a free procedure. */
  feeVnd: number;
  /** Relative share of the city's dossiers. */
  weight: number;
  /** Relative propensity to be filed online (1 = the district's average). */
  online: number;
}

/**
 * A small catalogue of common procedures. The names and processing times are typical of the
 * national catalogue; the CODES AND FEES ARE ILLUSTRATIVE (the right format, not looked up), so do
 * not read them as the real register. Weights give ≈ 40 % fee-bearing dossiers.
 */
export const PROCEDURES: readonly Procedure[] = [
  // Ward/commune people's committees: certification and civil status, the bulk of the counter work.
  {
    code: '2.000908',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    fieldCode: 'CT',
    handler: 'commune',
    legalDays: 0,
    feeVnd: 10_000,
    weight: 10,
    online: 0.6,
  },
  {
    code: '2.000913',
    name: 'Chứng thực chữ ký trong giấy tờ, văn bản',
    fieldCode: 'CT',
    handler: 'commune',
    legalDays: 0,
    feeVnd: 10_000,
    weight: 2,
    online: 0.6,
  },
  { code: '1.000494', name: 'Cấp bản sao trích lục hộ tịch', fieldCode: 'HT', handler: 'commune', legalDays: 0, feeVnd: 8_000, weight: 3, online: 1.2 },
  { code: '1.001193', name: 'Đăng ký khai sinh', fieldCode: 'HT', handler: 'commune', legalDays: 0, feeVnd: 0, weight: 11, online: 1.2 },
  {
    code: '1.001158',
    name: 'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi',
    fieldCode: 'HT',
    handler: 'commune',
    legalDays: 3,
    feeVnd: 0,
    weight: 3,
    online: 1.4,
  },
  { code: '1.000894', name: 'Đăng ký kết hôn', fieldCode: 'HT', handler: 'commune', legalDays: 0, feeVnd: 0, weight: 4, online: 0.8 },
  { code: '1.004873', name: 'Cấp giấy xác nhận tình trạng hôn nhân', fieldCode: 'HT', handler: 'commune', legalDays: 3, feeVnd: 0, weight: 7, online: 1.2 },
  { code: '1.000656', name: 'Đăng ký khai tử', fieldCode: 'HT', handler: 'commune', legalDays: 0, feeVnd: 0, weight: 3, online: 1 },
  // District land registration branches.
  {
    code: '1.004227',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    fieldCode: 'DD',
    handler: 'land',
    legalDays: 10,
    feeVnd: 50_000,
    weight: 6,
    online: 0.9,
  },
  {
    code: '1.004203',
    name: 'Cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    fieldCode: 'DD',
    handler: 'land',
    legalDays: 7,
    feeVnd: 50_000,
    weight: 3,
    online: 0.9,
  },
  {
    code: '1.003010',
    name: 'Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất',
    fieldCode: 'GDBD',
    handler: 'land',
    legalDays: 1,
    feeVnd: 0,
    weight: 8,
    online: 1.1,
  },
  {
    code: '1.002993',
    name: 'Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất',
    fieldCode: 'GDBD',
    handler: 'land',
    legalDays: 1,
    feeVnd: 0,
    weight: 5,
    online: 1.1,
  },
  { code: '1.005398', name: 'Cung cấp thông tin, dữ liệu đất đai', fieldCode: 'DD', handler: 'land', legalDays: 2, feeVnd: 0, weight: 3, online: 1 },
  // District people's committees.
  { code: '2.000720', name: 'Đăng ký thành lập hộ kinh doanh', fieldCode: 'KD', handler: 'district', legalDays: 3, feeVnd: 100_000, weight: 3, online: 1.2 },
  {
    code: '2.000575',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    fieldCode: 'KD',
    handler: 'district',
    legalDays: 3,
    feeVnd: 50_000,
    weight: 1,
    online: 1.2,
  },
  {
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    fieldCode: 'XD',
    handler: 'district',
    legalDays: 15,
    feeVnd: 75_000,
    weight: 2,
    online: 1,
  },
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng',
    fieldCode: 'BTXH',
    handler: 'district',
    legalDays: 7,
    feeVnd: 0,
    weight: 5,
    online: 0.8,
  },
  {
    code: '1.004859',
    name: 'Thay đổi, cải chính, bổ sung thông tin hộ tịch',
    fieldCode: 'HT',
    handler: 'district',
    legalDays: 3,
    feeVnd: 0,
    weight: 2,
    online: 1,
  },
  {
    code: '1.002365',
    name: 'Cấp giấy xác nhận thân nhân của người có công',
    fieldCode: 'NCC',
    handler: 'district',
    legalDays: 5,
    feeVnd: 0,
    weight: 2,
    online: 0.8,
  },
  // City departments.
  {
    code: '2.001417',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    fieldCode: 'LLTP',
    handler: 'department',
    department: CITY_DEPARTMENTS.justice,
    legalDays: 10,
    feeVnd: 200_000,
    weight: 3,
    online: 1.4,
  },
  {
    code: '2.001610',
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
    fieldCode: 'DKKD',
    handler: 'department',
    department: CITY_DEPARTMENTS.finance,
    legalDays: 3,
    feeVnd: 50_000,
    weight: 1,
    online: 1.4,
  },
  {
    code: '1.002809',
    name: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
    fieldCode: 'GPLX',
    handler: 'department',
    department: CITY_DEPARTMENTS.construction,
    legalDays: 5,
    feeVnd: 135_000,
    weight: 2.5,
    online: 1.4,
  },
  {
    code: '1.000105',
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    fieldCode: 'LD',
    handler: 'department',
    department: CITY_DEPARTMENTS.homeAffairs,
    legalDays: 5,
    feeVnd: 400_000,
    weight: 0.5,
    online: 1.3,
  },
  {
    code: '1.001978',
    name: 'Giải quyết hưởng trợ cấp thất nghiệp',
    fieldCode: 'VL',
    handler: 'department',
    department: CITY_DEPARTMENTS.homeAffairs,
    legalDays: 20,
    feeVnd: 0,
    weight: 3,
    online: 1,
  },
  {
    code: '1.004946',
    name: 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh',
    fieldCode: 'KCB',
    handler: 'department',
    department: CITY_DEPARTMENTS.health,
    legalDays: 20,
    feeVnd: 360_000,
    weight: 0.5,
    online: 1.2,
  },
];

const TOTAL_WEIGHT = PROCEDURES.reduce((s, p) => s + p.weight, 0);
/** Online propensities normalised so that their weighted mean is 1. */
const ONLINE_NORM = PROCEDURES.reduce((s, p) => s + p.weight * p.online, 0) / TOTAL_WEIGHT;

/** Share of dossiers whose procedure carries a fee (≈ 0.40). */
export const FEE_BEARING_SHARE = PROCEDURES.reduce((s, p) => s + (p.feeVnd > 0 ? p.weight : 0), 0) / TOTAL_WEIGHT;

// ─── Behaviour ───────────────────────────────────────────────────────────────────────────────

/** Online submissions refused at reception (status 3): incomplete or filed with the wrong agency. */
const REFUSED_SHARE = 0.03;
/** Dossiers at the counter sent by the public postal service, as a share of all. */
const POSTAL_SHARE = 0.03;
/** Received dossiers whose processing is stopped (status 8). */
const STOPPED_SHARE = 0.008;
/** Received dossiers with exactly one supplement request, and with two (late under 766 whatever the dates). */
const ONE_SUPPLEMENT_SHARE = 0.08;
const TWO_SUPPLEMENTS_SHARE = 0.01;
/** Fee-bearing dossiers at the counter that are still paid online (QR at the counter), relative to the district's rate. */
const COUNTER_PAY_FACTOR = 0.15;
/** Online payments through the national DVCQG platform (1) rather than the city's own gateway (2). */
const DVCQG_PAYMENT_SHARE = 0.75;
/** Finished dossiers whose result is collected (status 10) at all. */
const RETURNED_SHARE = 0.97;
/** Cap on the online share of a procedure in a district. */
const MAX_ONLINE = 0.97;

/** Online submission share before refusals that gives `received` online after refusals. */
function submittedOnlineShare(received: number): number {
  return received / ((1 - REFUSED_SHARE) * (1 - received) + received);
}

interface DistrictModel {
  district: DistrictParams;
  agencies: DistrictAgencies;
  /** Cumulative procedure weights of the online and counter streams. */
  onlineProcedures: Float64Array;
  counterProcedures: Float64Array;
  /** Online and counter dossiers per office hour at real pace. */
  onlineRate: number;
  counterRate: number;
  /** P(paid online | fee-bearing, channel). */
  payOnline: number;
  payCounter: number;
  /** P(postal | counter). */
  postal: number;
  /** P(late by the dates | neither stopped nor twice supplemented). */
  late: number;
}

function cumulative(xs: readonly number[]): Float64Array {
  const out = new Float64Array(xs.length);
  let s = 0;
  xs.forEach((x, i) => (out[i] = s += x));
  return out;
}

function modelOf(d: DistrictParams): DistrictModel {
  const o = submittedOnlineShare(d.onlineRate);
  const pOnline = PROCEDURES.map((p) => Math.min(MAX_ONLINE, (o * p.online) / ONLINE_NORM));
  const online = PROCEDURES.map((p, i) => p.weight * pOnline[i]!);
  const counter = PROCEDURES.map((p, i) => p.weight * (1 - pOnline[i]!));
  const onlineShare = online.reduce((s, x) => s + x, 0) / TOTAL_WEIGHT;
  // Payment: counter dossiers pay online at a small fraction of the rate, online ones make up the rest.
  const feeWeight = PROCEDURES.reduce((s, p) => s + (p.feeVnd > 0 ? p.weight : 0), 0);
  const feeOnline = PROCEDURES.reduce((s, p, i) => s + (p.feeVnd > 0 ? online[i]! : 0), 0) / feeWeight;
  const feeOnlineReceived = (feeOnline * (1 - REFUSED_SHARE)) / (feeOnline * (1 - REFUSED_SHARE) + 1 - feeOnline);
  const payCounter = COUNTER_PAY_FACTOR * d.onlinePayRate;
  const payOnline = Math.min(0.95, (d.onlinePayRate - (1 - feeOnlineReceived) * payCounter) / feeOnlineReceived);
  const rate = arrivalRate(d);
  return {
    district: d,
    agencies: districtAgencies(d),
    onlineProcedures: cumulative(online),
    counterProcedures: cumulative(counter),
    onlineRate: rate * onlineShare,
    counterRate: rate * (1 - onlineShare),
    payOnline,
    payCounter,
    postal: Math.min(1, POSTAL_SHARE / (1 - onlineShare)),
    late: Math.max(0, 1 - d.onTimeRate - TWO_SUPPLEMENTS_SHARE) / (1 - TWO_SUPPLEMENTS_SHARE - STOPPED_SHARE),
  };
}

const MODELS: readonly DistrictModel[] = DOSSIER_DISTRICTS.map(modelOf);

// ─── Randomness and time ─────────────────────────────────────────────────────────────────────

function exponential(rng: Rng, mean: number, cap = Infinity): number {
  return Math.min(cap, -mean * Math.log(1 - rng.next()));
}

function pick(rng: Rng, cum: Float64Array): number {
  const x = rng.next() * cum[cum.length - 1]!;
  let i = 0;
  while (i < cum.length - 1 && cum[i]! <= x) i++;
  return i;
}

/** FNV-1a of a string: seeds one generator per month, district and stream from the run's seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * How process time maps to wall-clock time. Durations are planned in office time at real pace
 * (one working day = 10 office hours); a pace divides them by its speed and lays them either on
 * office hours of working days or on the plain clock.
 */
interface Pace {
  speed: number;
  officeHours: boolean;
  after(t: number, officeMs: number): number;
}

function createPace(calendar: WorkCalendar, speed: number, officeHours: boolean): Pace {
  return {
    speed,
    officeHours,
    after: officeHours ? (t, ms) => addOfficeMs(calendar, t, ms / speed) : (t, ms) => t + ms / speed,
  };
}

/** Relative intensity of online submissions: days more than nights, working days more than weekends and holidays. */
function onlineIntensity(calendar: WorkCalendar, t: number): number {
  const local = t + VN_OFFSET_MS;
  const hour = Math.floor(local / HOUR_MS) % 24;
  const working = calendar.isWorkingDayNumber(Math.floor(local / 86_400_000));
  return (hour >= 6 && hour < 22 ? 1 : 0.25) * (working ? 1 : 0.5);
}
/** Mean of `onlineIntensity` over a week without holidays: (5·18 + 2·9) / 168. */
const MEAN_ONLINE_INTENSITY = 108 / 168;
/** Office hours in a week without holidays. */
const OFFICE_HOURS_PER_WEEK = 50;

// ─── Dossier plans ───────────────────────────────────────────────────────────────────────────

interface Step {
  status: DossierStatus;
  at: number;
}

interface Plan {
  /** Creation order: breaks ties between dossiers with events at the same instant. */
  serial: number;
  /** First event (submission online, reception at the counter). */
  firstAt: number;
  /** Assigned from the agency, the day of `firstAt` and a sequence (see DossierStream). */
  code: string;
  district: DistrictParams;
  agency: Agency;
  procedure: Procedure;
  channel: DossierChannel;
  submittedAt: number;
  receivedAt: number | null;
  dueAt: number | null;
  finishedAt: number | null;
  supplements: { requestedAt: number; completedAt: number }[];
  onlinePayment: OnlinePayment;
  digitized: boolean;
  reusedDigitizedData: boolean;
  personalStorage: boolean;
  vneidVerified: boolean;
  eResult: boolean;
  syncedToDvcqg: boolean;
  steps: Step[];
  /** Index of the next step to release. */
  next: number;
  times?: PlanTimes;
}

/**
 * Plans one dossier arriving at `arrival` (submitted online, or at the counter) in full, from
 * `rng` alone: a generator that replays the same draws replays the same dossiers.
 */
function planDossier(m: DistrictModel, online: boolean, arrival: number, serial: number, rng: Rng, pace: Pace, calendar: WorkCalendar): Plan {
  const procedure = PROCEDURES[pick(rng, online ? m.onlineProcedures : m.counterProcedures)]!;
  const agency =
    procedure.handler === 'department'
      ? procedure.department!
      : procedure.handler === 'district'
        ? m.agencies.committee
        : procedure.handler === 'land'
          ? m.agencies.landBranch
          : m.agencies.communes[pick(rng, COMMUNE_CUM)]!;
  const channel: DossierChannel = online ? 2 : rng.next() < m.postal ? 3 : 1;
  const feeBearing = procedure.feeVnd > 0;
  const paid = rng.next() < (online ? m.payOnline : m.payCounter);
  const onlinePayment: OnlinePayment = feeBearing && paid ? (rng.next() < DVCQG_PAYMENT_SHARE ? 1 : 2) : 0;
  const digitized = rng.next() < (online ? 0.97 : channel === 3 ? 0.75 : 0.85);
  const reusedDigitizedData = digitized && rng.next() < 0.35;
  const personalStorage = online && rng.next() < 0.3;
  const vneidVerified = online && rng.next() < 0.9;
  const eResult = rng.next() < (online ? 0.8 : 0.55);
  const syncedToDvcqg = rng.next() < 0.985;

  const steps: Step[] = [];
  let last = -Infinity;
  /** Adds a step at whole seconds, at least a second after the previous one. */
  const step = (status: DossierStatus, t: number): number => {
    const at = Math.max(Math.floor(t / SECOND_MS) * SECOND_MS, last + SECOND_MS);
    steps.push({ status, at });
    return (last = at);
  };
  const plan: Plan = {
    serial,
    firstAt: 0,
    code: '',
    district: m.district,
    agency,
    procedure,
    channel,
    submittedAt: 0,
    receivedAt: null,
    dueAt: null,
    finishedAt: null,
    supplements: [],
    onlinePayment,
    digitized,
    reusedDigitizedData,
    personalStorage,
    vneidVerified,
    eResult,
    syncedToDvcqg,
    steps,
    next: 0,
  };

  // Reception: at once at the counter; online after the officer's check, or refused.
  const fate = rng.next();
  const fateLate = rng.next();
  const u = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next()] as const;
  let received: number;
  if (online) {
    plan.submittedAt = plan.firstAt = step(1, arrival);
    const checked = pace.after(arrival, 10 * MINUTE_MS + exponential(rng, 2 * HOUR_MS, 2 * OFFICE_DAY_MS));
    if (fate < REFUSED_SHARE) {
      step(3, checked);
      return plan;
    }
    received = step(2, checked);
  } else {
    received = plan.submittedAt = plan.firstAt = step(2, arrival);
  }
  const due = calendar.addWorkingDays(received, procedure.legalDays);
  plan.receivedAt = received;
  plan.dueAt = due;

  // What happens after reception, decided now. `budget` is the agency's own office time to finish.
  const f = online ? (fate - REFUSED_SHARE) / (1 - REFUSED_SHARE) : fate;
  const stopped = f < STOPPED_SHARE;
  const supplementRequests = stopped
    ? 0
    : f < STOPPED_SHARE + TWO_SUPPLEMENTS_SHARE
      ? 2
      : f < STOPPED_SHARE + TWO_SUPPLEMENTS_SHARE + ONE_SUPPLEMENT_SHARE
        ? 1
        : 0;
  const late = !stopped && supplementRequests < 2 && fateLate < m.late;
  const window = Math.max(MINUTE_MS, officeMsBetween(calendar, received, due));
  const budget = window * (0.08 + 0.87 * u[0] ** 1.5);

  let used = budget * (0.02 + 0.08 * u[1]);
  let cursor = step(4, pace.after(received, used));
  for (let k = 0; k < supplementRequests; k++) {
    const ask = (budget - used) * (0.2 + 0.4 * u[2 + k]!);
    used += ask;
    const requestedAt = step(5, pace.after(cursor, ask));
    const completedAt = step(4, pace.after(requestedAt, exponential(rng, 1.2 * OFFICE_DAY_MS, 8 * OFFICE_DAY_MS) + 2 * HOUR_MS));
    plan.supplements.push({ requestedAt, completedAt });
    cursor = completedAt;
  }
  if (stopped) {
    step(8, pace.after(cursor, (budget - used) * u[4]));
    return plan;
  }

  // The appointment date moved on by the applicant's supplement time, in working time as the domain measures it.
  const held = plan.supplements.reduce((s, x) => s + calendar.workingMsBetween(x.requestedAt, x.completedAt), 0);
  const effectiveDue = calendar.addWorkingMs(due, held);
  let finish: number;
  if (late) {
    finish = Math.max(effectiveDue + SECOND_MS, pace.after(effectiveDue, 30 * MINUTE_MS + exponential(rng, OFFICE_DAY_MS, 6 * OFFICE_DAY_MS)));
  } else {
    finish = pace.after(cursor, budget - used);
    // Office time and the working time the domain measures the applicant's share in differ
    // around nights: bring the finish back within the moved deadline, still in office time.
    if (supplementRequests < 2 && finish > effectiveDue) finish = pace.after(cursor, officeMsBetween(calendar, cursor, effectiveDue) / 2);
  }
  plan.finishedAt = step(9, finish);
  if (u[5] < RETURNED_SHARE) {
    const wait =
      online && eResult ? 5 * MINUTE_MS + exponential(rng, HOUR_MS, OFFICE_DAY_MS) : 10 * MINUTE_MS + exponential(rng, 0.8 * OFFICE_DAY_MS, 5 * OFFICE_DAY_MS);
    step(10, pace.after(plan.finishedAt, wait));
  }
  return plan;
}

/** A plan's fixed times as RFC 3339, formatted once per dossier rather than once per event. */
interface PlanTimes {
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  finishedAt?: string;
  supplements: { requestedAt: string; completedAt: string }[];
}

function timesOf(p: Plan): PlanTimes {
  const iso = toLocalRfc3339;
  return {
    submittedAt: iso(p.submittedAt),
    ...(p.receivedAt !== null ? { receivedAt: iso(p.receivedAt) } : {}),
    ...(p.dueAt !== null ? { dueAt: iso(p.dueAt) } : {}),
    ...(p.finishedAt !== null ? { finishedAt: iso(p.finishedAt) } : {}),
    supplements: p.supplements.map((s) => ({ requestedAt: iso(s.requestedAt), completedAt: iso(s.completedAt) })),
  };
}

/** The canonical event of a plan's step `i`: the dossier as known at that status change. */
function eventOf(p: Plan, i: number): DossierEvent {
  const { status, at } = p.steps[i]!;
  const times = (p.times ??= timesOf(p));
  const statusAt = toLocalRfc3339(at);
  const received = status !== 1 && status !== 3;
  const supplements = p.supplements.flatMap((s, k) =>
    s.requestedAt > at ? [] : [s.completedAt <= at ? times.supplements[k]! : { requestedAt: times.supplements[k]!.requestedAt }],
  );
  const feeBearing = p.procedure.feeVnd > 0;
  return {
    eventId: dossierEventId(p.code, status, at),
    dossierCode: p.code,
    procedureCode: p.procedure.code,
    fieldCode: p.procedure.fieldCode,
    agencyCode: p.agency.code,
    adminUnitCode: p.district.code,
    ...(p.agency.level ? { level: p.agency.level } : {}),
    processingUnit: p.agency.name,
    channel: p.channel,
    status,
    statusAt,
    submittedAt: times.submittedAt,
    ...(received ? { receivedAt: times.receivedAt!, dueAt: times.dueAt! } : {}),
    ...(status === 9 || status === 10 ? { finishedAt: times.finishedAt!, eResult: p.eResult } : {}),
    ...(status === 10 ? { returnedAt: statusAt } : {}),
    ...(status === 3 || status === 8 ? { rejectedAt: statusAt } : {}),
    ...(supplements.length > 0 ? { supplements } : {}),
    feeBearing,
    ...(feeBearing ? { fees: [{ code: `LP-${p.procedure.code}`, name: 'Lệ phí', amountVnd: p.procedure.feeVnd }], onlinePayment: p.onlinePayment } : {}),
    ...(received ? { digitized: p.digitized, reusedDigitizedData: p.reusedDigitizedData } : {}),
    ...(p.channel === 2 ? { personalStorage: p.personalStorage, vneidVerified: p.vneidVerified } : {}),
    syncedToDvcqg: p.syncedToDvcqg,
  };
}

// ─── Arrivals ────────────────────────────────────────────────────────────────────────────────

/** One Poisson stream of arrivals: a district's online submissions or its counter. */
interface Arrivals {
  model: DistrictModel;
  online: boolean;
  rng: Rng;
  pace: Pace;
  /** The next arrival instant. */
  next: number;
}

/**
 * The arrival after `from`. Counter dossiers arrive in office time of the pace (around the clock
 * when it ignores office hours); online ones around the clock, thinned by `onlineIntensity` when
 * office hours apply so that nights and weekends are quieter. Both at `speed` times the real rate.
 */
function nextArrival(a: Arrivals, from: number, calendar: WorkCalendar): number {
  const { pace, model, rng } = a;
  if (!a.online) return pace.after(from, exponential(rng, HOUR_MS / model.counterRate));
  if (!pace.officeHours) return from + exponential(rng, HOUR_MS / model.onlineRate) / pace.speed;
  // The weekly online volume at real pace equals the office-hour rate times the office hours of a week.
  const peakPerHour = (model.onlineRate * OFFICE_HOURS_PER_WEEK) / 168 / MEAN_ONLINE_INTENSITY;
  let t = from;
  for (;;) {
    t += exponential(rng, HOUR_MS / peakPerHour) / pace.speed;
    if (rng.next() < onlineIntensity(calendar, t)) return t;
  }
}

// ─── The stream ──────────────────────────────────────────────────────────────────────────────

export interface DossierStreamOptions {
  /** The start: the back-fill covers the local month up to here, live dossiers arrive after it. */
  startMs: number;
  /** Seeds the back-fill (with the month), so a restart re-creates it exactly. */
  seed: number;
  /** Draws of the live dossiers. */
  rng: Rng;
  /** Live acceleration of arrivals and processing (1 = real pace). */
  speed: number;
  /** Live dossiers ignore office hours, so the wall also moves at night and at weekends. */
  alwaysOpen: boolean;
  /** Re-create the month so far at start (default true). */
  backfill?: boolean;
  /** Working days; the domain's built-in Vietnamese calendar by default. */
  calendar?: WorkCalendar;
}

export interface DossierStreamStats {
  /** Dossiers created by the back-fill and live since the start. */
  backfillDossiers: number;
  liveDossiers: number;
  /** Events released so far. */
  events: number;
  /** Dossiers with events still to come. */
  active: number;
}

export interface DossierStream {
  /**
   * Creates the live dossiers that have arrived by `nowMs` and releases up to `max` events whose
   * status time has come (statusAt ≤ nowMs), oldest first. Call again for the rest: undelivered
   * events wait here, as compact plans, not in a queue of JSON objects.
   */
  take(nowMs: number, max?: number): DossierEvent[];
  stats(): DossierStreamStats;
}

/** Live arrivals never catch up more than this after a pause of the process (a sleeping laptop). */
const MAX_CATCH_UP_MS = HOUR_MS;

export function createDossierStream(options: DossierStreamOptions): DossierStream {
  const calendar = options.calendar ?? createWorkCalendar();
  const { startMs } = options;
  const heap = new PlanHeap();
  let serial = 0;
  let events = 0;
  let backfillDossiers = 0;
  let liveDossiers = 0;

  if (options.backfill ?? true) {
    const plans = backfill(startMs, options.seed, calendar);
    // Daily sequence per agency, in order of first event: `<agency>-<yymmdd>-<nnnn>`.
    plans.sort((a, b) => a.firstAt - b.firstAt || a.serial - b.serial);
    const seq = new Map<string, number>();
    for (const p of plans) {
      const key = `${p.agency.code}-${yymmdd(p.firstAt)}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      p.code = `${key}-${String(n).padStart(4, '0')}`;
      p.serial = serial++;
      heap.push(p);
    }
    backfillDossiers = plans.length;
  }

  // Live streams: accelerated, after the start.
  const livePace = createPace(calendar, options.speed, !options.alwaysOpen);
  const live: Arrivals[] = MODELS.flatMap((model) =>
    [true, false].map((online) => {
      const a: Arrivals = { model, online, rng: options.rng, pace: livePace, next: 0 };
      a.next = nextArrival(a, startMs, calendar);
      return a;
    }),
  );
  /** Last live sequence per agency and day, so that codes stay unique when two arrive in the same second. */
  const liveSeq = new Map<string, number>();

  function liveCode(agency: Agency, t: number): string {
    const day = `${agency.code}-${yymmdd(t)}`;
    // Six digits (seconds of the day × 10): never the back-fill's four, and never another run's,
    // since two runs are not live at the same instant.
    const n = Math.max((liveSeq.get(day) ?? -1) + 1, Math.floor(secondOfDay(t) * 10));
    liveSeq.set(day, n);
    return `${day}-${String(n).padStart(6, '0')}`;
  }

  function arrive(nowMs: number) {
    for (const a of live) {
      if (a.next < nowMs - MAX_CATCH_UP_MS) a.next = nextArrival(a, nowMs - MAX_CATCH_UP_MS, calendar);
      while (a.next <= nowMs) {
        const p = planDossier(a.model, a.online, a.next, serial++, a.rng, a.pace, calendar);
        p.code = liveCode(p.agency, p.firstAt);
        heap.push(p);
        liveDossiers++;
        a.next = nextArrival(a, a.next, calendar);
      }
    }
  }

  return {
    take(nowMs, max = Infinity) {
      arrive(nowMs);
      const out: DossierEvent[] = [];
      while (out.length < max) {
        const p = heap.peek();
        if (!p || p.steps[p.next]!.at > nowMs) break;
        heap.pop();
        out.push(eventOf(p, p.next));
        p.next++;
        if (p.next < p.steps.length) heap.push(p);
      }
      events += out.length;
      return out;
    },
    stats: () => ({ backfillDossiers, liveDossiers, events, active: heap.size }),
  };
}

/**
 * The month so far at real pace in office hours: every dossier whose first event falls between
 * local midnight on the 1st and `startMs`. Each district's online and counter streams have their
 * own generator seeded by (seed, month, district, stream), and every plan is fixed at its arrival,
 * so a later start re-creates the earlier one's dossiers exactly and only adds to them.
 */
function backfill(startMs: number, seed: number, calendar: WorkCalendar): Plan[] {
  const monthStart = localMonthStart(startMs);
  const pace = createPace(calendar, 1, true);
  const plans: Plan[] = [];
  let serial = 0;
  for (const model of MODELS) {
    for (const online of [true, false]) {
      const rng = createRng(hash32(`${seed}|${yymmdd(monthStart)}|${model.district.code}|${online ? 'online' : 'counter'}`));
      const a: Arrivals = { model, online, rng, pace, next: 0 };
      for (let t = nextArrival(a, monthStart, calendar); t <= startMs; t = nextArrival(a, t, calendar)) {
        plans.push(planDossier(model, online, t, serial++, rng, pace, calendar));
      }
    }
  }
  return plans;
}

function yymmdd(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().slice(2, 10).replaceAll('-', '');
}

function secondOfDay(t: number): number {
  return Math.floor(((t + VN_OFFSET_MS) % 86_400_000) / SECOND_MS);
}

/** Min-heap of plans by the time of their next step (then creation order). */
class PlanHeap {
  private readonly items: Plan[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Plan | undefined {
    return this.items[0];
  }

  push(p: Plan): void {
    const a = this.items;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): Plan | undefined {
    const a = this.items;
    const top = a[0];
    const end = a.pop();
    if (a.length > 0 && end) {
      a[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Plan, b: Plan): boolean {
  const ta = a.steps[a.next]!.at;
  const tb = b.steps[b.next]!.at;
  return ta < tb || (ta === tb && a.serial < b.serial);
}
