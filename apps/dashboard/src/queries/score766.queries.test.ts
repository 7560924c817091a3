import { describe, expect, it } from 'vitest';
import { HttpError } from './http.ts';
import {
  OFFICIAL_766_REFRESH_MS,
  officialScoresPath,
  officialScoresQuery,
  score766ItemsPath,
  score766ItemsQuery,
  SCORECARD_REFRESH_MS,
  scorecardPath,
  scorecardQuery,
} from './score766.queries.ts';

describe('official 766 score requests', () => {
  it('asks for every period of one unit, encoding the code', () => {
    expect(officialScoresPath('H13')).toBe('/api/v1/score766/official?unit=H13');
    expect(officialScoresPath('000.00.00.H13&x')).toBe('/api/v1/score766/official?unit=000.00.00.H13%26x');
  });

  it('uses the configured unit, H13 by default, and re-reads every 10 minutes', () => {
    const q = officialScoresQuery();
    expect(q.queryKey).toEqual(['score766', 'official', 'H13']);
    expect(q.refetchInterval).toBe(OFFICIAL_766_REFRESH_MS);
    expect(OFFICIAL_766_REFRESH_MS).toBe(600_000);
    expect(officialScoresQuery('H29').queryKey).toEqual(['score766', 'official', 'H29']);
  });

  it('gives up on a client error only', () => {
    const retry = officialScoresQuery('H13').retry as (n: number, e: unknown) => boolean;
    expect(retry(1, new HttpError(400, '/x', 'bad'))).toBe(false);
    expect(retry(1, new HttpError(503, '/x', 'down'))).toBe(true);
  });
});

describe('computed 766 scorecard requests', () => {
  it('asks for a unit and period, with the portal unit for the official score', () => {
    expect(scorecardPath({ unit: '92', period: '2026-12' })).toBe('/api/v1/score766?unit=92&period=2026-12');
    expect(scorecardPath({ unit: '31135', period: '2026-Q4', officialUnit: 'H13' })).toBe('/api/v1/score766?unit=31135&period=2026-Q4&officialUnit=H13');
    const q = scorecardQuery({ unit: '92', period: '2026-12', officialUnit: 'H13' });
    expect(q.queryKey).toEqual(['score766', 'scorecard', '92', '2026-12', 'H13']);
    expect(q.refetchInterval).toBe(SCORECARD_REFRESH_MS);
  });

  it('pages the items behind a metric, the code encoded as a path segment', () => {
    const p = { metric: '2.1', unit: '000.135.00.H13', period: '2026-12', part: 'numerator', offset: 50, limit: 50 } as const;
    expect(score766ItemsPath(p)).toBe('/api/v1/score766/2.1/items?unit=000.135.00.H13&period=2026-12&part=numerator&offset=50&limit=50');
    expect(score766ItemsPath({ ...p, metric: 'A/B' })).toContain('/api/v1/score766/A%2FB/items?');
    expect(score766ItemsQuery(p).queryKey).toEqual(['score766', 'items', '2.1', '000.135.00.H13', '2026-12', 'numerator', 50, 50]);
  });
});
