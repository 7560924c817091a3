import { CAN_THO_CATALOGUE, bandOf } from '@cityioc/domain';
import type { Catalogue } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeCatalogue } from './normalize.ts';

describe('normalizeCatalogue', () => {
  it('restores the -Infinity that JSON turned into null, for indicator and station bands', () => {
    const overTheWire = JSON.parse(JSON.stringify(CAN_THO_CATALOGUE)) as Catalogue;
    const wl = overTheWire.stations.find((s) => s.id === 'wl-can-tho')!;
    expect(wl.bands!.water_level![0]!.from).toBeNull();
    // Without the fix a level below zero falls in no band.
    expect(bandOf(-20, wl.bands!.water_level!)).toBeUndefined();

    const fixed = normalizeCatalogue(overTheWire);
    const bands = fixed.stations.find((s) => s.id === 'wl-can-tho')!.bands!.water_level!;
    expect(bands[0]!.from).toBe(-Infinity);
    expect(bandOf(-20, bands)?.id).toBe('below_bd1');
    expect(bandOf(185, bands)?.id).toBe('bd1');
    expect(fixed.indicators.find((i) => i.id === 'water_level')!.bands![0]!.from).toBe(-Infinity);
    expect(fixed.indicators.find((i) => i.id === 'aqi')!.bands![0]!.from).toBe(0);
  });
});
