import { describe, expect, it } from 'vitest';
import { FeedHealthBook, feedStatus } from './feed-health.ts';

describe('FeedHealthBook', () => {
  it('counts messages per minute over a sliding minute, keeps counters and the latest reasons newest first', () => {
    const b = new FeedHealthBook('mqtt', 'mqtt', 'mqtt', 300);
    const t0 = Date.parse('2026-11-22T00:00:00Z');
    for (let i = 0; i < 30; i++) b.seen(t0 + i * 1000);
    b.seen(t0 + 30_000, 10);
    b.count({ accepted: 35, duplicates: 2, rejected: 3 });
    for (let i = 0; i < 12; i++) b.error(t0 + i, 'invalid_json', `message ${i}`);
    const s = b.snapshot(t0 + 30_000);
    expect(s).toMatchObject({ ratePerMin: 40, accepted: 35, duplicates: 2, rejected: 3, errors: 12, lastSeen: t0 + 30_000, status: 'live' });
    expect(s.lastErrors).toHaveLength(10);
    expect(s.lastErrors[0]!.message).toBe('message 11');
    // at 75 s the window holds seconds 16…75: 14 single messages and the batch of 10
    expect(b.snapshot(t0 + 75_000).ratePerMin).toBe(14 + 10);
    expect(b.snapshot(t0 + 200_000).ratePerMin).toBe(0);
  });
  it('counts refusals by reason: each remembered reason once, batched counts as given, messages only as samples', () => {
    const b = new FeedHealthBook('http:city', 'http', 'city', 900);
    b.reason(1, 'range', 'item 0: /value out of range');
    b.error(2, 'invalid_json', 'not JSON');
    b.remember(3, 'range', 'item 4: /value out of range');
    b.refused('range', 41);
    expect(Object.fromEntries(b.reasonCounts())).toEqual({ range: 42, invalid_json: 1 });
    expect(b.snapshot(4).lastErrors.map((e) => e.at)).toEqual([3, 2, 1]);
  });
  it('a feed is stale after more than 2× its cadence of silence, never before its first message', () => {
    expect(feedStatus(null, 1000, 60)).toBe('never');
    expect(feedStatus(0, 120_000, 60)).toBe('live');
    expect(feedStatus(0, 120_001, 60)).toBe('stale');
  });
});
