import { describe, expect, it } from 'vitest';
import { SCORE_766_SCHEMES } from './groups.ts';

describe('the 766 schemes', () => {
  it.each(Object.values(SCORE_766_SCHEMES))('$id: no two scored metrics share an indicator number (4.5 has parts a and b)', (scheme) => {
    const numbers = scheme.groups.flatMap((g) => g.metrics.filter((x) => x.maxScore !== 0 && x.indicator !== null).map((x) => x.indicator));
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([]);
  });

  it('numbers the population-database parts as the decision letters them: (a) procedures, (b) dossiers', () => {
    const digitisation = SCORE_766_SCHEMES['dvcqg-current'].groups.find((g) => g.id === 'digitisation')!;
    const byId = new Map(digitisation.metrics.map((x) => [x.id, x.indicator]));
    expect(byId.get('CITIZEN_DATA_CONNECTED_FORMALITY')).toBe('4.5a');
    expect(byId.get('CITIZEN_DATA_CONNECTED_DOSSIER')).toBe('4.5b');
  });
});
