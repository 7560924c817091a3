import { DossierEventSchema, ObservationInputSchema } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { dossierEventId, observationId } from './ids.ts';

describe('observationId', () => {
  it('is deterministic, matches the contract pattern and sorts by time within a series', () => {
    const pattern = new RegExp((ObservationInputSchema.properties.id as { pattern?: string }).pattern!);
    const a = observationId('wl-can-tho', 'water_level', 1_763_700_000_000);
    expect(a).toBe('sim-wl-can-tho-water_level-1763700000000');
    expect(observationId('wl-can-tho', 'water_level', 1_763_700_000_000)).toBe(a);
    expect(pattern.test(a)).toBe(true);
    expect(pattern.test(observationId('916', 'pm25', 1_763_700_000_000))).toBe(true);
    const b = observationId('wl-can-tho', 'water_level', 1_763_700_002_000);
    expect(b > a).toBe(true);
    expect(a.length).toBeLessThanOrEqual(128);
  });
});

describe('dossierEventId', () => {
  it('names the dossier, the status and the status time, and matches the contract pattern', () => {
    const id = dossierEventId('000.00.21.H13-261120-0042', 9, 1_763_700_000_000);
    expect(id).toBe('sim-dos-000.00.21.H13-261120-0042-9-1763700000000');
    const { pattern, maxLength } = DossierEventSchema.properties.eventId as { pattern?: string; maxLength?: number };
    expect(new RegExp(pattern!).test(id)).toBe(true);
    expect(id.length).toBeLessThanOrEqual(maxLength!);
  });
});
