import { ObservationInputSchema } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { observationId } from './ids.ts';

describe('observationId', () => {
  it('is deterministic, matches the contract pattern and sorts by time within a series', () => {
    const pattern = new RegExp((ObservationInputSchema.properties.id as { pattern?: string }).pattern!);
    const a = observationId('wl-can-tho', 'water_level', 1_763_700_000_000);
    expect(a).toBe('sim-wl-can-tho-water_level-1763700000000');
    expect(observationId('wl-can-tho', 'water_level', 1_763_700_000_000)).toBe(a);
    expect(pattern.test(a)).toBe(true);
    expect(pattern.test(observationId('916', 'dossiers_on_time_rate', 1_763_700_000_000))).toBe(true);
    const b = observationId('wl-can-tho', 'water_level', 1_763_700_002_000);
    expect(b > a).toBe(true);
    expect(a.length).toBeLessThanOrEqual(128);
  });
});
