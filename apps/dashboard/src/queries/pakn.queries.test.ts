import { describe, expect, it } from 'vitest';
import { PAKN_REFRESH_MS, paknWatchlistPath, paknWatchlistQuery } from './pakn.queries.ts';

describe('PAKN watchlist requests', () => {
  it('asks for a commune or an agency, two working days ahead by default, re-read every minute', () => {
    expect(paknWatchlistPath({ area: '31135' })).toBe('/api/v1/pakn/watchlist?area=31135&within=2');
    expect(paknWatchlistPath({ agency: '000.135.00.H13', within: 5 })).toBe('/api/v1/pakn/watchlist?agency=000.135.00.H13&within=5');
    const q = paknWatchlistQuery({ area: '31135', agency: null });
    expect(q.queryKey).toEqual(['pakn', 'watchlist', '31135', null, 2]);
    expect(q.refetchInterval).toBe(PAKN_REFRESH_MS);
  });
});
