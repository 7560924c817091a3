import { indexCatalogue } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { indexCells } from '../../cells/cells.ts';
import { catalogueFixture, cell, NOW } from '../../test/fixtures.ts';
import { buildWaterStationRows, referenceStation } from './water-level.model.ts';

const catalogue = indexCatalogue(catalogueFixture());

describe('water-level stations', () => {
  it('draws the alert lines of the station with official thresholds', () => {
    const ref = referenceStation(catalogue)!;
    expect(ref.station.id).toBe('wl-can-tho');
    expect(ref.bands.map((b) => b.from)).toEqual([null, 180, 190, 200]);
  });

  it('bands each station by its own levels and flags illustrative thresholds', () => {
    const rows = buildWaterStationRows({
      catalogue,
      cells: indexCells([
        cell('31135', 'wl-can-tho', 'water_level', 186),
        // 186 is above BĐ I at Cần Thơ (180) but below it at Ô Môn (185 → BĐ I; 195 → II).
        cell('31153', 'wl-o-mon', 'water_level', 184),
        cell('31228', 'wl-thot-not', 'water_level', -12, { observedAt: NOW - 11 * 60_000 }),
      ]),
      now: NOW,
      offline: false,
      lang: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const by = new Map(rows.map((r) => [r.stationId, r]));
    expect(by.get('wl-can-tho')).toMatchObject({ valueText: '186', demoThresholds: false, stale: false });
    expect(by.get('wl-can-tho')!.band).toMatchObject({ id: 'bd1', above: 6 });
    expect(by.get('wl-o-mon')!.band).toMatchObject({ id: 'below_bd1', label: 'Dưới BĐ I', above: null });
    expect(by.get('wl-o-mon')!.demoThresholds).toBe(true);
    // Negative levels (below the datum) still fall in the first band; older than 2×5 min is stale.
    expect(by.get('wl-thot-not')).toMatchObject({ valueText: '-12', stale: true, freshness: 'stale' });
    expect(by.get('wl-thot-not')!.band!.id).toBe('below_bd1');
    expect(by.get('wl-cai-rang')).toMatchObject({ valueText: '—', band: null, freshness: 'none' });
  });
});
