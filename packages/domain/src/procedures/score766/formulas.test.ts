import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../calendar/work-calendar.ts';
import { emptyPaknCounts } from '../../pakn/pakn-metrics.ts';
import type { ProcedureVersion } from '../catalogue/procedure-catalogue.ts';
import { procedure } from '../dossier/dossier.fixtures.ts';
import { emptyCounts, type DossierCellSums, type DossierCounts } from './dossier-cells.ts';
import {
  averageProcessing,
  certifiedCopies,
  computeMetrics,
  contentFull,
  digitised,
  dossierSync,
  feeIntegrated,
  onlineOffered,
  onlineSubmission,
  onlineUsed,
  originalResult,
  paidOnline,
  paknClass,
  paknOnTime,
  paknSatisfaction,
  personalStorage,
  populationDossiers,
  populationProcedures,
  publicUpdateOnTime,
  publishOnTime,
  receivingSatisfaction,
  reusedData,
  onTimeRate,
} from './formulas.ts';
import { onlineLevelOf, workingDaysBefore } from './procedure-scope.ts';

const cal = createWorkCalendar();
const at = (s: string) => Date.parse(`${s}+07:00`);
const counts = (c: Partial<DossierCounts>): DossierCounts => ({ ...emptyCounts(), ...c });
/** Dossier sums of per-procedure counts; the total is their Σ. */
function sums(per: Record<string, Partial<DossierCounts>>): DossierCellSums {
  const total = emptyCounts();
  const byProcedure = new Map<string, DossierCounts>();
  for (const [code, c] of Object.entries(per)) {
    const full = counts(c);
    byProcedure.set(code, full);
    for (const k of Object.keys(total) as (keyof DossierCounts)[]) total[k] += full[k];
  }
  return { total, byProcedure };
}
const proc = (code: string, extra: Partial<ProcedureVersion> = {}) => procedure({ code, ...extra });
const pub = (code: string, decidedOn: string, extra: Partial<{ legalBasisEffectiveOn: string; publicOn: string }> = {}) => ({
  code,
  publication: { decision: `${code}/QĐ-UBND`, decidedOn, ...extra },
});

describe('transparency 1.1–1.4', () => {
  it('1.1: a decision is on time up to 5 working days before the legal basis takes effect; one late publication makes the procedure late', () => {
    // effective Mon 16 Mar 2026: 5 working days before is Mon 9 Mar
    expect(workingDaysBefore('2026-03-16', 5, cal)).toBe('2026-03-09');
    const v = publishOnTime(
      [
        pub('1.000001', '2026-03-09', { legalBasisEffectiveOn: '2026-03-16' }), // on time
        pub('1.000002', '2026-03-10', { legalBasisEffectiveOn: '2026-03-16' }), // late by a day
        pub('1.000003', '2026-03-02', { legalBasisEffectiveOn: '2026-03-16' }), // on time …
        pub('1.000003', '2026-03-12', { legalBasisEffectiveOn: '2026-03-16' }), // … but published again late: the procedure is late
        pub('1.000004', '2026-03-02'), // no legal-basis date: not judged
      ],
      cal,
    );
    expect(v).toEqual({ ratio: 1 / 3, numerator: 1, denominator: 3, noData: false });
  });
  it('1.1: no publication in the period is no data, not 0', () => {
    expect(publishOnTime([], cal)).toEqual({ ratio: null, numerator: 0, denominator: 0, noData: true });
  });
  it('1.2: public within 5 working days of the decision; without a public date late once the 5th day has passed, not judged before', () => {
    // decided Mon 2 Mar 2026: due Mon 9 Mar 17:00
    const pubs = [
      pub('1.000001', '2026-03-02', { publicOn: '2026-03-09' }), // on time
      pub('1.000002', '2026-03-02', { publicOn: '2026-03-10' }), // late
      pub('1.000003', '2026-03-02'), // not yet public
    ];
    expect(publicUpdateOnTime(pubs, at('2026-03-09T18:00:00'), cal)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(publicUpdateOnTime(pubs, at('2026-03-05T10:00:00'), cal)).toMatchObject({ numerator: 1, denominator: 2, ratio: 0.5 });
  });
  it('1.3: procedures with every mandatory component / procedures whose components are known', () => {
    const v = contentFull([
      proc('1.000001', { missingComponents: [] }),
      proc('1.000002', { missingComponents: ['processing_time'] }),
      proc('1.000003', { missingComponents: [] }),
      proc('1.000004'), // not known: left out
    ]);
    expect(v).toMatchObject({ numerator: 2, denominator: 3 });
    expect(v.ratio).toBeCloseTo(2 / 3, 12);
    expect(contentFull([proc('1.000004')]).noData).toBe(true);
  });
  it('1.4: synced / received; no dossier saying whether it is synced is no data', () => {
    expect(dossierSync(counts({ received: 200, synced: 186, syncKnown: 200 }))).toEqual({ ratio: 0.93, numerator: 186, denominator: 200, noData: false });
    expect(dossierSync(counts({ received: 200, syncKnown: 0 })).noData).toBe(true);
    expect(dossierSync(counts({ received: 0, syncKnown: 0 })).ratio).toBeNull();
  });
});

describe('progress 2.1–2.2', () => {
  it('2.1: on time / received with a deadline; 0 of 0 is no data', () => {
    expect(onTimeRate({ numerator: 97, denominator: 100 })).toMatchObject({ ratio: 0.97, noData: false });
    expect(onTimeRate({ numerator: 0, denominator: 0 })).toMatchObject({ ratio: null, noData: true });
  });
  it("2.2: the average processing time in the procedure's unit", () => {
    const d = counts({ processed: 4, processingWorkingMs: 10 * 86_400_000, processingElapsedMs: 14 * 86_400_000 });
    expect(averageProcessing(d, 'working_days')).toMatchObject({ ratio: 2.5, numerator: 10, denominator: 4, unit: 'working_days' });
    expect(averageProcessing(d, 'days')).toMatchObject({ ratio: 3.5, unit: 'days' });
    expect(averageProcessing(d, 'hours')).toMatchObject({ ratio: 60 });
    expect(averageProcessing(counts({}), 'days').noData).toBe(true);
  });
});

describe('online service 3.1–3.3', () => {
  const both = proc('1.000002', { onlineService: 'partial', onlineLevels: ['partial', 'full'] });
  const procs = [
    proc('1.000001', { onlineService: 'full' }),
    both,
    proc('1.000003', { onlineService: 'none' }),
    proc('1.000004', { onlineService: 'partial' }),
    proc('1.000005', { onlineService: 'none' }),
  ];
  it('3.1: a procedure offered at both levels counts once, at the higher (full); 3 of 5 procedures are online', () => {
    expect(onlineLevelOf(both)).toBe('full');
    expect(onlineOffered(procs)).toEqual({ ratio: 0.6, numerator: 3, denominator: 5, noData: false });
    expect(onlineOffered([]).noData).toBe(true);
  });
  it('3.2: online procedures with at least one online dossier / online procedures', () => {
    const d = sums({ '1.000001': { received: 5, online: 2 }, '1.000002': { received: 3, online: 0 }, '1.000003': { received: 4, online: 4 } });
    // 1.000003 is not an online service, so its online dossiers do not count
    expect(onlineUsed(procs, d)).toMatchObject({ numerator: 1, denominator: 3 });
  });
  it('3.3: online share × sync ratio; a paper-result procedure counts an online dossier only with an electronic result', () => {
    const catalogue = new Map([['1.000009', proc('1.000009', { paperResult: true })]]);
    const d = sums({
      '1.000001': { received: 60, online: 40, onlineEResult: 10, synced: 54, syncKnown: 60 },
      '1.000009': { received: 40, online: 20, onlineEResult: 5, synced: 36, syncKnown: 40 },
    });
    // online counted = 40 + 5 = 45 of 100; sync 90 of 100 → 0.45 × 0.9 = 0.405
    const v = onlineSubmission(d, (c) => catalogue.get(c));
    expect(v).toMatchObject({ numerator: 45, denominator: 100, noData: false });
    expect(v.ratio).toBeCloseTo(0.405, 12);
    expect(v.inputs).toEqual({ online: { numerator: 45, denominator: 100, ratio: 0.45 }, sync: { numerator: 90, denominator: 100, ratio: 0.9 } });
    expect(onlineSubmission(sums({}), () => undefined).noData).toBe(true);
  });
});

describe('online payment 3.5–3.6', () => {
  it('3.5: fee-bearing procedures whose synced dossiers carry non-zero fees / fee-bearing procedures', () => {
    const procs = [proc('1.000001', { feeBearing: true }), proc('1.000002', { feeBearing: true }), proc('1.000003', { feeBearing: false })];
    const d = sums({ '1.000001': { received: 3, feeSynced: 2 }, '1.000002': { received: 5, feeSynced: 0 }, '1.000003': { received: 1, feeSynced: 1 } });
    expect(feeIntegrated(procs, d)).toEqual({ ratio: 0.5, numerator: 1, denominator: 2, noData: false });
    expect(feeIntegrated([proc('1.000003', { feeBearing: false })], d).noData).toBe(true);
  });
  it('3.6: paid online / fee-bearing dossiers', () => {
    expect(paidOnline({ numerator: 42, denominator: 100 })).toMatchObject({ ratio: 0.42 });
    expect(paidOnline({ numerator: 0, denominator: 0 }).noData).toBe(true);
  });
});

describe('digitisation 4.1–4.5 and certified copies', () => {
  const catalogue = new Map([
    ['1.000009', proc('1.000009', { paperResult: true })],
    ['1.000010', proc('1.000010', { certifiedCopy: true })],
  ]);
  const of = (c: string) => catalogue.get(c);
  const d = sums({
    '1.000001': { received: 50, completed: 40, completedEResult: 10, digitized: 30, digitizedEResult: 5, reused: 20, personalStorage: 10, populationData: 25 },
    '1.000009': { received: 30, completed: 20, completedEResult: 15, digitized: 24, digitizedEResult: 12, reused: 6, personalStorage: 3, populationData: 0 },
    '1.000010': { received: 20, completed: 20, completedEResult: 0, digitized: 10, digitizedEResult: 0, certifiedCopy: 8, populationData: 5 },
  });
  it('4.1: e-results of paper-result procedures / their completed dossiers (15 / 20)', () => {
    expect(originalResult(d, of)).toEqual({ ratio: 0.75, numerator: 15, denominator: 20, noData: false });
    expect(originalResult(sums({ '1.000001': { received: 1, completed: 1 } }), of).noData).toBe(true);
  });
  it('4.2: digitised, with an e-result where paper is required: (30 + 12 + 10) / 100', () => {
    expect(digitised(d, of)).toMatchObject({ numerator: 52, denominator: 100, ratio: 0.52 });
  });
  it('4.3, 4.4, 4.5(b): re-use 26/100, personal storage 13/100, population data 30/100', () => {
    expect(reusedData(d.total)).toMatchObject({ numerator: 26, ratio: 0.26 });
    expect(personalStorage(d.total)).toMatchObject({ numerator: 13, ratio: 0.13 });
    expect(populationDossiers(d.total)).toMatchObject({ numerator: 30, ratio: 0.3 });
    expect(reusedData(emptyCounts()).noData).toBe(true);
  });
  it('4.5(a): citizen procedures with a dossier using population data / citizen procedures', () => {
    const procs = [
      proc('1.000001', { applicants: ['citizen'] }),
      proc('1.000009', { applicants: ['citizen', 'organisation'] }),
      proc('1.000010', { applicants: ['organisation'] }),
    ];
    expect(populationProcedures(procs, d)).toEqual({ ratio: 0.5, numerator: 1, denominator: 2, noData: false });
  });
  it('certified copies (ours): e-copies / dossiers of certification procedures (8 / 20)', () => {
    expect(certifiedCopies(d, of)).toMatchObject({ ratio: 0.4, numerator: 8, denominator: 20 });
    expect(certifiedCopies(d, () => undefined).noData).toBe(true);
  });
});

describe('satisfaction 5.1–5.4', () => {
  const p = { ...emptyPaknCounts(), received: 40, classified: 32, procedure: 24, staff: 8, onTime: 34, satisfied: 30 };
  it('5.1: each class / classified (24/32, 8/32)', () => {
    expect(paknClass(p, 'procedure').ratio).toBe(0.75);
    expect(paknClass(p, 'staff').ratio).toBe(0.25);
    expect(paknClass(emptyPaknCounts(), 'staff').noData).toBe(true);
  });
  it('5.2 and 5.3: on time 34/40, satisfied 30/40', () => {
    expect(paknOnTime(p)).toMatchObject({ ratio: 0.85 });
    expect(paknSatisfaction(p)).toMatchObject({ ratio: 0.75 });
    expect(paknOnTime(emptyPaknCounts()).noData).toBe(true);
  });
  it('5.4: 100 % − (overdue rate + complaint rate): 1 − (3/100 + 5/200) = 0.945', () => {
    const v = receivingSatisfaction({ numerator: 97, denominator: 100 }, counts({ received: 200, complained: 5 }));
    expect(v.ratio).toBeCloseTo(0.945, 12);
    expect(v.inputs).toEqual({ overdue: { numerator: 3, denominator: 100, ratio: 0.03 }, complaints: { numerator: 5, denominator: 200, ratio: 0.025 } });
    expect(receivingSatisfaction({ numerator: 0, denominator: 0 }, counts({ received: 0 })).noData).toBe(true);
    // rates beyond 100 % together floor at 0
    expect(receivingSatisfaction({ numerator: 10, denominator: 100 }, counts({ received: 100, complained: 50 })).ratio).toBe(0);
  });
});

describe('computeMetrics', () => {
  it('answers every metric code of the schemes, and no data everywhere when nothing is known', () => {
    const v = computeMetrics({
      at: at('2026-03-31T12:00:00'),
      calendar: cal,
      procedures: [],
      procedureOf: () => undefined,
      publications: [],
      dossiers: sums({}),
      onTime: { numerator: 0, denominator: 0 },
      onlinePayment: { numerator: 0, denominator: 0 },
      pakn: emptyPaknCounts(),
      singleProcedure: null,
    });
    expect(Object.keys(v)).toHaveLength(23);
    expect(Object.values(v).every((x) => x.noData && x.ratio === null)).toBe(true);
  });
});
