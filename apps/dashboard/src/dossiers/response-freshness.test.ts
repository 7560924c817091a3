import { describe, expect, it } from 'vitest';
import { NOW } from '../test/fixtures.ts';
import { responseFreshness } from './response-freshness.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('freshness of a computed response', () => {
  it('is live up to twice the 60 s refresh, then stale', () => {
    expect(responseFreshness(NOW - 119_000, NOW, { timeZone: TZ })).toEqual({ freshness: 'live', stale: false, updated: '07:28:01' });
    expect(responseFreshness(NOW - 121_000, NOW, { timeZone: TZ })).toMatchObject({ freshness: 'stale', stale: true });
  });

  it('uses another refresh interval when told', () => {
    expect(responseFreshness(NOW - 20_000, NOW, { timeZone: TZ, refreshMs: 5_000 }).stale).toBe(true);
  });

  it('greys out while offline, and has no time without a response', () => {
    expect(responseFreshness(NOW - 1_000, NOW, { timeZone: TZ, offline: true })).toMatchObject({ freshness: 'live', stale: true });
    expect(responseFreshness(undefined, NOW, { timeZone: TZ })).toEqual({ freshness: 'none', stale: false, updated: null });
  });

  it('adds the date to a response from another day', () => {
    expect(responseFreshness(NOW - 9 * 3600_000, NOW, { timeZone: TZ }).updated).toBe('22:30:00 21/11/2026');
  });
});
