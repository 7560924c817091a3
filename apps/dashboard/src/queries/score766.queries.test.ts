import { describe, expect, it } from 'vitest';
import { HttpError } from './http.ts';
import { score766ItemsPath, score766ItemsQuery, SCORECARD_REFRESH_MS, scorecardPath, scorecardQuery } from './score766.queries.ts';

describe('computed 766 scorecard requests', () => {
  it('gives up on a client error only', () => {
    const retry = scorecardQuery({ unit: '92', period: '2026-12' }).retry as (n: number, e: unknown) => boolean;
    expect(retry(1, new HttpError(400, '/x', 'bad'))).toBe(false);
    expect(retry(1, new HttpError(503, '/x', 'down'))).toBe(true);
  });

  it('asks for a unit and period, with the portal unit for the official score', () => {
    expect(scorecardPath({ unit: '92', period: '2026-12' })).toBe('/api/v1/score766?unit=92&period=2026-12');
    expect(scorecardPath({ unit: '31135', period: '2026-Q4', officialUnit: 'H13' })).toBe('/api/v1/score766?unit=31135&period=2026-Q4&officialUnit=H13');
    const q = scorecardQuery({ unit: '92', period: '2026-12', officialUnit: 'H13' });
    expect(q.queryKey).toEqual(['score766', 'scorecard', '92', '2026-12', 'H13', null]);
    expect(scorecardPath({ unit: '92', period: '2026', scheme: 'qd766-2022' })).toBe('/api/v1/score766?unit=92&period=2026&scheme=qd766-2022');
    expect(scorecardQuery({ unit: '92', period: '2026', scheme: 'qd766-2022' }).queryKey).toEqual(['score766', 'scorecard', '92', '2026', null, 'qd766-2022']);
    expect(q.refetchInterval).toBe(SCORECARD_REFRESH_MS);
  });

  it('pages the items behind a metric, the code encoded as a path segment', () => {
    const p = { metric: '2.1', unit: '000.135.00.H13', period: '2026-12', part: 'numerator', offset: 50, limit: 50 } as const;
    expect(score766ItemsPath(p)).toBe('/api/v1/score766/2.1/items?unit=000.135.00.H13&period=2026-12&part=numerator&offset=50&limit=50');
    expect(score766ItemsPath({ ...p, metric: 'A/B' })).toContain('/api/v1/score766/A%2FB/items?');
    expect(score766ItemsQuery(p).queryKey).toEqual(['score766', 'items', '2.1', '000.135.00.H13', '2026-12', 'numerator', 50, 50]);
  });
});
