/**
 * The 766 scorecard bench (issue 14): `pnpm bench --only=score766 [--quick]` (bench/run.ts), or alone:
 *   npx tsx --conditions=@cityioc/source bench/score766.bench.ts [--quick]
 * After 1 M dossier events and 100 k PAKN events (plus ratings), in one run:
 *   1. the ceiling: replaying those events through the dossier and PAKN services alone (no 766 cells);
 *   2. the same replay with the scorecard's incremental cells kept (what a start really does);
 *   3. recomputing the full scorecard (every metric of both schemes' inputs, points, groups, total)
 *      for every unit — the city, each area, each agency — and every period of the year (12 months,
 *      4 quarters, 2 halves, the year);
 * and reports 3 and 2 against 1, `repeat` rounds (1 and 2 in turns, the order alternating; min / median / max of each
 * ratio). No server, no store: the services and the domain in this process.
 */
import { pathToFileURL } from 'node:url';
import type { ProcedureItem } from '@cityioc/contracts';
import {
  CAN_THO_AGENCIES,
  CAN_THO_CATALOGUE,
  createWorkCalendar,
  indexAgencies,
  indexCatalogue,
  periodsOfYear,
  ProcedureCatalogue,
  SCORE_766_CURRENT,
  computeMetrics,
  scoreScheme,
} from '@cityioc/domain';
import { DossierService } from '../apps/ingest/src/procedures/dossier.service.ts';
import { PaknService } from '../apps/ingest/src/procedures/pakn.service.ts';
import { RatingService } from '../apps/ingest/src/procedures/rating.service.ts';
import { Score766Service, type Score766Deps } from '../apps/ingest/src/procedures/score766.service.ts';
import { resolveUnit } from '../apps/ingest/src/procedures/unit-scope.ts';
import type { StoredDossierEvent, StoredPaknEvent, StoredRating } from '../apps/ingest/src/store/store.ts';
import { pushDossierLifecycle } from './dossier-events.ts';
import { inTurnsSync, repeatOf, showSpread, spread, type Spread } from './spread.ts';

const YEAR = 2026;
const calendar = createWorkCalendar();
const index = indexCatalogue(CAN_THO_CATALOGUE);
const agencies = indexAgencies(CAN_THO_AGENCIES);
const areas = CAN_THO_CATALOGUE.areas.filter((a) => a.code !== CAN_THO_CATALOGUE.city.code).map((a) => a.code);
const agencyOf = (area: string) => CAN_THO_AGENCIES.filter((a) => a.adminUnitCode === area || a.adminUnitCode === CAN_THO_CATALOGUE.city.code);
const iso = (ms: number) => new Date(ms).toISOString();
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** 60 procedures applied by the agencies of the catalogue, with every fact the formulas read. */
const procedures: (ProcedureItem & { version: number })[] = Array.from({ length: 60 }, (_, i) => ({
  code: `1.${String(100_000 + i)}`,
  name: { vi: `Thủ tục ${i}` },
  legalTime: { value: 1 + (i % 10), unit: 'working_days' },
  feeBearing: i % 3 === 0,
  onlineService: i % 5 === 0 ? 'none' : i % 2 ? 'full' : 'partial',
  validFrom: '2020-01-01',
  agencies: [CAN_THO_AGENCIES[i % CAN_THO_AGENCIES.length]!.code],
  levels: ['COMMUNE'],
  publication: {
    decision: `${i}/QĐ`,
    decidedOn: `${YEAR}-${String((i % 12) + 1).padStart(2, '0')}-05`,
    legalBasisEffectiveOn: `${YEAR}-${String((i % 12) + 1).padStart(2, '0')}-20`,
    publicOn: `${YEAR}-${String((i % 12) + 1).padStart(2, '0')}-08`,
  },
  missingComponents: i % 9 ? [] : ['method'],
  paperResult: i % 4 === 0,
  applicants: [i % 7 ? 'citizen' : 'organisation'],
  version: 1,
}));

function dossierEvents(DOSSIER_EVENTS: number): StoredDossierEvent[] {
  const out: StoredDossierEvent[] = [];
  const start = Date.parse(`${YEAR}-01-02T08:00:00+07:00`);
  const span = 360 * 86_400_000;
  const n = DOSSIER_EVENTS / 4;
  for (let d = 0; out.length < DOSSIER_EVENTS; d++) {
    const area = areas[d % areas.length]!;
    const pool = agencyOf(area);
    const rec = start + Math.floor((d / n) * span);
    const base = {
      dossierCode: `S-${d}`,
      procedureCode: procedures[d % procedures.length]!.code,
      agencyCode: pool[d % pool.length]!.code,
      adminUnitCode: area,
      channel: (d % 3 === 0 ? 1 : 2) as 1 | 2,
      receivedAt: iso(rec),
      dueAt: iso(rec + 7 * 86_400_000),
      fees: d % 3 === 0 ? [{ code: 'LP', amountVnd: 10_000 }] : [],
      onlinePayment: (d % 5 === 0 ? 1 : 0) as 0 | 1,
      syncedToDvcqg: d % 50 !== 0,
      digitized: d % 4 !== 0,
      reusedDigitizedData: d % 3 === 0,
      populationData: d % 2 === 0,
    };
    pushDossierLifecycle(out, d, rec, base, (status) => (status >= 9 ? { finishedAt: iso(rec + 4 * 86_400_000), eResult: d % 3 !== 0 } : {}));
  }
  return out;
}

function paknEvents(PAKN_EVENTS: number): StoredPaknEvent[] {
  const out: StoredPaknEvent[] = [];
  const start = Date.parse(`${YEAR}-01-02T09:00:00+07:00`);
  const n = PAKN_EVENTS / 8;
  for (let p = 0; out.length < PAKN_EVENTS; p++) {
    const at = start + Math.floor((p / n) * 350 * 86_400_000);
    const id = `K-${p}`;
    const steps: [string, number, Record<string, unknown>][] = [
      ['received', at, { adminUnitCode: areas[p % areas.length]!, dossierCode: p % 10 === 0 ? `S-${p * 3}` : undefined }],
      ['classified', at + 3_600_000, { classification: p % 4 ? 'procedure' : 'staff' }],
      ['assigned', at + 7_200_000, { agencyCode: CAN_THO_AGENCIES[p % CAN_THO_AGENCIES.length]!.code }],
      ['answered', at + (p % 15 === 0 ? 25 : 8) * 86_400_000, {}],
      ['published', at + (p % 15 === 0 ? 26 : 9) * 86_400_000, {}],
      ['reaction', at + 10 * 86_400_000, { reaction: 'like' }],
      ['reaction', at + 10 * 86_400_000 + 60_000, { reaction: p % 12 ? 'like' : 'dislike' }],
      ['reaction', at + 10 * 86_400_000 + 120_000, { reaction: p % 12 ? 'like' : 'dislike' }],
    ];
    for (const [step, t, extra] of steps)
      out.push({
        seq: out.length + 1,
        receivedAt: t,
        source: 'bench',
        event: { eventId: `${id}-${out.length}`, paknId: id, step: step as 'received', at: iso(t), ...JSON.parse(JSON.stringify(extra)) },
      });
  }
  return out;
}

const ratingsOf = (dossierEvents: number): StoredRating[] =>
  Array.from({ length: dossierEvents / 40 }, (_, i) => ({
    seq: i + 1,
    receivedAt: 0,
    source: 'bench',
    rating: { ratingId: `R-${i}`, dossierCode: `S-${i * 10}`, ratedAt: `${YEAR}-06-01T10:00:00+07:00`, satisfaction: i % 20 ? 'satisfied' : 'dissatisfied' },
  }));

const noLive = { applyDerived() {} } as unknown as ConstructorParameters<typeof DossierService>[1];
const catalogue = new ProcedureCatalogue(procedures);
/** The procedure service as the scorecard reads it: its catalogue. */
const procedureService = { catalogue } as unknown as Score766Deps['procedures'];

function replay(withScore: boolean, dossiers: StoredDossierEvent[], pakn: StoredPaknEvent[], ratings: StoredRating[]) {
  const paknSvc = new PaknService(calendar);
  const ratingSvc = new RatingService();
  let svc: DossierService | null = null;
  const score = withScore
    ? new Score766Service(
        {
          calendar,
          procedures: procedureService,
          pakn: paknSvc,
          ratings: ratingSvc,
          officialScores: null as unknown as Score766Deps['officialScores'],
          splits: () => [],
        },
        () => svc!,
      )
    : null;
  svc = new DossierService(calendar, noLive, {
    city: CAN_THO_CATALOGUE.city.code,
    procedures: catalogue,
    ...(score ? { onRecord: (r) => score.putRecord(r), parts: [score.cells] } : {}),
  });
  if (score) {
    paknSvc.onDossiers((c) => score.complaintsChanged(c));
    ratingSvc.onDossiers((c) => score.complaintsChanged(c));
  }
  const t0 = performance.now();
  for (let i = 0; i < dossiers.length; i += 10_000) svc.applyCommitted(dossiers.slice(i, i + 10_000));
  for (let i = 0; i < pakn.length; i += 10_000) paknSvc.applyCommitted(pakn.slice(i, i + 10_000));
  ratingSvc.applyCommitted(ratings);
  return { ms: performance.now() - t0, svc, score, paknSvc };
}

export interface Score766BenchDeps {
  quick: boolean;
  results: Record<string, unknown>;
  /** Rounds of the replay alone and the replay with cells, in turns (the order alternating); default 3. */
  repeat?: number;
  log?: (line: string) => void;
}

/** One round: the ceiling (the replay alone), the replay with the 766 cells, and the full scorecard after it. */
export interface Score766Round {
  replayAloneMs: number;
  replayWithCellsMs: number;
  scorecardsMs: number;
  /** scorecardsMs / replayAloneMs */
  scorecardsVsReplay: number;
  /** replayWithCellsMs / replayAloneMs */
  cellsVsReplay: number;
}

export interface Score766BenchFigures {
  dossierEvents: number;
  paknEvents: number;
  ratings: number;
  scorecards: number;
  rounds: Score766Round[];
  scorecardsVsReplay: Spread;
  cellsVsReplay: Spread;
}

/** Runs the three measures `repeat` times and stores them in `results.score766`. */
export function benchScore766({ quick, results, repeat = 3, log = console.log }: Score766BenchDeps): Score766BenchFigures {
  const dossiers = dossierEvents(quick ? 200_000 : 1_000_000);
  const pakn = paknEvents(quick ? 20_000 : 100_000);
  const ratings = ratingsOf(dossiers.length);
  log(`766 bench: ${fmt(dossiers.length)} dossier events, ${fmt(pakn.length)} PAKN events, ${fmt(ratings.length)} ratings`);

  // warm the code paths once on a small slice, so neither side pays the JIT alone
  replay(true, dossiers.slice(0, 20_000), pakn.slice(0, 2_000), ratings);
  replay(false, dossiers.slice(0, 20_000), pakn.slice(0, 2_000), ratings);
  const heap = () => {
    global.gc?.();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const units = [CAN_THO_CATALOGUE.city.code, ...areas, ...CAN_THO_AGENCIES.map((a) => a.code)].map((c) => resolveUnit(c, index, agencies)!).filter(Boolean);
  const periods = [...periodsOfYear('month', YEAR), ...periodsOfYear('quarter', YEAR), ...periodsOfYear('half', YEAR), String(YEAR)];
  const now = Date.parse(`${YEAR + 1}-01-15T10:00:00+07:00`);
  let cards = 0;
  const measured = (withScore: boolean) => {
    const h0 = heap();
    const x = replay(withScore, dossiers, pakn, ratings);
    return { x, mb: heap() - h0 };
  };
  /** The ceiling: the replay alone. */
  const alone = (r: number) => {
    const { x, mb } = measured(false);
    log(`  ${r + 1}. replay alone (ceiling):        ${fmt(x.ms)} ms (${fmt(dossiers.length / (x.ms / 1000))} dossier ev/s), state ${fmt(mb)} MB`);
    return x.ms;
  };
  /** The figures: the replay with the 766 cells, then every scorecard from them. */
  const withCells = (r: number) => {
    const { x, mb } = measured(true);
    log(`  ${r + 1}. replay with the 766 cells:     ${fmt(x.ms)} ms, state ${fmt(mb)} MB`);
    const t0 = performance.now();
    let points = 0;
    cards = 0;
    for (const unit of units)
      for (const period of periods) {
        const card = scoreScheme(SCORE_766_CURRENT, computeMetrics(x.score!.inputs({ unit, period, procedure: null, now })));
        points += card.total.points;
        cards++;
      }
    const scoreMs = performance.now() - t0;
    const city = scoreScheme(SCORE_766_CURRENT, computeMetrics(x.score!.inputs({ unit: units[0]!, period: String(YEAR), procedure: null, now })));
    log(
      `  ${r + 1}. full scorecard, ${units.length} units × ${periods.length} periods = ${fmt(cards)} scorecards: ${fmt(scoreMs)} ms ` +
        `(${(scoreMs / cards).toFixed(2)} ms each); city ${YEAR}: ${city.total.points} / ${city.total.max} (mean of all scorecards ${(points / cards).toFixed(2)})`,
    );
    return { fullMs: x.ms, scoreMs };
  };
  const rounds: Score766Round[] = inTurnsSync(repeat, withCells, alone).map(({ figure: { fullMs, scoreMs }, ceiling: baseMs }) => ({
    replayAloneMs: Math.round(baseMs),
    replayWithCellsMs: Math.round(fullMs),
    scorecardsMs: Math.round(scoreMs),
    scorecardsVsReplay: +(scoreMs / baseMs).toFixed(3),
    cellsVsReplay: +(fullMs / baseMs).toFixed(3),
  }));
  const figures: Score766BenchFigures = {
    dossierEvents: dossiers.length,
    paknEvents: pakn.length,
    ratings: ratings.length,
    scorecards: cards,
    rounds,
    scorecardsVsReplay: spread(rounds.map((x) => x.scorecardsVsReplay)),
    cellsVsReplay: spread(rounds.map((x) => x.cellsVsReplay)),
  };
  log(
    `score766: ${fmt(cards)} scorecards (every unit × every period of ${YEAR}) = ${showSpread(figures.scorecardsVsReplay)} of the replay of the ` +
      `${fmt(dossiers.length)} dossier + ${fmt(pakn.length)} PAKN events alone (the ceiling); the replay with the 766 cells = ${showSpread(figures.cellsVsReplay, 'x')} the ceiling`,
  );
  results.score766 = figures;
  return figures;
}

// run alone: npx tsx --conditions=@cityioc/source bench/score766.bench.ts [--quick] [--repeat=N]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchScore766({ quick: process.argv.includes('--quick'), results: {}, repeat: repeatOf(process.argv) });
}
