import type { FeedHealth, FeedHealthResponse } from '@cityioc/contracts';
import { formatNumber, type Lang } from '../../format/format.ts';

export type FeedRowStatus = 'live' | 'stale' | 'never' | 'down' | 'unknown';

export interface FeedRow {
  id: string;
  /** 'MQTT · mqtt', 'NGSI-LD · simulator', 'HTTP · demo' … */
  name: string;
  status: FeedRowStatus;
  /** how long ago the feed was last heard from, e.g. '12 giây' / '3 phút', null when never */
  ago: { value: number; unit: 'second' | 'minute' | 'hour' } | null;
  rateText: string;
  errors: number;
  rejected: number;
  /** the newest reason, shown as text (never as HTML) */
  lastError: string | null;
}

const KIND: Record<string, string> = { mqtt: 'MQTT', 'ngsi-ld': 'NGSI-LD', 'ngsi-v2': 'NGSI v2', http: 'HTTP' };

/** A poll older than this is not current: every feed is shown as unknown, never as live. */
export const FEED_POLL_MAX_AGE_MS = 30_000;

function ago(ms: number): FeedRow['ago'] {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return { value: s, unit: 'second' };
  if (s < 7200) return { value: Math.round(s / 60), unit: 'minute' };
  return { value: Math.round(s / 3600), unit: 'hour' };
}

/**
 * Rows for the feed-health panel. The server says live/stale (2× cadence); the wall adds what
 * only it knows: a poll that is too old (or an offline screen) makes every status unknown, and a
 * connector whose connection is down says so even if it was heard from recently.
 */
export function buildFeedRows(input: { data: FeedHealthResponse | undefined; fetchedAt: number; now: number; offline: boolean; lang: Lang }): FeedRow[] {
  const { data, now, lang } = input;
  if (!data) return [];
  const outdated = input.offline || now - input.fetchedAt > FEED_POLL_MAX_AGE_MS;
  // measure "ago" on the server's clock, shifted by the time since the poll
  const serverNow = data.now + Math.max(0, now - input.fetchedAt);
  return data.feeds.map((f: FeedHealth) => {
    let status: FeedRowStatus = f.status;
    if (f.connected === false) status = 'down';
    if (outdated) status = 'unknown';
    const kind = KIND[f.kind] ?? f.kind;
    const reconcile = f.id.endsWith('-reconcile');
    return {
      id: f.id,
      name: `${kind}${reconcile ? ' ⟳' : ''} · ${f.source}`,
      status,
      ago: f.lastSeen === null ? null : ago(serverNow - f.lastSeen),
      rateText: formatNumber(f.ratePerMin, 0, lang),
      errors: f.errors,
      rejected: f.rejected,
      lastError: f.lastErrors[0] ? `${f.lastErrors[0].reason}: ${f.lastErrors[0].message}` : null,
    };
  });
}
