import { describe, expect, it } from 'vitest';
import { HttpError } from './http.ts';
import { OFFICIAL_766_REFRESH_MS, officialScoresPath, officialScoresQuery } from './score766.queries.ts';

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
