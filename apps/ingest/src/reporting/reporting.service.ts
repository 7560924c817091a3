import type {
  IndicatorHistoryResponse,
  IndicatorValueRow,
  IndicatorValuesResponse,
  Observation,
  RankingResponse,
  ReportOrigin,
  ReportSubmission,
  ReportValue,
  StoredReportSubmission,
  SubmissionStatus,
  SubmissionStatusResponse,
} from '@cityioc/contracts';
import {
  aggregateUnits,
  comparePeriods,
  displayValue,
  evaluateTarget,
  rankUnits,
  reportDeadline,
  reportPeriod,
  reportsFor,
  sameValues,
  submissionStatus,
  targetFor,
  type ReportingCatalogue,
  type ReportingUnitGroup,
  type WorkCalendar,
} from '@cityioc/domain';
import type { LiveService } from '../live/live.service.ts';
import type { Store } from '../store/store.ts';

/** A checked report ready to store. */
export interface ReportToStore {
  regime: string;
  unit: string;
  period: string;
  values: ReportValue[];
  submittedAt: number | null;
  signedBy?: string | null;
}

export interface StoredResult {
  regime: string;
  unit: string;
  period: string;
  version: number;
  result: 'stored' | 'unchanged';
}

const STATUSES: SubmissionStatus[] = ['not_due', 'due', 'submitted_on_time', 'submitted_late', 'overdue', 'returned', 'accepted'];
const key = (r: { regime: string; unit: string; period: string }) => `${r.regime}|${r.unit}|${r.period}`;

/** The current version and the first submission time of each (regime, unit, period). */
function currentOf(all: readonly StoredReportSubmission[]): Map<string, { current: StoredReportSubmission; firstSubmittedAt: number }> {
  const out = new Map<string, { current: StoredReportSubmission; firstSubmittedAt: number }>();
  for (const s of all) {
    const k = key(s);
    const prev = out.get(k);
    if (!prev) out.set(k, { current: s, firstSubmittedAt: s.submittedAt });
    else if (s.version > prev.current.version) out.set(k, { current: s, firstSubmittedAt: prev.firstSubmittedAt });
  }
  return out;
}

/**
 * The reporting feed (Decree 09): stores submissions (every version), answers status, values vs
 * targets, rankings and history from the store, and publishes the city's current values of the
 * indicators that have a live counterpart to the live state — as their own 'reported_*' series,
 * never into the indicators the IOC computes from dossiers.
 */
export class ReportingService {
  constructor(
    readonly cat: ReportingCatalogue,
    private readonly store: Store,
    private readonly calendar: WorkCalendar,
    private readonly live: LiveService,
  ) {}

  /** Stores reports in one transaction; a report equal to the current version is not stored again. */
  async submit(
    reports: readonly ReportToStore[],
    meta: { source: string; origin: ReportOrigin; fileName: string | null; receivedAt: number },
  ): Promise<StoredResult[]> {
    // only the (regime, period) pairs concerned: the cost does not grow with the whole history
    const pairs = new Map(reports.map((r) => [`${r.regime}|${r.period}`, { regime: r.regime, period: r.period }]));
    const found: StoredReportSubmission[] = [];
    for (const f of pairs.values()) found.push(...(await this.store.reportSubmissions(f)));
    const existing = currentOf(found);
    const toStore: ReportSubmission[] = [];
    const results: StoredResult[] = [];
    for (const r of reports) {
      const cur = existing.get(key(r))?.current;
      if (cur && cur.review !== 'returned' && sameValues(cur.values, r.values)) {
        results.push({ regime: r.regime, unit: r.unit, period: r.period, version: cur.version, result: 'unchanged' });
        continue;
      }
      toStore.push({
        regime: r.regime,
        unit: r.unit,
        period: r.period,
        values: r.values,
        submittedAt: r.submittedAt ?? meta.receivedAt,
        receivedAt: meta.receivedAt,
        source: meta.source,
        origin: meta.origin,
        signedBy: r.signedBy ?? null,
        fileName: meta.fileName,
      });
      results.push({ regime: r.regime, unit: r.unit, period: r.period, version: 0, result: 'stored' });
    }
    const versions = toStore.length ? await this.store.putReportSubmissions(toStore) : [];
    let i = 0;
    for (const r of results) if (r.result === 'stored') r.version = versions[i++]!;
    if (toStore.length) await this.publish();
    return results;
  }

  async review(
    key: { regime: string; unit: string; period: string; version: number },
    review: { review: 'returned' | 'accepted'; at: number; note: string | null },
  ) {
    const ok = await this.store.reviewReportSubmission(key, review);
    // a city figure sent back for correction leaves the live tiles at once (publish); accepted, it comes back
    if (ok) await this.publish();
    return ok;
  }

  async statusOf(regimeId: string, periodId: string, now: number): Promise<SubmissionStatusResponse> {
    const regime = this.cat.regimes.get(regimeId)!;
    const period = reportPeriod(periodId);
    const deadline = reportDeadline(regime.deadline, period, this.calendar);
    const cur = currentOf(await this.store.reportSubmissions({ regime: regimeId, period: periodId }));
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SubmissionStatus, number>;
    // only the units that existed on the period's cut-off day owe it: never an abolished one, never one not yet set up
    const owing = regime.units.filter((code) => {
      const u = this.cat.units.get(code);
      return u !== undefined && reportsFor(u, period);
    });
    const units = owing.map((code) => {
      const c = cur.get(`${regimeId}|${code}|${periodId}`);
      const facts = { submittedAt: c?.current.submittedAt ?? null, firstSubmittedAt: c?.firstSubmittedAt ?? null, review: c?.current.review ?? null };
      const status = submissionStatus(facts, period, deadline, now);
      counts[status]++;
      const lateBy = c ? c.firstSubmittedAt - deadline : now - deadline;
      return {
        regime: regimeId,
        unit: code,
        unitName: this.cat.units.get(code)?.name ?? code,
        period: periodId,
        status,
        cutoffStart: period.cutoffStart,
        cutoffEnd: period.cutoffEnd,
        deadline,
        submittedAt: c?.current.submittedAt ?? null,
        version: c?.current.version ?? null,
        lateByMs: (status === 'overdue' || status === 'submitted_late') && lateBy > 0 ? lateBy : null,
      };
    });
    return { regime: regimeId, period: periodId, asOf: now, deadline, counts, units };
  }

  /** The current value of every (indicator, unit) for a period, with its target and verdict. */
  async valuesOf(periodId: string, filter: { units?: string[]; indicators?: string[] }): Promise<IndicatorValuesResponse> {
    const period = reportPeriod(periodId);
    const cur = currentOf(await this.store.reportSubmissions({ period: periodId }));
    const rows: IndicatorValueRow[] = [];
    for (const { current } of cur.values()) {
      if (filter.units && !filter.units.includes(current.unit)) continue;
      for (const v of current.values) {
        if (filter.indicators && !filter.indicators.includes(v.indicator)) continue;
        const ind = this.cat.indicators.get(v.indicator);
        if (!ind) continue;
        const value = displayValue(ind, { value: v.value ?? null, numerator: v.numerator ?? null, denominator: v.denominator ?? null });
        const target = targetFor(ind, current.unit, period);
        rows.push({
          indicator: v.indicator,
          unit: current.unit,
          unitName: this.cat.units.get(current.unit)?.name ?? current.unit,
          period: periodId,
          value,
          numerator: v.numerator ?? null,
          denominator: v.denominator ?? null,
          target,
          verdict: evaluateTarget(value, target, ind),
          provenance: v.provenance ?? null,
          version: current.version,
          regime: current.regime,
        });
      }
    }
    rows.sort((a, b) => a.indicator.localeCompare(b.indicator) || a.unit.localeCompare(b.unit));
    return { period: periodId, rows };
  }

  /** For each (indicator, unit): the value of the latest period reported, with its target and verdict. */
  async latestOf(filter: { units?: string[] }): Promise<IndicatorValuesResponse> {
    const cur = currentOf(await this.store.reportSubmissions({}));
    const latest = new Map<string, string>();
    for (const { current } of cur.values()) {
      if (filter.units && !filter.units.includes(current.unit)) continue;
      for (const v of current.values) {
        const k = `${v.indicator}|${current.unit}`;
        const prev = latest.get(k);
        if (!prev || comparePeriods(current.period, prev) > 0) latest.set(k, current.period);
      }
    }
    const rows: IndicatorValueRow[] = [];
    for (const period of new Set(latest.values())) {
      const r = await this.valuesOf(period, filter);
      rows.push(...r.rows.filter((x) => latest.get(`${x.indicator}|${x.unit}`) === period));
    }
    rows.sort((a, b) => a.indicator.localeCompare(b.indicator) || a.unit.localeCompare(b.unit));
    return { period: 'latest', rows };
  }

  async rankingOf(indicator: string, periodId: string, group: ReportingUnitGroup | 'all'): Promise<RankingResponse> {
    const ind = this.cat.indicators.get(indicator)!;
    const { rows } = await this.valuesOf(periodId, { indicators: [indicator] });
    const inGroup = rows.filter((r) => group === 'all' || this.cat.units.get(r.unit)?.group === group);
    const ranked = rankUnits(ind, inGroup);
    const threshold = ind.rankThreshold ?? null;
    return {
      indicator,
      period: periodId,
      group: group === 'city' ? 'all' : group,
      rows: ranked.map((r) => ({ rank: r.rank, unit: r.item.unit, unitName: r.item.unitName, value: r.value, provenance: r.item.provenance })),
      aggregate: aggregateUnits(ind, inGroup),
      threshold,
      atOrAboveThreshold: threshold === null ? 0 : ranked.filter((r) => r.value >= threshold).length,
      count: ranked.length,
      illustrative: ranked.filter((r) => r.item.provenance === 'illustrative').length,
    };
  }

  async historyOf(indicator: string, filter: { units?: string[] }): Promise<IndicatorHistoryResponse> {
    const ind = this.cat.indicators.get(indicator)!;
    const cur = currentOf(await this.store.reportSubmissions({}));
    const points: IndicatorHistoryResponse['points'] = [];
    for (const { current } of cur.values()) {
      if (filter.units && !filter.units.includes(current.unit)) continue;
      const v = current.values.find((x) => x.indicator === indicator);
      if (!v) continue;
      points.push({
        period: current.period,
        unit: current.unit,
        value: displayValue(ind, { value: v.value ?? null, numerator: v.numerator ?? null, denominator: v.denominator ?? null }),
        numerator: v.numerator ?? null,
        denominator: v.denominator ?? null,
        provenance: v.provenance ?? null,
      });
    }
    points.sort((a, b) => comparePeriods(a.period, b.period) || a.unit.localeCompare(b.unit));
    const periods = [...new Set(points.map((p) => p.period))];
    const units = [...new Set(points.map((p) => p.unit))].sort().map((u) => ({ unit: u, unitName: this.cat.units.get(u)?.name ?? u }));
    return { indicator, periods, units, points };
  }

  /**
   * The city's latest reported value of each indicator with a live counterpart, as an
   * observation of that counterpart at the city's area (only the city unit: districts' own reports would
   * otherwise be summed with the city's total). A value given only as a percentage becomes
   * numerator = value, denominator = 100.
   */
  async publish(): Promise<number> {
    const city = [...this.cat.units.values()].find((u) => u.group === 'city');
    if (!city) return 0;
    const cur = currentOf(await this.store.reportSubmissions({ unit: city.code }));
    const latest = new Map<string, { s: StoredReportSubmission; v: ReportValue }>();
    for (const { current } of cur.values())
      for (const v of current.values) {
        const ind = this.cat.indicators.get(v.indicator);
        if (!ind?.liveIndicator) continue;
        const prev = latest.get(ind.liveIndicator);
        if (!prev || comparePeriods(current.period, prev.s.period) > 0 || (current.period === prev.s.period && current.submittedAt > prev.s.submittedAt))
          latest.set(ind.liveIndicator, { s: current, v });
      }
    const out: Observation[] = [];
    for (const [liveId, { s, v }] of latest) {
      const parts = v.numerator !== undefined && v.denominator !== undefined;
      // The latest report sent back for correction (returned) is no figure: the tile shows none until the corrected
      // version comes, never the figure the reviewer refused. Dated by its last review too, so that each change of
      // standing (returned, then accepted after all) is newer than the value it replaces in the live state.
      const returned = s.review === 'returned';
      out.push({
        seq: 0,
        id: `report:${s.regime}:${s.unit}:${s.period}:${s.version}:${s.review ?? 'submitted'}:${liveId}`,
        indicator: liveId,
        area: city.area,
        agency: null,
        station: null,
        observedAt: Math.max(s.submittedAt, s.reviewedAt ?? s.submittedAt),
        receivedAt: s.receivedAt,
        value: null,
        numerator: returned ? null : parts ? v.numerator! : (v.value ?? null),
        denominator: returned ? null : parts ? v.denominator! : 100,
        source: `reporting:${s.source}`,
      });
    }
    this.live.applyDerived(out);
    return out.length;
  }
}
