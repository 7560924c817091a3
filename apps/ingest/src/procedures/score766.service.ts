import type { Official766Score, Score766Difference, Score766OfficialView, Score766Response, ProcedurePublication } from '@cityioc/contracts';
import {
  computeMetrics,
  DossierScoreCells,
  dossierFlagVector,
  isReceived,
  localDateOf,
  nationalCode,
  paknCounts,
  periodBounds,
  procedureApplies,
  scoreScheme,
  timeliness,
  SCORE_766_CURRENT,
  type DossierRecord,
  type PaknRecord,
  type ProcedureVersion,
  type RatioPair,
  type Score766Inputs,
  type Score766Scheme,
  type Score766Split,
  type WorkCalendar,
} from '@cityioc/domain';
import type { DossierService } from './dossier.service.ts';
import type { OfficialScoreService } from './official-scores.service.ts';
import type { PaknService } from './pakn.service.ts';
import type { ProcedureService } from './procedure.service.ts';
import type { RatingService } from './rating.service.ts';
import type { ResolvedUnit } from './unit-scope.ts';

export interface Score766Deps {
  calendar: WorkCalendar;
  procedures: ProcedureService;
  pakn: PaknService;
  ratings: RatingService;
  officialScores: OfficialScoreService;
  /** The splits of unpublished group points the city configured (score766-splits.ts). */
  splits: () => readonly Score766Split[];
}

/** What a scorecard is computed over: a unit, a period (bounds, judged at min(now, end)), perhaps one procedure. */
export interface ScoreQuery {
  unit: ResolvedUnit;
  period: string;
  procedure: string | null;
  now: number;
}

/** The legacy portal service's group fields (BRIEF §1.4); TTTT/CLGQ are labelled inconsistently by scrapers, so they are left unmapped. */
const LEGACY_GROUPS: Readonly<Record<string, string>> = { CKMB: 'transparency', TDGQ: 'progress', MDSH: 'digitisation', MDHL: 'satisfaction' };
const ORIGIN_ORDER = ['dvcqg-evaluation-api', 'dvcqg-legacy', 'manual'];

/** Our group id (current scheme) of a group the portal names. */
export function officialGroupOf(id: string): string | null {
  return SCORE_766_CURRENT.groups.find((g) => g.apiId === id || g.id === id)?.id ?? LEGACY_GROUPS[id] ?? null;
}

/**
 * The whole Decision 766 scorecard, computed. Dossier counters are kept incrementally per
 * (period, area, agency, procedure) as records change (DossierService → `putRecord`) and as PAKN or
 * dislikes name a dossier (5.4); the rest is read at query time: 2.1 and 3.6 from the dossier
 * indicator state (open dossiers judged at min(now, period end)), PAKN by a scan of the period's
 * PAKN, catalogue metrics from the procedure catalogue's versions. The official score stands
 * beside it, never merged.
 */
export class Score766Service {
  readonly cells = new DossierScoreCells();

  constructor(
    private readonly deps: Score766Deps,
    private readonly dossiers: () => DossierService,
  ) {}

  private complained(code: string): boolean {
    return this.deps.pakn.hasPakn(code) || this.deps.ratings.disliked(code);
  }

  /** A dossier's record changed. */
  putRecord(r: DossierRecord): void {
    this.cells.put(r.dossierCode, r, dossierFlagVector(r, this.complained(r.dossierCode), this.deps.calendar));
  }

  /** PAKN or ratings now name (or no longer name) these dossiers. */
  complaintsChanged(codes: ReadonlySet<string>): void {
    const dossiers = this.dossiers();
    for (const code of codes) {
      const r = dossiers.recordForChange(code);
      if (r) this.putRecord(r);
    }
    dossiers.settle();
  }

  isComplained(code: string): boolean {
    return this.complained(code);
  }

  get calendar(): WorkCalendar {
    return this.deps.calendar;
  }

  /** The catalogue version in force at `at` of a dossier's procedure (a local code falls back to its national one). */
  procedureAt(code: string, at: number): ProcedureVersion | undefined {
    return this.deps.procedures.catalogue.at(code, at);
  }

  /** The instant open items are judged at, and the period's bounds. */
  timing(q: ScoreQuery): { at: number; start: number; end: number } {
    const b = periodBounds(q.period)!;
    return { at: Math.min(q.now, b.end - 1), start: b.start, end: b.end };
  }

  /** The catalogue versions in force at `at` of the procedures under the unit's authority (one procedure when asked). */
  proceduresOf(q: ScoreQuery, at: number): ProcedureVersion[] {
    const cat = this.deps.procedures.catalogue;
    const codes = new Set(cat.versions().map((v) => v.code));
    const out: ProcedureVersion[] = [];
    for (const code of codes) {
      if (q.procedure && code !== q.procedure) continue;
      const v = cat.at(code, at);
      if (v && procedureApplies(v, q.unit)) out.push(v);
    }
    return out;
  }

  /** The unit's publications decided in the period (one per catalogue version that carries one). */
  publicationsOf(q: ScoreQuery, start: number, end: number): { code: string; publication: ProcedurePublication; version: ProcedureVersion }[] {
    const from = localDateOf(start);
    const to = localDateOf(end - 1);
    return this.deps.procedures.catalogue
      .versions()
      .filter((v) => v.publication && v.publication.decidedOn >= from && v.publication.decidedOn <= to)
      .filter((v) => (!q.procedure || v.code === q.procedure) && procedureApplies(v, q.unit))
      .map((v) => ({ code: v.code, publication: v.publication!, version: v }));
  }

  /** The unit's PAKN (by its area or agency), of one procedure when asked. */
  paknIncluded(q: ScoreQuery): (r: PaknRecord) => boolean {
    const u = q.unit;
    return (r) =>
      (u.kind === 'city' ||
        (u.kind === 'area' ? r.adminUnitCode !== null && u.containsArea(r.adminUnitCode) : r.agencyCode !== null && u.containsAgency(r.agencyCode))) &&
      (!q.procedure || (r.procedureCode !== null && nationalCode(r.procedureCode) === q.procedure));
  }

  /** Whether a dossier record is the unit's (and the procedure's) — the drill-down's and the one-procedure scan's filter. */
  dossierIncluded(q: ScoreQuery): (r: DossierRecord) => boolean {
    const { area, agency } = q.unit.cells;
    return (r) => (!area || area(r.adminUnitCode)) && (!agency || agency(r.agencyCode)) && (!q.procedure || nationalCode(r.procedureCode) === q.procedure);
  }

  /** 2.1 and 3.6 of one procedure: a scan of its received dossiers (the indicator state keeps no per-procedure cells). */
  private scanProcedure(q: ScoreQuery, at: number, start: number, end: number): { onTime: RatioPair; onlinePayment: RatioPair } {
    const onTime = { numerator: 0, denominator: 0 };
    const onlinePayment = { numerator: 0, denominator: 0 };
    const include = this.dossierIncluded(q);
    for (const r of this.dossiers().allRecords({ start, end })) {
      if (!isReceived(r) || r.receivedAt === null || r.receivedAt < start || r.receivedAt >= end || !include(r)) continue;
      const v = timeliness(r, at, this.deps.calendar).verdict;
      if (v !== 'unknown') onTime.denominator++;
      if (v === 'on_time') onTime.numerator++;
      if (r.feeBearing) {
        onlinePayment.denominator++;
        if (r.onlinePayment === 1 || r.onlinePayment === 2) onlinePayment.numerator++;
      }
    }
    return { onTime, onlinePayment };
  }

  inputs(q: ScoreQuery): Score766Inputs {
    const { at, start, end } = this.timing(q);
    const cat = this.deps.procedures.catalogue;
    const procedures = this.proceduresOf(q, at);
    const byProcedure = q.procedure ? { procedure: (c: string) => c === q.procedure } : {};
    const dossiers = this.cells.sum(q.period, { ...q.unit.cells, ...byProcedure });
    const ratios = q.procedure ? this.scanProcedure(q, at, start, end) : this.dossiers().indicators.query(q.period, q.now, q.unit.cells);
    return {
      at,
      calendar: this.deps.calendar,
      procedures,
      procedureOf: (code) => cat.at(code, at),
      publications: this.publicationsOf(q, start, end),
      dossiers,
      onTime: ratios.onTime,
      onlinePayment: ratios.onlinePayment,
      pakn: paknCounts(this.deps.pakn.all(), { start, end }, q.now, this.deps.calendar, this.paknIncluded(q)),
      singleProcedure: q.procedure ? (cat.at(q.procedure, at) ?? null) : null,
    };
  }

  async scorecard(q: ScoreQuery, scheme: Score766Scheme, officialUnit: string): Promise<Score766Response> {
    const card = scoreScheme(scheme, computeMetrics(this.inputs(q)), this.deps.splits());
    const official = q.procedure ? null : await this.official(officialUnit, q.period);
    return {
      unit: q.unit.code,
      unitKind: q.unit.kind,
      unitName: q.unit.name,
      period: q.period,
      scheme: scheme.id,
      procedure: q.procedure,
      asOf: q.now,
      total: card.total,
      groups: card.groups.map((g) => ({
        ...g,
        metrics: g.metrics.map(
          ({ code, indicator, name, ratio, numerator, denominator, threshold, points, max, noData, scored, split, counts, inputs, unit, note }) => ({
            code,
            indicator,
            name,
            ratio,
            numerator,
            denominator,
            threshold,
            points,
            max,
            noData,
            scored,
            split,
            counts,
            ...(inputs ? { inputs } : {}),
            ...(unit ? { unit } : {}),
            note,
          }),
        ),
      })),
      official: official ? this.officialView(official) : null,
      difference: official ? this.differences(card.groups, official, scheme) : [],
    };
  }

  private async official(unitCode: string, period: string): Promise<Official766Score | null> {
    const list = await this.deps.officialScores.list({ unitCode, period });
    list.sort((a, b) => ORIGIN_ORDER.indexOf(a.origin) - ORIGIN_ORDER.indexOf(b.origin) || Date.parse(b.fetchedAt) - Date.parse(a.fetchedAt));
    return list[0] ?? null;
  }

  private officialView(o: Official766Score): Score766OfficialView {
    return {
      unitCode: o.unitCode,
      period: o.period,
      origin: o.origin,
      total: o.total,
      rank: o.rank ?? null,
      rankOf: o.rankOf ?? null,
      fetchedAt: o.fetchedAt,
      groups: o.groups.length === 0 ? null : o.groups.map((g) => ({ id: g.id, group: officialGroupOf(g.id), score: g.score, maxScore: g.maxScore ?? null })),
    };
  }

  /** Per group the portal scored: ours − theirs, with the metrics both published side by side (ratios 0–1). */
  private differences(groups: ReturnType<typeof scoreScheme>['groups'], o: Official766Score, scheme: Score766Scheme): Score766Difference[] {
    // the 2022 scheme's online group is the current scheme's online service + payment
    const target = (current: string) => (scheme.id === 'qd766-2022' && (current === 'online-service' || current === 'online-payment') ? 'online' : current);
    const official = new Map<string, number>();
    for (const g of o.groups) {
      const ours = officialGroupOf(g.id);
      if (ours !== null) official.set(target(ours), (official.get(target(ours)) ?? 0) + g.score);
    }
    const out: Score766Difference[] = [];
    for (const g of groups) {
      const theirs = official.get(g.id);
      if (theirs === undefined) continue;
      const metrics = g.metrics.flatMap((m) => {
        const om = o.metrics?.find((x) => x.code === m.code);
        if (!om) return [];
        const officialRatio = om.ratio !== undefined ? om.ratio / 100 : om.numerator !== undefined && om.denominator ? om.numerator / om.denominator : null;
        return [
          {
            code: m.code,
            computedRatio: m.ratio,
            officialRatio,
            computedNumerator: m.numerator,
            officialNumerator: om.numerator ?? null,
            computedDenominator: m.denominator,
            officialDenominator: om.denominator ?? null,
          },
        ];
      });
      out.push({
        group: g.id,
        apiId: g.apiId,
        computed: g.points,
        official: theirs,
        difference: g.points === null ? null : Math.round((g.points - theirs) * 100) / 100,
        metrics,
      });
    }
    return out;
  }
}
