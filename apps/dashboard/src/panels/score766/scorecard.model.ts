import type { Score766Difference, Score766GroupView, Score766MetricView, Score766Response } from '@cityioc/contracts';
import { periodLabel } from '@cityioc/domain';
import { DEFAULT_TIME_ZONE, formatDateTime, formatNumber, formatPercent, formatSigned, MISSING, type Lang } from '../../format/format.ts';

/**
 * The scorecard the server computes (GET /api/v1/score766, docs/SCORE766.md §4) as the wall and
 * the drill-down page write it: each group "points / maximum", the total "points / 100", each
 * metric's ratio, numerator/denominator and points. A value without data is '—', never 0. Pure.
 */

/** Points as the portal shows them: up to 2 decimals ('20', '10,83'); '—' for anything not finite. */
export function formatPoints(points: number, lang: Lang): string {
  if (!Number.isFinite(points)) return MISSING;
  const rounded = Math.round(points * 100) / 100;
  return formatNumber(rounded, Number.isInteger(rounded) ? 0 : 2, lang);
}

/** Points with their sign: '+1,50', '−2', '0'. */
function signedPoints(points: number, lang: Lang): string {
  const rounded = Math.round(points * 100) / 100;
  return formatSigned(rounded, Number.isInteger(rounded) ? 0 : 2, lang);
}

const LEGAL_TIME_UNITS: Readonly<Record<string, { vi: string; en: string }>> = {
  working_days: { vi: 'ngày làm việc', en: 'working days' },
  days: { vi: 'ngày', en: 'days' },
  hours: { vi: 'giờ', en: 'hours' },
  months: { vi: 'tháng', en: 'months' },
};

/**
 * How a list of indicators names a metric the 766 text has no number for: the national public service portal
 * (Cổng Dịch vụ công quốc gia) that scores it. Once an empty cell ("Chứng thực bản sao điện tử từ bản chính" had no code).
 */
export const PORTAL_METRIC_LABEL = 'DVCQG';

export interface ScorecardMetricRow {
  code: string;
  /**
   * The 766 indicator number ('1.1'); for a metric the national portal added after the 2022 text, which the text does
   * not number (the electronic certified copy, ELECTRONIC_CERTIFIED_COPY: indicator null), PORTAL_METRIC_LABEL.
   */
  label: string;
  /** The label stands for the portal, not a 766 number (the wall explains it on hover: score766.portalMetric). */
  portalOnly: boolean;
  name: string;
  /** The number and the name ('1.1 Công khai …'), or the name alone: how a directive or a list names the metric. */
  title: string;
  /** '50 %' (2.2: '3,5 ngày làm việc'); '—' without data. */
  ratioText: string;
  /** '1 / 2'; '—' without data. */
  partsText: string;
  /** '3 / 6', '— / 6'; '—' where the scheme does not publish the share or the metric is not scored. */
  pointsText: string;
  noData: boolean;
  /** false: tracked or shown only (5.1, 2.2). */
  scored: boolean;
  /** Points left on the table (max − points); null when unknown. */
  lost: number | null;
  /** dossiers, procedures or pakn: what the drill-down lists; null for none. */
  counts: Score766MetricView['counts'];
  numerator: number | null;
  denominator: number | null;
  /** The portal's ratio of the metric where it published one ('91,0 %'), else null. */
  officialRatioText: string | null;
}

/**
 * The computed group beside the portal's, when the portal published a score for the period:
 * - shown: the portal scored the group; `text` is computed − official with its sign ('+1,50', '−2', '0'),
 *   '—' when the computed group has no data;
 * - unpublished: the portal gave a total but no score for this group ("cổng DVC chưa công bố điểm nhóm").
 */
export type GroupDifference = { kind: 'shown'; value: number | null; text: string; officialText: string } | { kind: 'unpublished' };

export interface ScorecardGroupRow {
  id: string;
  name: string;
  points: number | null;
  max: number;
  /** '10,83' or '—' */
  pointsText: string;
  maxText: string;
  noData: boolean;
  /** Some metrics could not be scored: the points are a lower bound. */
  partial: boolean;
  /** 0–1 of the bar; 0 without data. */
  fraction: number;
  /** The portal's score of the group, '12 / 18', when it published one. */
  officialText: string | null;
  /** null when the portal published no score for the period. */
  difference: GroupDifference | null;
  metrics: ScorecardMetricRow[];
}

export interface ScorecardView {
  unit: string;
  unitName: string;
  period: string;
  periodText: string;
  groups: ScorecardGroupRow[];
  total: { points: number; pointsText: string; max: number; maxText: string; complete: boolean; missingGroups: string[] };
  official: { totalText: string; rankText: string | null; periodText: string; fetchedText: string } | null;
  asOf: number;
}

function metricRow(m: Score766MetricView, lang: Lang, official: Score766Difference['metrics'][number] | undefined): ScorecardMetricRow {
  const noData = m.noData || m.ratio === null;
  const unit = m.unit ? LEGAL_TIME_UNITS[m.unit] : undefined;
  const ratioText = noData ? MISSING : unit ? `${formatNumber(m.ratio, 1, lang)} ${unit[lang]}` : formatPercent(m.ratio, 1, lang);
  const partsText =
    m.numerator === null || m.denominator === null ? MISSING : `${formatNumber(m.numerator, 0, lang)} / ${formatNumber(m.denominator, 0, lang)}`;
  const points = m.points === null ? MISSING : formatPoints(m.points, lang);
  return {
    code: m.code,
    label: m.indicator ?? PORTAL_METRIC_LABEL,
    portalOnly: m.indicator === null,
    name: m.name[lang],
    title: m.indicator ? `${m.indicator} ${m.name[lang]}` : m.name[lang],
    ratioText,
    partsText,
    // tracked or shown only (5.1, 2.2: maximum 0): no points to write
    pointsText: m.max === null || !m.scored ? MISSING : `${points} / ${formatPoints(m.max, lang)}`,
    noData,
    scored: m.scored,
    lost: m.max !== null && m.points !== null && m.scored ? Math.round((m.max - m.points) * 100) / 100 : null,
    counts: m.counts,
    numerator: m.numerator,
    denominator: m.denominator,
    officialRatioText: official === undefined || official.officialRatio === null ? null : formatPercent(official.officialRatio, 1, lang),
  };
}

function groupDifference(g: Score766GroupView, r: Score766Response, lang: Lang): GroupDifference | null {
  if (r.official === null) return null;
  const d = r.difference.find((x) => x.group === g.id);
  if (!d) return { kind: 'unpublished' };
  return {
    kind: 'shown',
    value: d.difference,
    text: d.difference === null ? MISSING : signedPoints(d.difference, lang),
    officialText: formatPoints(d.official, lang),
  };
}

function groupRow(g: Score766GroupView, r: Score766Response, lang: Lang): ScorecardGroupRow {
  const o = r.official?.groups?.find((x) => x.group === g.id || x.id === g.apiId || x.id === g.id);
  const diff = r.difference.find((x) => x.group === g.id);
  return {
    id: g.id,
    name: g.name[lang],
    points: g.points,
    max: g.max,
    pointsText: g.points === null ? MISSING : formatPoints(g.points, lang),
    maxText: formatPoints(g.max, lang),
    noData: g.points === null,
    partial: g.points !== null && !g.complete,
    fraction: g.points === null || !(g.max > 0) ? 0 : Math.min(1, Math.max(0, g.points / g.max)),
    officialText: o ? `${formatPoints(o.score, lang)}${o.maxScore === null ? '' : ` / ${formatPoints(o.maxScore, lang)}`}` : null,
    difference: groupDifference(g, r, lang),
    metrics: g.metrics.map((m) =>
      metricRow(
        m,
        lang,
        diff?.metrics.find((x) => x.code === m.code),
      ),
    ),
  };
}

export function buildScorecard(r: Score766Response, lang: Lang, timeZone = DEFAULT_TIME_ZONE): ScorecardView {
  const groups = r.groups.map((g) => groupRow(g, r, lang));
  const o = r.official;
  const fetched = o ? Date.parse(o.fetchedAt) : NaN;
  return {
    unit: r.unit,
    unitName: r.unitName?.[lang] ?? r.unit,
    period: r.period,
    periodText: periodText(r.period, lang),
    groups,
    total: {
      points: r.total.points,
      pointsText: formatPoints(r.total.points, lang),
      max: r.total.max,
      maxText: formatPoints(r.total.max, lang),
      complete: r.total.complete,
      missingGroups: r.total.missingGroups.map((id) => groups.find((g) => g.id === id)?.name ?? id),
    },
    official: o
      ? {
          totalText: formatPoints(o.total, lang),
          rankText: o.rank === null ? null : o.rankOf === null ? String(o.rank) : `${o.rank}/${o.rankOf}`,
          periodText: periodText(o.period, lang),
          fetchedText: Number.isFinite(fetched) ? formatDateTime(fetched, timeZone) : MISSING,
        }
      : null,
    asOf: r.asOf,
  };
}

const periodText = (period: string, lang: Lang): string => periodLabel(period, lang);

/**
 * Where the points were lost: scored metrics below their maximum, most points lost first, then those without data
 * (all of them unless `max` is given: the wall shows as many as its panel holds).
 */
export function lostPoints(view: ScorecardView, max = Infinity): { group: string; metric: ScorecardMetricRow }[] {
  const all = view.groups.flatMap((g) => g.metrics.map((metric) => ({ group: g.name, metric })));
  const lost = all.filter((x) => x.metric.lost !== null && x.metric.lost > 0).sort((a, b) => b.metric.lost! - a.metric.lost!);
  const none = all.filter((x) => x.metric.scored && x.metric.noData && x.metric.pointsText !== MISSING);
  return [...lost, ...none].slice(0, max);
}
