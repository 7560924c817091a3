import type { AnalystArea, AnalystChildrenResponse, AnalystPoint, AnalystSeries, AnalystSeriesResponse, AnalystView, Indicator } from '@cityioc/contracts';
import {
  countPeriods,
  dossierLiveIndicator,
  emptyPartial,
  isIsoDate,
  localDateOf,
  localTimeMs,
  grainOf,
  listPeriods,
  mergePartial,
  partialValue,
  periodBounds,
  periodExample,
  periodIndex,
  shiftPeriod,
  type AdminIndicatorState,
  type CatalogueIndex,
  type RollupPartial,
  type RollupRow,
  type SeriesKind,
} from '@cityioc/domain';
import type { GeoService } from '../geo/geo.service.ts';
import type { Store } from '../store/store.ts';
import { HttpError } from '../plugins/errors.ts';
import { CrosswalkReader } from './crosswalk-reader.ts';
import { dossierPoint } from './dossier-series.ts';

/** The most points (areas × periods, doubled by compare=previous) one query may return. */
export const MAX_SERIES_POINTS = 5000;

export interface SeriesRequest {
  indicator: string;
  areas: readonly string[];
  period: SeriesKind;
  from: string;
  to: string;
  compare: boolean;
  /** today (default): history re-aggregated onto today's units; as-it-was: the units as they were. */
  view?: AnalystView;
}

/** A refusal with the HTTP status, a machine-readable reason and the field at fault. */
/** A refused analyst query: an HttpError with the parameter it is about (answered by the one error handler). */
export class AnalystError extends HttpError {
  constructor(statusCode: number, error: string, message: string, field: string, extra: Record<string, unknown> = {}) {
    super(statusCode, error, message, [{ field, reason: error, message }], extra);
  }
}

/**
 * The analyst's history queries: observation indicators from the rollups (months merged into
 * quarters, halves and years), dossier indicators from the dossier period cells. Every query is
 * bounded by MAX_SERIES_POINTS before anything is read.
 */
export class AnalystService {
  private readonly crosswalk: CrosswalkReader | null;
  /** The first day of today's tree (the live catalogue's root version). */
  private readonly today: string;

  constructor(
    private readonly index: CatalogueIndex,
    private readonly store: Store,
    private readonly dossierCells: AdminIndicatorState,
    private readonly geo: Pick<GeoService, 'hasShape'> | null,
  ) {
    this.today = index.catalogue.areas.reduce((d, a) => (a.validFrom > d ? a.validFrom : d), '0000-01-01');
    this.crosswalk = index.registry ? new CrosswalkReader(index.registry, this.today) : null;
  }

  private indicatorOf(id: string): Indicator {
    const ind = this.index.indicator(id);
    if (!ind) throw new AnalystError(404, 'unknown_indicator', `indicator ${id} is not in the catalogue`, 'indicator');
    return ind;
  }

  indicatorName(id: string, lang: 'vi' | 'en'): string {
    return this.index.indicator(id)?.name[lang] ?? id;
  }

  /** How an indicator is shown: its name and decimals (exports round as the screens do). */
  indicatorDisplay(id: string, lang: 'vi' | 'en'): { name: string; decimals: number } {
    const ind = this.index.indicator(id);
    return { name: ind?.name[lang] ?? id, decimals: ind?.decimals ?? 2 };
  }

  /** Checks everything and returns the number of points, before any read. */
  validate(req: SeriesRequest, maxPoints = MAX_SERIES_POINTS): { indicator: Indicator; dossier: boolean; periods: number } {
    const indicator = this.indicatorOf(req.indicator);
    const asItWas = req.view === 'as-it-was';
    for (const a of req.areas) {
      // today's view reads today's units; as it was, any unit the registry knows (old codes)
      const known = asItWas ? this.index.knowsArea(a) : this.index.area(a) !== undefined;
      if (!known)
        throw new AnalystError(
          404,
          'unknown_area',
          `area ${a} is not ${asItWas ? 'in the area registry' : "one of today's units (view=as-it-was reads old codes)"}`,
          'areas',
          { area: a },
        );
    }
    if (!periodBounds(req.from, req.period))
      throw new AnalystError(400, 'invalid_range', `from=${req.from} is not a ${req.period} key (e.g. ${periodExample(req.period)})`, 'from');
    if (!periodBounds(req.to, req.period))
      throw new AnalystError(400, 'invalid_range', `to=${req.to} is not a ${req.period} key (e.g. ${periodExample(req.period)})`, 'to');
    const periods = countPeriods(req.from, req.to);
    if (periods <= 0) throw new AnalystError(400, 'inverted_range', `from=${req.from} is after to=${req.to}`, 'from');
    const dossier = dossierLiveIndicator(indicator.id) !== undefined;
    if (dossier && (req.period === 'hour' || req.period === 'day'))
      throw new AnalystError(400, 'unsupported_period', `${indicator.id} is kept per month, quarter, half and year, not per ${req.period}`, 'period');
    const points = periods * req.areas.length * (req.compare ? 2 : 1);
    if (points > maxPoints)
      throw new AnalystError(
        422,
        'too_large',
        `the query asks for ${points} points (areas × periods${req.compare ? ' × 2 for the comparison' : ''}); the limit is ${MAX_SERIES_POINTS}: narrow the range, choose a longer period kind or fewer areas`,
        'from',
        { points, limit: MAX_SERIES_POINTS },
      );
    return { indicator, dossier, periods };
  }

  /** `maxPoints`: the cap of one query (the benchmark lifts it to time a year of daily history of every unit). */
  async series(req: SeriesRequest, now: number, maxPoints = MAX_SERIES_POINTS): Promise<AnalystSeriesResponse> {
    const { indicator, dossier } = this.validate(req, maxPoints);
    const view: AnalystView = req.view ?? 'today';
    const read = (from: string, to: string) =>
      dossier ? this.fromDossiers(indicator, req.areas, req.period, from, to, now, view) : this.fromRollups(indicator, req.areas, req.period, from, to, view);
    const series = await read(req.from, req.to);
    let compare: AnalystSeriesResponse['compare'] = null;
    if (req.compare) {
      const n = countPeriods(req.from, req.to);
      const from = shiftPeriod(req.from, -n)!;
      const to = shiftPeriod(req.to, -n)!;
      compare = { from, to, series: await read(from, to) };
    }
    return {
      indicator: indicator.id,
      aggregation: indicator.aggregation,
      unit: indicator.unit,
      period: req.period,
      from: req.from,
      to: req.to,
      source: dossier ? 'dossiers' : 'rollups',
      view,
      series,
      compare,
      asOf: now,
    };
  }

  private async fromRollups(
    indicator: Indicator,
    areas: readonly string[],
    kind: SeriesKind,
    from: string,
    to: string,
    view: AnalystView,
  ): Promise<AnalystSeries[]> {
    const start = periodBounds(from, kind)!.start;
    const end = periodBounds(to, kind)!.end;
    const keys = listPeriods(from, to);
    const grain = grainOf(kind);
    // rows read once per (unit, range) across the areas of one query: neighbours share old units
    const cache = new Map<string, Promise<RollupRow[]>>();
    const read = (area: string, a: number, b: number) => {
      const k = `${area}|${a}|${b}`;
      let p = cache.get(k);
      if (!p) cache.set(k, (p = this.store.rollups({ grain, indicator: indicator.id, area, from: a, to: b })));
      return p;
    };
    const out: AnalystSeries[] = [];
    for (const area of areas) {
      const byPeriod: (RollupPartial | undefined)[] = new Array(keys.length);
      const estimated: boolean[] = new Array(keys.length).fill(false);
      const add = (bucket: number, p: RollupPartial, est: boolean) => {
        const i = periodIndex(kind, start, bucket);
        if (i < 0 || i >= keys.length) return;
        const cur = byPeriod[i];
        if (cur) mergePartial(cur, p);
        else byPeriod[i] = mergePartial(emptyPartial(), p);
        if (est) estimated[i] = true;
      };
      // today's view: before a unit of today existed, its figures come from the units it replaced
      const from0 = view === 'today' && this.crosswalk ? Math.max(start, localTimeMs(this.index.area(area)!.validFrom, 0)) : start;
      for (const r of await read(area, from0, end)) add(r.bucket, r, false);
      if (from0 > start) {
        const old = await this.crosswalk!.oldBuckets(area, grain, indicator.id, indicator.aggregation, start, Math.min(from0, end), read);
        for (const [bucket, w] of old) add(bucket, w.partial, w.estimated);
      }
      const points = keys.map((period, i): AnalystPoint => {
        const p = byPeriod[i];
        const point: AnalystPoint = { period, value: p ? partialValue(indicator.aggregation, p) : null, count: p ? round(p.n) : 0 };
        if (indicator.aggregation === 'ratio') {
          point.numerator = p ? round(p.num) : 0;
          point.denominator = p ? round(p.den) : 0;
        }
        if (estimated[i]) point.estimated = true;
        return point;
      });
      out.push({ area, name: this.nameOf(area, localDateOf(start), view), points });
    }
    return out;
  }

  /** A unit's name in the view: today's, or the one in force at the range's start (else its latest). */
  private nameOf(code: string, date: string, view: AnalystView): string {
    if (view === 'today' && this.index.area(code)) return this.index.area(code)!.name;
    return this.index.areaAt(code, date)?.name ?? this.index.registry?.versions(code).at(-1)?.name ?? this.index.area(code)?.name ?? code;
  }

  private fromDossiers(
    indicator: Indicator,
    areas: readonly string[],
    kind: SeriesKind,
    from: string,
    to: string,
    now: number,
    view: AnalystView,
  ): AnalystSeries[] {
    const field = dossierLiveIndicator(indicator.id)!.value;
    const keys = listPeriods(from, to);
    const root = this.index.catalogue.city.code;
    return areas.map((area) => {
      const points = keys.map((period): AnalystPoint => {
        const startDate = localDateOf(periodBounds(period)!.start);
        // cells are kept per unit code as received; which codes count, and how much, depends on the view
        const weights = this.dossierWeights(area, startDate, view, root);
        return dossierPoint(this.dossierCells, field, period, now, weights);
      });
      return { area, name: this.nameOf(area, localDateOf(periodBounds(from)!.start), view), points };
    });
  }

  /**
   * The weight of each cell code in a unit's figure for a period starting on `date`. As it was: the
   * unit and the units below it then, whole. Today: today's unit and its tree, and — for a period
   * that starts before it existed — the old units it replaced, split by their crosswalk weight (a
   * code carried by both an old unit and today's unit counts once, at the larger weight).
   */
  private dossierWeights(area: string, date: string, view: AnalystView, root: string): (code: string) => { weight: number; estimated: boolean } {
    const reg = this.index.registry;
    const none = { weight: 0, estimated: false };
    const whole = { weight: 1, estimated: false };
    if (view === 'as-it-was' || !reg || !this.crosswalk) {
      if (area === root && view === 'today') return () => whole;
      return (code) => ((reg ? reg.ancestorsAt(code, date) : this.index.ancestorsAndSelf(code)).includes(area) ? whole : none);
    }
    const todayArea = this.index.area(area)!;
    const inToday = (code: string) => this.index.ancestorsAndSelf(code).includes(area);
    if (date >= todayArea.validFrom) return (code) => (inToday(code) ? whole : none);
    const old = new Map((this.crosswalk.contributors(date).get(area) ?? []).map((c) => [c.code, c]));
    return (code) => {
      const c = old.get(code);
      const w = Math.max(c?.weight ?? 0, inToday(code) ? 1 : 0);
      return w > 0 ? { weight: Math.min(1, w), estimated: w < 1 - 1e-9 && (c?.estimated ?? false) } : none;
    };
  }

  private describe(code: string, at: string): AnalystArea {
    const a = this.index.areaAt(code, at)!;
    const children = this.childrenAt(code, at);
    return { code, name: a.name, kind: a.type, level: a.level, hasGeometry: this.geo?.hasShape(code, at) ?? false, hasChildren: children.length > 0 };
  }

  private childrenAt(code: string, at: string): string[] {
    const reg = this.index.registry;
    return reg ? reg.childrenAt(code, at) : [...this.index.children(code)];
  }

  /**
   * The drill-down step on a date (default today): an area, the path to it and its children then,
   * each saying whether it has a shape on that date's map. Today: city → commune; before 1 July
   * 2025: city → district → commune.
   */
  children(code: string, at: string = this.today): AnalystChildrenResponse {
    if (!isIsoDate(at)) throw new AnalystError(400, 'invalid_date', `at=${at} is not a date YYYY-MM-DD`, 'at');
    const check = this.index.checkCodeAt(code, at);
    if (!check.ok) {
      const detail =
        check.reason === 'unknown_area'
          ? `area ${code} is not in the area registry`
          : `area ${code} is not in force on ${at}${check.successors.length ? ` (its successors: ${check.successors.join(', ')})` : ''}`;
      throw new HttpError(
        404,
        check.reason,
        detail,
        [{ field: 'area', reason: check.reason, message: detail, ...(check.reason === 'unit_not_valid_at' ? { successors: check.successors } : {}) }],
        { area: code },
      );
    }
    const chain = this.index.ancestorsAt(code, at);
    return {
      at,
      area: this.describe(code, at),
      path: chain
        .slice(1)
        .reverse()
        .map((c) => this.describe(c, at)),
      children: this.childrenAt(code, at)
        .map((c) => this.describe(c, at))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
