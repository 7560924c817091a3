import { describe, expect, it } from 'vitest';
import { INDICATORS } from '@cityioc/domain';
import { DOSSIER_METRICS, metricDecimals } from './metrics.ts';

const decimalsOf = (id: string) => INDICATORS.find((i) => i.id === id)?.decimals;

describe('the ranking shows each metric with the decimals the export rounds to', () => {
  it('rates: the catalogue indicator’s decimals; working days: one; counts: none', () => {
    expect(metricDecimals(DOSSIER_METRICS.onTime, decimalsOf)).toBe(1);
    expect(metricDecimals(DOSSIER_METRICS.onlinePayment, decimalsOf)).toBe(1);
    expect(metricDecimals(DOSSIER_METRICS.onTime, () => 2)).toBe(2);
    expect(metricDecimals(DOSSIER_METRICS.avgDays, decimalsOf)).toBe(1);
    expect(metricDecimals(DOSSIER_METRICS.received, decimalsOf)).toBe(0);
    expect(metricDecimals(DOSSIER_METRICS.onTime, () => undefined)).toBe(1);
  });

  it('names a catalogue indicator for every rate', () => {
    for (const m of Object.values(DOSSIER_METRICS)) if (m.kind === 'ratio') expect(decimalsOf(m.indicator!), m.id).toBeTypeOf('number');
  });
});
