import type { AnalystArea, AnalystChildrenResponse, AnalystPoint, AnalystSeries, AnalystSeriesResponse, Indicator } from '@cityioc/contracts';
import {
  countPeriods,
  dossierLiveIndicator,
  emptyPartial,
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
  type SeriesKind,
} from '@cityioc/domain';
import type { Store } from '../store/store.ts';
import { HttpError } from '../plugins/errors.ts';

/** The most points (areas × periods, doubled by compare=previous) one query may return. */
export const MAX_SERIES_POINTS = 5000;

export interface SeriesRequest {
  indicator: string;
  areas: readonly string[];
  period: SeriesKind;
  from: string;
  to: string;
  compare: boolean;
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
  constructor(
    private readonly index: CatalogueIndex,
    private readonly store: Store,
    private readonly dossierCells: AdminIndicatorState,
    private readonly geoCodes: ReadonlySet<string>,
  ) {}

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
  validate(req: SeriesRequest): { indicator: Indicator; dossier: boolean; periods: number } {
    const indicator = this.indicatorOf(req.indicator);
    for (const a of req.areas) if (!this.index.area(a)) throw new AnalystError(404, 'unknown_area', `area ${a} is not in the area tree`, 'areas', { area: a });
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
    if (points > MAX_SERIES_POINTS)
      throw new AnalystError(
        422,
        'too_large',
        `the query asks for ${points} points (areas × periods${req.compare ? ' × 2 for the comparison' : ''}); the limit is ${MAX_SERIES_POINTS}: narrow the range, choose a longer period kind or fewer areas`,
        'from',
        { points, limit: MAX_SERIES_POINTS },
      );
    return { indicator, dossier, periods };
  }

  async series(req: SeriesRequest, now: number): Promise<AnalystSeriesResponse> {
    const { indicator, dossier } = this.validate(req);
    const read = (from: string, to: string) =>
      dossier ? this.fromDossiers(indicator, req.areas, req.period, from, to, now) : this.fromRollups(indicator, req.areas, req.period, from, to);
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
      series,
      compare,
      asOf: now,
    };
  }

  private async fromRollups(indicator: Indicator, areas: readonly string[], kind: SeriesKind, from: string, to: string): Promise<AnalystSeries[]> {
    const start = periodBounds(from, kind)!.start;
    const end = periodBounds(to, kind)!.end;
    const keys = listPeriods(from, to);
    const out: AnalystSeries[] = [];
    for (const area of areas) {
      const rows = await this.store.rollups({ grain: grainOf(kind), indicator: indicator.id, area, from: start, to: end });
      const byPeriod: (RollupPartial | undefined)[] = new Array(keys.length);
      for (const r of rows) {
        const i = periodIndex(kind, start, r.bucket);
        if (i < 0 || i >= keys.length) continue;
        const p = byPeriod[i];
        if (p) mergePartial(p, r);
        else byPeriod[i] = mergePartial(emptyPartial(), r);
      }
      const points = keys.map((period, i): AnalystPoint => {
        const p = byPeriod[i];
        const point: AnalystPoint = { period, value: p ? partialValue(indicator.aggregation, p) : null, count: p?.n ?? 0 };
        if (indicator.aggregation === 'ratio') {
          point.numerator = p ? round(p.num) : 0;
          point.denominator = p ? round(p.den) : 0;
        }
        return point;
      });
      out.push({ area, name: this.index.area(area)!.name, points });
    }
    return out;
  }

  private fromDossiers(indicator: Indicator, areas: readonly string[], kind: SeriesKind, from: string, to: string, now: number): AnalystSeries[] {
    const field = dossierLiveIndicator(indicator.id)!.value;
    const keys = listPeriods(from, to);
    return areas.map((area) => {
      const filter = this.index.area(area)!.parent === null ? {} : { area: (a: string) => this.index.ancestorsAndSelf(a).includes(area) };
      const points = keys.map((period): AnalystPoint => {
        const v = this.dossierCells.query(period, now, filter);
        const x = field(v);
        if (typeof x === 'number') return { period, value: v.received > 0 || x > 0 ? x : null, count: v.received };
        return { period, value: x.denominator > 0 ? x.numerator / x.denominator : null, count: v.received, numerator: x.numerator, denominator: x.denominator };
      });
      return { area, name: this.index.area(area)!.name, points };
    });
  }

  private describe(code: string): AnalystArea {
    const a = this.index.area(code)!;
    return { code, name: a.name, kind: a.kind, hasGeometry: this.geoCodes.has(code), hasChildren: this.index.children(code).length > 0 };
  }

  /** The drill-down step: an area, the path to it and its children (which have a shape on the map). */
  children(code: string): AnalystChildrenResponse {
    if (!this.index.area(code)) throw new AnalystError(404, 'unknown_area', `area ${code} is not in the area tree`, 'area', { area: code });
    const chain = this.index.ancestorsAndSelf(code);
    return {
      area: this.describe(code),
      path: chain
        .slice(1)
        .reverse()
        .map((c) => this.describe(c)),
      children: this.index
        .children(code)
        .map((c) => this.describe(c))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Area codes that have a feature in a GeoJSON FeatureCollection (properties.code). */
export function geometryCodes(geo: unknown): Set<string> {
  const out = new Set<string>();
  const features = (geo as { features?: unknown } | null)?.features;
  if (Array.isArray(features))
    for (const f of features) {
      const code = (f as { properties?: { code?: unknown } })?.properties?.code;
      if (typeof code === 'string') out.add(code);
    }
  return out;
}
