import type { LegalTimeUnit, ProcedurePublication } from '@cityioc/contracts';
import { DAY_MS } from '../../calendar/local-time.ts';
import type { WorkCalendar } from '../../calendar/work-calendar.ts';
import type { PaknCounts } from '../../pakn/pakn-metrics.ts';
import type { ProcedureVersion } from '../catalogue/procedure-catalogue.ts';
import type { RatioPair } from '../indicators/dossier-indicators.ts';
import type { DossierCellSums, DossierCounts } from './dossier-cells.ts';
import { madePublicOnTime, onlineLevelOf, publishedOnTime } from './procedure-scope.ts';

/**
 * The Decision 766 formulas (BRIEF §1.3), each a pure function of counts the IOC keeps. A value is
 * a ratio with its parts, or `noData` when an input is missing (a zero denominator, a fact the
 * feeds never sent): never a 0 standing in for "unknown".
 */
export interface MetricValue {
  /** 0–1 (for 2.2: the average processing time in `unit`). */
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  noData: boolean;
  /** The factors of a composite formula (3.3: online share × sync ratio; 5.4: overdue and complaint rates). */
  inputs?: Record<string, RatioPair & { ratio: number | null }>;
  /** 2.2: the unit the average is given in (the procedure's DonViTinh). */
  unit?: LegalTimeUnit;
}

export const NO_DATA: MetricValue = { ratio: null, numerator: null, denominator: null, noData: true };

/** numerator / denominator, or no data when the denominator is 0. */
export function ratioValue(numerator: number, denominator: number): MetricValue {
  if (!(denominator > 0)) return { ratio: null, numerator, denominator, noData: true };
  return { ratio: numerator / denominator, numerator, denominator, noData: false };
}

const pair = (numerator: number, denominator: number) => ({ numerator, denominator, ratio: denominator > 0 ? numerator / denominator : null });

export interface Score766Inputs {
  /** The instant open items are judged at: min(now, period end). */
  at: number;
  calendar: WorkCalendar;
  /** The catalogue versions (in force at `at`) of the procedures under the unit's authority. */
  procedures: readonly ProcedureVersion[];
  /** The version in force at `at` of any procedure code (for dossiers of procedures not in `procedures`). */
  procedureOf: (nationalCode: string) => ProcedureVersion | undefined;
  /** The unit's publications whose decision falls in the period, with their procedure code. */
  publications: readonly { code: string; publication: ProcedurePublication }[];
  dossiers: DossierCellSums;
  /** 2.1 as the dossier indicator state judges it (open dossiers at `at`). */
  onTime: RatioPair;
  /** 3.6: dossiers paid online / fee-bearing dossiers. */
  onlinePayment: RatioPair;
  pakn: PaknCounts;
  /** Set when the scorecard is of one procedure: 2.2 is shown in its unit. */
  singleProcedure: ProcedureVersion | null;
}

/** 1.1: procedures published on time / procedures published in the period; one late publication makes the procedure late. */
export function publishOnTime(pubs: Score766Inputs['publications'], calendar: WorkCalendar): MetricValue {
  const verdict = new Map<string, boolean>();
  for (const { code, publication } of pubs) {
    const v = publishedOnTime(publication, calendar);
    if (v === null) continue;
    verdict.set(code, (verdict.get(code) ?? true) && v);
  }
  return ratioValue([...verdict.values()].filter(Boolean).length, verdict.size);
}

/** 1.2: procedures made public in the national database within 5 working days of the decision / those decided in the period (pending ones left out). */
export function publicUpdateOnTime(pubs: Score766Inputs['publications'], at: number, calendar: WorkCalendar): MetricValue {
  const verdict = new Map<string, boolean>();
  for (const { code, publication } of pubs) {
    const v = madePublicOnTime(publication, at, calendar);
    if (v === null) continue;
    verdict.set(code, (verdict.get(code) ?? true) && v);
  }
  return ratioValue([...verdict.values()].filter(Boolean).length, verdict.size);
}

/** 1.3: procedures with every mandatory component / procedures whose components are known. */
export function contentFull(procs: readonly ProcedureVersion[]): MetricValue {
  const known = procs.filter((p) => p.missingComponents !== undefined);
  return ratioValue(known.filter((p) => p.missingComponents!.length === 0).length, known.length);
}

/** 1.4: dossiers synced to DVCQG / dossiers received (our feed stands for both national counts); no data when no dossier said whether it is synced. */
export function dossierSync(d: DossierCounts): MetricValue {
  if (d.syncKnown === 0) return { ...NO_DATA, numerator: d.synced, denominator: d.received };
  return ratioValue(d.synced, d.received);
}

/** 2.1: on time / received with a deadline. */
export function onTimeRate(p: RatioPair): MetricValue {
  return ratioValue(p.numerator, p.denominator);
}

const UNIT_MS: Record<LegalTimeUnit, { ms: number; working: boolean }> = {
  working_days: { ms: DAY_MS, working: true },
  hours: { ms: 3_600_000, working: true },
  days: { ms: DAY_MS, working: false },
  months: { ms: 30.4375 * DAY_MS, working: false },
};

/** 2.2: the average processing time of completed dossiers, in the procedure's unit (working time for working days and hours, elapsed for days and months). */
export function averageProcessing(d: DossierCounts, unit: LegalTimeUnit): MetricValue {
  if (d.processed === 0) return { ...NO_DATA, numerator: 0, denominator: 0, unit };
  const u = UNIT_MS[unit];
  const total = (u.working ? d.processingWorkingMs : d.processingElapsedMs) / u.ms;
  return { ratio: total / d.processed, numerator: total, denominator: d.processed, noData: false, unit };
}

/** 3.1: procedures offered online (full or partial; one offered at both counts once) / procedures under the unit's authority. */
export function onlineOffered(procs: readonly ProcedureVersion[]): MetricValue {
  return ratioValue(procs.filter((p) => onlineLevelOf(p) !== 'none').length, procs.length);
}

/** 3.2: online procedures with at least one online dossier in the period / online procedures. */
export function onlineUsed(procs: readonly ProcedureVersion[], d: DossierCellSums): MetricValue {
  const online = procs.filter((p) => onlineLevelOf(p) !== 'none');
  return ratioValue(online.filter((p) => (d.byProcedure.get(p.code)?.online ?? 0) > 0).length, online.length);
}

/** Dossiers of paper-result procedures count online (3.3) and digitised (4.2) only with an electronic result. */
function paperCounted(d: DossierCellSums, procedureOf: Score766Inputs['procedureOf'], plain: keyof DossierCounts, withResult: keyof DossierCounts): number {
  let n = 0;
  for (const [code, c] of d.byProcedure) n += procedureOf(code)?.paperResult === true ? c[withResult] : c[plain];
  return n;
}

/** Σnumerator / Σdenominator over the dossiers of the procedures that have a catalogue fact (4.1: a paper result; certified copies). */
function ratioOverProceduresWith(
  d: DossierCellSums,
  procedureOf: Score766Inputs['procedureOf'],
  fact: 'paperResult' | 'certifiedCopy',
  numerator: keyof DossierCounts,
  denominator: keyof DossierCounts,
): MetricValue {
  let num = 0;
  let den = 0;
  for (const [code, c] of d.byProcedure)
    if (procedureOf(code)?.[fact] === true) {
      num += c[numerator];
      den += c[denominator];
    }
  return ratioValue(num, den);
}

/** 3.3: (dossiers received online / all received) × the sync ratio (1.4); a paper-result procedure's online dossier counts only with an electronic result. */
export function onlineSubmission(d: DossierCellSums, procedureOf: Score766Inputs['procedureOf']): MetricValue {
  const online = paperCounted(d, procedureOf, 'online', 'onlineEResult');
  const share = ratioValue(online, d.total.received);
  const sync = dossierSync(d.total);
  const inputs = { online: pair(online, d.total.received), sync: pair(d.total.synced, d.total.received) };
  if (share.noData || sync.noData) return { ...NO_DATA, numerator: online, denominator: d.total.received, inputs };
  return { ratio: share.ratio! * sync.ratio!, numerator: online, denominator: d.total.received, noData: false, inputs };
}

/** 3.5: fee-bearing procedures whose synced dossiers carry non-zero fee data in the period / fee-bearing procedures. */
export function feeIntegrated(procs: readonly ProcedureVersion[], d: DossierCellSums): MetricValue {
  const fee = procs.filter((p) => p.feeBearing);
  return ratioValue(fee.filter((p) => (d.byProcedure.get(p.code)?.feeSynced ?? 0) > 0).length, fee.length);
}

/** 3.6: dossiers paid online (DVCQG or the city's gateway) / fee-bearing dossiers. */
export function paidOnline(p: RatioPair): MetricValue {
  return ratioValue(p.numerator, p.denominator);
}

/** 4.1: completed dossiers of paper-result procedures with an electronic result / those completed. */
export function originalResult(d: DossierCellSums, procedureOf: Score766Inputs['procedureOf']): MetricValue {
  return ratioOverProceduresWith(d, procedureOf, 'paperResult', 'completedEResult', 'completed');
}

/** 4.2: dossiers with digitised components (and an electronic result where a paper one is required) / received. */
export function digitised(d: DossierCellSums, procedureOf: Score766Inputs['procedureOf']): MetricValue {
  return ratioValue(paperCounted(d, procedureOf, 'digitized', 'digitizedEResult'), d.total.received);
}

export const reusedData = (d: DossierCounts): MetricValue => ratioValue(d.reused, d.received);
export const personalStorage = (d: DossierCounts): MetricValue => ratioValue(d.personalStorage, d.received);
/** 4.5(b): dossiers using population data (or a VNeID-authenticated account) / received. */
export const populationDossiers = (d: DossierCounts): MetricValue => ratioValue(d.populationData, d.received);

/** 4.5(a): procedures for citizens with at least one such dossier / procedures whose applicants are citizens. */
export function populationProcedures(procs: readonly ProcedureVersion[], d: DossierCellSums): MetricValue {
  const citizen = procs.filter((p) => p.applicants?.includes('citizen'));
  return ratioValue(citizen.filter((p) => (d.byProcedure.get(p.code)?.populationData ?? 0) > 0).length, citizen.length);
}

/** ELECTRONIC_CERTIFIED_COPY (formula not published; ours): dossiers of certification procedures with an electronic certified copy / those received. */
export function certifiedCopies(d: DossierCellSums, procedureOf: Score766Inputs['procedureOf']): MetricValue {
  return ratioOverProceduresWith(d, procedureOf, 'certifiedCopy', 'certifiedCopy', 'received');
}

/** 5.1: PAKN of one class / PAKN classified (tracked, 0 points). */
export const paknClass = (p: PaknCounts, k: 'procedure' | 'staff'): MetricValue => ratioValue(p[k], p.classified);
/** 5.2: PAKN handled within every deadline / PAKN received. */
export const paknOnTime = (p: PaknCounts): MetricValue => ratioValue(p.onTime, p.received);
/** 5.3: (PAKN − more dislikes than likes − late − repeat complaints) / PAKN received. */
export const paknSatisfaction = (p: PaknCounts): MetricValue => ratioValue(p.satisfied, p.received);

/**
 * 5.4: 100 % − (overdue-dossier rate + rate of dossiers with a PAKN or a dislike). The overdue rate
 * is 2.1's complement (late / dossiers with a deadline); the complaint rate counts received
 * dossiers. Floored at 0.
 */
export function receivingSatisfaction(onTime: RatioPair, d: DossierCounts): MetricValue {
  const late = pair(onTime.denominator - onTime.numerator, onTime.denominator);
  const complaints = pair(d.complained, d.received);
  const inputs = { overdue: late, complaints };
  if (late.ratio === null || complaints.ratio === null) return { ...NO_DATA, inputs };
  return { ratio: Math.max(0, 1 - (late.ratio + complaints.ratio)), numerator: null, denominator: null, noData: false, inputs };
}

/** Every metric of the current scheme (and the 2022 text, which uses the same codes), keyed by metric code. */
export function computeMetrics(x: Score766Inputs): Record<string, MetricValue> {
  const d = x.dossiers;
  const t = d.total;
  return {
    PUBLISH_ON_TIME: publishOnTime(x.publications, x.calendar),
    PUBLIC_UPDATE_ON_TIME: publicUpdateOnTime(x.publications, x.at, x.calendar),
    PUBLIC_CONTENT_FULL: contentFull(x.procedures),
    DOSSIER_SYNC: dossierSync(t),
    '2.1': onTimeRate(x.onTime),
    '2.2': x.singleProcedure ? averageProcessing(t, x.singleProcedure.legalTime.unit) : NO_DATA,
    '3.1': onlineOffered(x.procedures),
    '3.2': onlineUsed(x.procedures, d),
    '3.3': onlineSubmission(d, x.procedureOf),
    '3.5': feeIntegrated(x.procedures, d),
    '3.6': paidOnline(x.onlinePayment),
    ORIGINAL_RESULT_AVAILABLE: originalResult(d, x.procedureOf),
    SO_HOA_GIAY_TO_GIAI_QUYET: digitised(d, x.procedureOf),
    REUSED_DIGITIZED_DATA: reusedData(t),
    SYNCED_WITH_DVCQG_PERSONAL_STORAGE: personalStorage(t),
    CITIZEN_DATA_CONNECTED_DOSSIER: populationDossiers(t),
    CITIZEN_DATA_CONNECTED_FORMALITY: populationProcedures(x.procedures, d),
    ELECTRONIC_CERTIFIED_COPY: certifiedCopies(d, x.procedureOf),
    PETITION_CLASSIFICATION_TTHC: paknClass(x.pakn, 'procedure'),
    PETITION_CLASSIFICATION_STAFF: paknClass(x.pakn, 'staff'),
    PETITION_PROCESSING_ON_TIME: paknOnTime(x.pakn),
    PETITION_HANDLING_SATISFACTION: paknSatisfaction(x.pakn),
    DOSSIER_RECEIVING_SATISFACTION: receivingSatisfaction(x.onTime, t),
  };
}
