import type { FeedCounts } from '@cityioc/domain';
import type { FeedHealthRegistry } from './feed-health.registry.ts';

/** HTTP feeds push at their own pace; one without a request for 2 × 15 min is shown stale. */
export const HTTP_FEED_CADENCE_SEC = 900;
/** Larger response bodies are not parsed for counts (the request still counts as seen). */
const MAX_PARSE_CHARS = 2 * 1024 * 1024;
/** At most this many item reasons are remembered per request (the book keeps the latest 10). */
const REASONS_PER_REQUEST = 3;

export interface HttpOutcome {
  /** items the request carried (≥ 1), for the rate */
  items: number;
  counts: FeedCounts;
  /** A few refused items' reasons with their messages (samples for the book's latest reasons). */
  reasons: { reason: string; message: string }[];
  /** Every refused item counted by the reason of its first error. */
  refused: Map<string, number>;
}

interface ItemLike {
  index?: number;
  status?: string;
  result?: string;
  errors?: { field?: string; reason?: string; message?: string }[];
}

/**
 * What one feed request did, read from its status code and JSON response — every feed route answers
 * with one of: an IngestResponse (accepted/duplicates/rejected + per-item results), a reporting import
 * (result + reports + row errors), a single stored item, or an ApiError.
 */
export function httpOutcome(statusCode: number, body: unknown): HttpOutcome {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (typeof b.accepted === 'number' && typeof b.duplicates === 'number' && typeof b.rejected === 'number') {
    const reasons: HttpOutcome['reasons'] = [];
    const refused = new Map<string, number>();
    if (b.rejected > 0)
      for (const r of (Array.isArray(b.results) ? b.results : []) as ItemLike[]) {
        if (r.status !== 'rejected') continue;
        const e = r.errors?.[0];
        const reason = e?.reason ?? 'rejected';
        refused.set(reason, (refused.get(reason) ?? 0) + 1);
        if (reasons.length < REASONS_PER_REQUEST)
          reasons.push({ reason, message: `item ${r.index ?? '?'}: ${e?.field ? `${e.field} ` : ''}${e?.message ?? 'rejected'}` });
      }
    return {
      items: Math.max(1, b.accepted + b.duplicates + b.rejected),
      counts: { accepted: b.accepted, duplicates: b.duplicates, rejected: b.rejected },
      reasons,
      refused,
    };
  }
  if (statusCode >= 400) {
    const rows = Array.isArray(b.errors) ? (b.errors as { reason?: string; message?: string; row?: number }[]) : [];
    const reasons = rows
      .slice(0, REASONS_PER_REQUEST)
      .map((e) => ({ reason: String(e.reason ?? b.error ?? 'rejected'), message: `${e.row !== undefined ? `row ${e.row}: ` : ''}${e.message ?? ''}` }));
    if (reasons.length === 0) reasons.push({ reason: String(b.error ?? `http_${statusCode}`), message: String(b.message ?? `HTTP ${statusCode}`) });
    // the request as a whole was refused: one refusal, under the reason of its answer
    return { items: 1, counts: { rejected: 1 }, reasons, refused: new Map([[String(b.error ?? rows[0]?.reason ?? `http_${statusCode}`), 1]]) };
  }
  const reports = Array.isArray(b.reports) ? (b.reports as ItemLike[]) : null;
  if (reports) {
    const unchanged = reports.filter((r) => r.result === 'unchanged').length;
    return { items: Math.max(1, reports.length), counts: { accepted: reports.length - unchanged, duplicates: unchanged }, reasons: [], refused: new Map() };
  }
  return { items: 1, counts: b.result === 'unchanged' ? { duplicates: 1 } : { accepted: 1 }, reasons: [], refused: new Map() };
}

/** Records one answered feed request in the source's 'http' book (id `http:<source>`). */
export function recordHttpFeed(registry: FeedHealthRegistry, now: number, source: string, statusCode: number, payload: unknown): void {
  if (statusCode >= 500) return; // our failure, not the feed's; logged elsewhere
  let body: unknown = payload;
  if (typeof payload === 'string') {
    body = undefined;
    if (payload.length <= MAX_PARSE_CHARS)
      try {
        body = JSON.parse(payload);
      } catch {
        // not JSON: counted from the status code alone
      }
  }
  const o = httpOutcome(statusCode, body);
  const book = registry.book(`http:${source}`, 'http', source, HTTP_FEED_CADENCE_SEC);
  book.seen(now, o.items);
  book.count(o.counts);
  for (const r of o.reasons) book.remember(now, r.reason, r.message);
  for (const [reason, n] of o.refused) book.refused(reason, n);
}
