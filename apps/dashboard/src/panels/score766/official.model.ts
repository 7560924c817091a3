import type { Official766Score } from '@cityioc/contracts';
import {
  boundsOf,
  checkPeriod,
  DOSSIER_PERIOD_KINDS,
  parsePeriod,
  periodLabel,
  SCORE_766_CURRENT,
  type DossierPeriodKind as PeriodKind,
} from '@cityioc/domain';
import { DEFAULT_TIME_ZONE, formatDateTime, formatNumber, MISSING, type Lang } from '../../format/format.ts';
import { formatPoints } from './score766.model.ts';

/**
 * The official Decision 766 score the national portal (DVCQG) published, shown beside — never
 * added to — the points computed from dossier events. Pure: the scores and the scene's period kind
 * are passed in.
 */

/**
 * The portal's older rest.jsp fields, read as Vietnamese abbreviations of the group names. CLGQ is
 * the one left once the others are placed (inferred, not published).
 */
const LEGACY_GROUP_IDS: Readonly<Record<string, string>> = {
  CKMB: 'transparency', // Công khai, minh bạch
  TDGQ: 'progress', // Tiến độ giải quyết
  TTTT: 'online-payment', // Thanh toán trực tuyến
  CLGQ: 'online-service', // by elimination (inferred)
  MDHL: 'satisfaction', // Mức độ hài lòng
  MDSH: 'digitisation', // Mức độ số hóa
};

/** The panel's group id ('progress', …) for a group id of the portal ('dvc-progress-tree', 'TDGQ', …); null when unknown. */
export function panelGroupId(portalId: string): string | null {
  const id = portalId.trim();
  const current = SCORE_766_CURRENT.groups.find((g) => g.apiId === id || g.id === id);
  if (current) return current.id;
  return LEGACY_GROUP_IDS[id.toUpperCase()] ?? null;
}

export interface OfficialGroupScore {
  /** The panel's group id. */
  id: string;
  name: string;
  score: number;
  maxScore: number | null;
  scoreText: string;
  /** '19,1/20', or '19,1' when the portal gave no maximum. */
  text: string;
}

export interface Official766View {
  period: string;
  /** The period label: 'Tháng 10/2026', 'Quý IV/2026' (en 'Oct 2026', 'Q4 2026'). */
  periodText: string;
  /** False when no score of the scene's kind exists and this is the latest of another kind. */
  matchesKind: boolean;
  unitName: string | null;
  total: number;
  /** '84,20' */
  totalText: string;
  /** '12/34', '12', or null without a rank. */
  rankText: string | null;
  /** epoch ms; null when unreadable. */
  fetchedAt: number | null;
  /** 'dd/MM/yyyy HH:mm' in the city's zone. */
  fetchedText: string;
  /** By panel group id; only the groups whose ids map. */
  groups: Readonly<Record<string, OfficialGroupScore>>;
}

/** Bounds of a dossier period key (month, quarter, half, year); null for anything else. */
function boundsOfKey(key: string): { start: number; end: number } | null {
  const c = checkPeriod(key, DOSSIER_PERIOD_KINDS);
  return c.ok ? boundsOf(c.period) : null;
}

function fetchedMs(s: Official766Score): number {
  const t = Date.parse(s.fetchedAt);
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

/** Later end first; at the same end, the shorter period; then the later read. Negative when a is later. */
function laterFirst(a: Official766Score, b: Official766Score): number {
  const pa = boundsOfKey(a.period)!;
  const pb = boundsOfKey(b.period)!;
  return pb.end - pa.end || pb.start - pa.start || fetchedMs(b) - fetchedMs(a);
}

/** The latest score of `kind`, else the latest of any kind; null when there is none. */
export function pickOfficial766(
  scores: readonly Official766Score[] | null | undefined,
  kind: PeriodKind,
  unitCode?: string,
): { score: Official766Score; matchesKind: boolean } | null {
  const usable = (scores ?? []).filter(
    (s) => s.kind === 'official' && boundsOfKey(s.period) !== null && Number.isFinite(s.total) && (unitCode === undefined || s.unitCode === unitCode),
  );
  if (usable.length === 0) return null;
  const sorted = [...usable].sort(laterFirst);
  const ofKind = sorted.find((s) => parsePeriod(s.period)?.kind === kind);
  return ofKind ? { score: ofKind, matchesKind: true } : { score: sorted[0]!, matchesKind: false };
}

/** What the 766 panel shows of the official series for the scene's period kind; null when there is no official score. */
export function buildOfficial766(
  scores: readonly Official766Score[] | null | undefined,
  kind: PeriodKind,
  lang: Lang,
  opts: { unitCode?: string; timeZone?: string } = {},
): Official766View | null {
  const picked = pickOfficial766(scores, kind, opts.unitCode);
  if (!picked) return null;
  const s = picked.score;
  const groups: Record<string, OfficialGroupScore> = {};
  for (const g of s.groups) {
    const id = panelGroupId(g.id);
    if (id === null || groups[id] || !Number.isFinite(g.score)) continue;
    const scheme = SCORE_766_CURRENT.groups.find((x) => x.id === id)!;
    const maxScore = typeof g.maxScore === 'number' && Number.isFinite(g.maxScore) ? g.maxScore : null;
    const scoreText = formatPoints(g.score, lang);
    groups[id] = {
      id,
      name: scheme.name[lang],
      score: g.score,
      maxScore,
      scoreText,
      text: maxScore === null ? scoreText : `${scoreText}/${formatPoints(maxScore, lang)}`,
    };
  }
  const fetched = fetchedMs(s);
  const fetchedAt = Number.isFinite(fetched) ? fetched : null;
  return {
    period: s.period,
    periodText: periodLabel(s.period, lang),
    matchesKind: picked.matchesKind,
    unitName: s.unitName ?? null,
    total: s.total,
    totalText: formatNumber(s.total, 2, lang),
    rankText: s.rank === undefined ? null : s.rankOf === undefined ? String(s.rank) : `${s.rank}/${s.rankOf}`,
    fetchedAt,
    fetchedText: fetchedAt === null ? MISSING : formatDateTime(fetchedAt, opts.timeZone ?? DEFAULT_TIME_ZONE),
    groups,
  };
}
