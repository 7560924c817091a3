import type { DossierIndicatorsResponse } from '@cityioc/contracts';
import { SCORE_766_2022, SCORE_766_CURRENT } from '@cityioc/domain';
import { formatNumber, formatPercent, MISSING, type Lang } from '../../format/format.ts';

/**
 * The Decision 766 points we can compute from dossier events, per group, against the points those
 * indicators can earn. Never the official score: the portal also uses other denominators.
 */
export type Score766Item = DossierIndicatorsResponse['score766'][number];

export interface Score766IndicatorRow {
  indicator: string;
  name: string;
  ratioText: string;
  pointsText: string;
  maxText: string;
}

export interface Score766GroupRow {
  id: string;
  name: string;
  /** False for a group dossier events cannot score (shown, greyed, with its maximum). */
  computed: boolean;
  points: number;
  /** The most these computed indicators can earn. */
  maxPoints: number;
  /** The group's maximum in the scheme (18, 20, 12, 10, 22, 18); null for a group we do not know. */
  groupMax: number | null;
  /** points / maxPoints for the bar; null when nothing can be earned. */
  fraction: number | null;
  pointsText: string;
  maxText: string;
  /** The scheme maximum is larger than what we can compute: "of 22 in the group". */
  partial: boolean;
  indicators: Score766IndicatorRow[];
}

export interface Score766Model {
  groups: Score766GroupRow[];
  points: number;
  maxPoints: number;
  pointsText: string;
  maxText: string;
  /** The whole index (100). */
  schemeMax: number;
}

const SCHEME_GROUPS = [...SCORE_766_CURRENT.groups, ...SCORE_766_2022.groups];

function schemeGroup(id: string) {
  return SCHEME_GROUPS.find((g) => g.id === id || g.apiId === id) ?? null;
}

function metricName(indicator: string, lang: Lang): string {
  for (const g of SCHEME_GROUPS) {
    const m = g.metrics.find((x) => x.indicator === indicator || x.id === indicator);
    if (m) return m.name[lang];
  }
  return indicator;
}

/** Points as the portal shows them: up to 2 decimals. */
export function formatPoints(points: number, lang: Lang): string {
  if (!Number.isFinite(points)) return MISSING;
  const rounded = Math.round(points * 100) / 100;
  return formatNumber(rounded, Number.isInteger(rounded) ? 0 : 2, lang);
}

/**
 * Every group of the current scheme in its order — the ones dossier events cannot score
 * (transparency, online services, satisfaction) marked as such — then any group the API names that
 * the scheme does not know.
 */
export function buildScore766(items: readonly Score766Item[] | null | undefined, lang: Lang): Score766Model {
  const byGroup = new Map<string, Score766Item[]>();
  for (const it of items ?? []) {
    const key = schemeGroup(it.group)?.id ?? it.group;
    const list = byGroup.get(key) ?? [];
    list.push(it);
    byGroup.set(key, list);
  }
  const known = SCORE_766_CURRENT.groups.map((g) => g.id as string);
  const ids = [...known, ...[...byGroup.keys()].filter((k) => !known.includes(k)).sort()];
  const groups = ids.map((id): Score766GroupRow => {
    const g = schemeGroup(id);
    const list = byGroup.get(id) ?? [];
    // an indicator without a published maximum (3.6 in the payment group) is shown with its ratio, not scored
    const scored = list.filter((x) => x.points !== null && x.maxPoints !== null && Number.isFinite(x.points) && Number.isFinite(x.maxPoints));
    const points = scored.reduce((s, x) => s + x.points!, 0);
    const maxPoints = scored.reduce((s, x) => s + x.maxPoints!, 0);
    const computed = scored.length > 0;
    return {
      id,
      name: g ? g.name[lang] : id,
      computed,
      points,
      maxPoints,
      groupMax: g ? g.maxScore : null,
      fraction: maxPoints > 0 ? Math.min(1, Math.max(0, points / maxPoints)) : null,
      pointsText: computed ? formatPoints(points, lang) : MISSING,
      maxText: formatPoints(computed ? maxPoints : (g?.maxScore ?? 0), lang),
      partial: computed && g !== null && maxPoints < g.maxScore,
      indicators: list.map((x) => ({
        indicator: x.indicator,
        name: metricName(x.indicator, lang),
        ratioText: x.ratio === null || !Number.isFinite(x.ratio) ? 'N/A' : formatPercent(x.ratio, 1, lang),
        pointsText: formatPoints(x.points ?? Number.NaN, lang),
        maxText: formatPoints(x.maxPoints ?? Number.NaN, lang),
      })),
    };
  });
  const computed = groups.filter((g) => g.computed);
  const points = computed.reduce((s, g) => s + g.points, 0);
  const maxPoints = computed.reduce((s, g) => s + g.maxPoints, 0);
  return {
    groups: computed.length > 0 ? groups : [],
    points,
    maxPoints,
    pointsText: formatPoints(points, lang),
    maxText: formatPoints(maxPoints, lang),
    schemeMax: SCORE_766_CURRENT.groups.reduce((s, g) => s + g.maxScore, 0),
  };
}
