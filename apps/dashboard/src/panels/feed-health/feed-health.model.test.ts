import { describe, expect, it } from 'vitest';
import type { FeedHealth } from '@cityioc/contracts';
import { buildFeedRows, FEED_POLL_MAX_AGE_MS } from './feed-health.model.ts';

const NOW = Date.parse('2026-11-22T07:00:00+07:00');
const feed = (p: Partial<FeedHealth>): FeedHealth => ({
  id: 'mqtt',
  kind: 'mqtt',
  source: 'mqtt',
  connected: true,
  lastSeen: NOW - 5000,
  ratePerMin: 1234,
  accepted: 10,
  duplicates: 0,
  rejected: 1,
  errors: 2,
  lastErrors: [{ at: NOW, reason: 'invalid_json', message: '<b>x</b>' }],
  cadenceSec: 300,
  status: 'live',
  ...p,
});

describe('buildFeedRows', () => {
  it('names the kind and source, formats the rate in vi-VN and keeps the last reason as plain text', () => {
    const [r] = buildFeedRows({ data: { now: NOW, feeds: [feed({})] }, fetchedAt: NOW, now: NOW + 1000, offline: false, lang: 'vi' });
    expect(r).toMatchObject({
      name: 'MQTT · mqtt',
      status: 'live',
      ago: { value: 6, unit: 'second' },
      rateText: '1.234',
      errors: 2,
      lastError: 'invalid_json: <b>x</b>',
    });
  });
  it('a disconnected connector is down; the server’s stale and never stay', () => {
    const rows = buildFeedRows({
      data: {
        now: NOW,
        feeds: [
          feed({ connected: false }),
          feed({ id: 'ngsi-ld:sim', kind: 'ngsi-ld', connected: null, status: 'stale', lastSeen: NOW - 3 * 3_600_000 }),
          feed({ id: 'ngsi-ld-reconcile', kind: 'ngsi-ld', connected: null, status: 'never', lastSeen: null }),
          feed({ id: 'http:ward-9', kind: 'http', source: 'ward-9', connected: null, lastSeen: NOW - 90_000 }),
        ],
      },
      fetchedAt: NOW,
      now: NOW,
      offline: false,
      lang: 'en',
    });
    expect(rows.map((r) => [r.name, r.status, r.ago])).toEqual([
      ['MQTT · mqtt', 'down', { value: 5, unit: 'second' }],
      ['NGSI-LD · mqtt', 'stale', { value: 3, unit: 'hour' }],
      ['NGSI-LD ⟳ · mqtt', 'never', null],
      ['HTTP · ward-9', 'live', { value: 90, unit: 'second' }],
    ]);
  });
  it('an old poll or an offline wall never shows a feed as live', () => {
    const data = { now: NOW, feeds: [feed({})] };
    expect(buildFeedRows({ data, fetchedAt: NOW, now: NOW + FEED_POLL_MAX_AGE_MS + 1, offline: false, lang: 'vi' })[0]!.status).toBe('unknown');
    expect(buildFeedRows({ data, fetchedAt: NOW, now: NOW, offline: true, lang: 'vi' })[0]!.status).toBe('unknown');
    expect(buildFeedRows({ data: undefined, fetchedAt: 0, now: NOW, offline: false, lang: 'vi' })).toEqual([]);
  });
});
