import { describe, expect, it } from 'vitest';
import { cell, ratioCell } from '../test/fixtures.ts';
import { touchesDossiers } from './dossier-live.ts';

describe('dossier deltas', () => {
  it('spots a delta that moves a dossier-derived cell', () => {
    expect(touchesDossiers([cell('916', null, 'dossiers_received', 12)])).toBe(true);
    expect(touchesDossiers([cell('92', 'wl-can-tho', 'water_level', 180), ratioCell('92', 'online_payment_rate', 4, 10)])).toBe(true);
    expect(touchesDossiers([cell('92', null, 'dossiers_overdue', 3)])).toBe(true);
    // the sixth one, which the dashboard's own copy of the list used to miss
    expect(touchesDossiers([ratioCell('916', 'dossiers_digitised_rate', 3, 10)])).toBe(true);
  });

  it('ignores monitoring-only deltas', () => {
    expect(touchesDossiers([cell('916', 'wl-can-tho', 'water_level', 180), cell('92', null, 'aqi', 60)])).toBe(false);
    expect(touchesDossiers([])).toBe(false);
  });
});
