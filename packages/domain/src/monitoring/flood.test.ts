import { describe, expect, it } from 'vitest';
import { floodBands } from '../catalogue/indicators.ts';
import { floodSeverity } from './flood.ts';

describe('flood severity comparable across stations', () => {
  const canTho = floodBands(180, 190, 200);
  const thotNot = floodBands(190, 200, 210);
  it('ranks the band and measures the margin to each station’s own BĐ I', () => {
    expect(floodSeverity(175, canTho)).toMatchObject({ rank: 0, aboveBd1: -5 });
    expect(floodSeverity(184, canTho)).toMatchObject({ rank: 1, aboveBd1: 4, band: { id: 'bd1' } });
    expect(floodSeverity(195, canTho)).toMatchObject({ rank: 2, aboveBd1: 15 });
    expect(floodSeverity(227, canTho)).toMatchObject({ rank: 3, aboveBd1: 47, band: { id: 'bd3' } });
  });
  it('195 cm is BĐ II at Cần Thơ but only BĐ I at Thốt Nốt: the worse station is Cần Thơ, although both read 195', () => {
    expect(floodSeverity(195, canTho).rank).toBeGreaterThan(floodSeverity(195, thotNot).rank);
    // and 198 cm at Thốt Nốt (+8 over its BĐ I) is less severe than 188 at Cần Thơ (+8, same rank 1)… equal margin
    expect(floodSeverity(198, thotNot)).toMatchObject({ rank: 1, aboveBd1: 8 });
    expect(floodSeverity(188, canTho)).toMatchObject({ rank: 1, aboveBd1: 8 });
  });
  it('counts ranks from 1 when the bands have no open-ended lower band', () => {
    const bands = canTho.slice(1);
    expect(floodSeverity(170, bands)).toMatchObject({ rank: 0, band: null, aboveBd1: -10 });
    expect(floodSeverity(191, bands)).toMatchObject({ rank: 2 });
  });
});
