import { describe, expect, it } from 'vitest';
import { HttpError } from './http.ts';
import { dossierQuery, indicatorsPath, indicatorsQuery, watchlistPath, watchlistQuery } from './dossiers.queries.ts';

describe('dossier API requests', () => {
  it('asks for indicators of a period, city scope and by district unless told otherwise', () => {
    expect(indicatorsPath({ period: '2026-11' })).toBe('/api/v1/dossiers/indicators?period=2026-11&scope=92&by=area');
    expect(indicatorsPath({ period: '2026-Q4', scope: '916', by: 'agency' })).toBe('/api/v1/dossiers/indicators?period=2026-Q4&scope=916&by=agency');
    expect(indicatorsQuery({ period: '2026' }).queryKey).toEqual(['dossiers', 'indicators', '2026', '92', 'area']);
  });

  it('asks for a unit watchlist with the due-soon horizon, encoding what it sends', () => {
    expect(watchlistPath({ area: '916' })).toBe('/api/v1/dossiers/watchlist?area=916&within=2');
    expect(watchlistPath({ agency: '000.21.00.H13', within: 3 })).toBe('/api/v1/dossiers/watchlist?agency=000.21.00.H13&within=3');
    expect(watchlistQuery({ agency: 'a&b' }).queryKey).toEqual(['dossiers', 'watchlist', null, 'a&b', 2]);
  });

  it('re-reads every minute and gives up on a client error only', () => {
    const q = dossierQuery('HS/1#2');
    expect(q.refetchInterval).toBe(60_000);
    const retry = q.retry as (n: number, e: unknown) => boolean;
    expect(retry(1, new HttpError(404, '/x', 'not found'))).toBe(false);
    expect(retry(1, new HttpError(429, '/x', 'slow down'))).toBe(true);
    expect(retry(1, new HttpError(503, '/x', 'down'))).toBe(true);
    expect(retry(1, new TypeError('network'))).toBe(true);
  });
});
