import { indexCatalogue } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { indexCells } from '../../../cells/cells.ts';
import { buildAirQualityRows } from '../../../panels/air-quality/air-quality.model.ts';
import { catalogueFixture, cell, NOW } from '../../../test/fixtures.ts';
import { UI } from '../../../theme/theme.ts';
import { AIR_STATIONS, buildStationPoints, buildStationsLayer, STATIONS_SOURCE, WATER_STATIONS } from './stations.layer.ts';

const catalogue = indexCatalogue(catalogueFixture());
const cells = indexCells([
  cell('31135', 'wl-can-tho', 'water_level', 193), // BĐ II at Cần Thơ (190)
  cell('31228', 'wl-thot-not', 'water_level', 193), // only BĐ I at Thốt Nốt, whose levels are 190/200/210
  cell('31201', 'wl-cai-rang', 'water_level', 120, { observedAt: NOW - 20 * 60_000 }),
  cell('31135', 'aq-ninh-kieu', 'aqi', 155),
]);
const base = { catalogue, cells, now: NOW, offline: false, lang: 'vi' as const, timeZone: 'Asia/Ho_Chi_Minh' };

describe('buildStationPoints', () => {
  const points = new Map(buildStationPoints(base).map((p) => [p.id, p]));

  it('has every water-level and air station at its location', () => {
    expect([...points.keys()].sort()).toEqual(['aq-cai-rang', 'aq-ninh-kieu', 'aq-tra-noc', 'wl-cai-rang', 'wl-can-tho', 'wl-o-mon', 'wl-thot-not'].sort());
    expect(points.get('wl-can-tho')!.lngLat).toEqual([105.7883, 10.0378]);
    expect(points.get('wl-can-tho')!.kind).toBe('water');
    expect(points.get('aq-ninh-kieu')!.kind).toBe('air');
  });

  it('colours water stations by their own flood band', () => {
    expect(points.get('wl-can-tho')).toMatchObject({ color: '#F2994A', bandLabel: 'BĐ II', valueText: '193', unit: 'cm' });
    expect(points.get('wl-thot-not')).toMatchObject({ color: '#F2C94C', bandLabel: 'BĐ I', demoThresholds: true });
  });

  it('colours air stations by VN_AQI', () => {
    expect(points.get('aq-ninh-kieu')).toMatchObject({ color: '#FF0000', bandLabel: 'Xấu', valueText: '155', unit: 'AQI' });
  });

  it('colours an air station with the hourly VN_AQI (NowCast) the air-quality panel shows, not the instantaneous AQI', () => {
    const both = indexCells([cell('31174', 'aq-tra-noc', 'aqi', 180, { observedAt: NOW - 2000 }), cell('31174', 'aq-tra-noc', 'aqi_nowcast', 72)]);
    const p = buildStationPoints({ ...base, cells: both }).find((x) => x.id === 'aq-tra-noc')!;
    expect(p).toMatchObject({ indicator: 'aqi_nowcast', value: 72, valueText: '72', bandLabel: 'Trung bình', color: '#FFFF00', stale: false });
    const row = buildAirQualityRows({ ...base, cells: both }).find((r) => r.stationId === 'aq-tra-noc')!;
    expect([row.aqiRaw, row.band?.color]).toEqual([p.value, p.color]);
  });

  it('greys out stale and silent stations', () => {
    expect(points.get('wl-cai-rang')).toMatchObject({ stale: true, color: UI.stale, updated: '07:10:00' });
    expect(points.get('wl-o-mon')).toMatchObject({ value: null, valueText: '—', stale: false, color: '#475569' });
    const offline = buildStationPoints({ ...base, offline: true });
    expect(offline.every((p) => p.stale)).toBe(true);
  });
});

describe('buildStationsLayer', () => {
  it('puts every point in one source with the colour as a property, and one circle layer per kind', () => {
    const spec = buildStationsLayer({ points: buildStationPoints(base), scale: 2 });
    const data = spec.sources[STATIONS_SOURCE]!.data as { features: { properties: { id: string; color: string } }[] };
    expect(data.features).toHaveLength(7);
    expect(data.features.find((f) => f.properties.id === 'aq-ninh-kieu')!.properties.color).toBe('#FF0000');
    expect(spec.layers.map((l) => l.id)).toEqual(['ioc-stations-halo', WATER_STATIONS, AIR_STATIONS]);
    const water = spec.layers[1] as { paint: Record<string, unknown>; filter: unknown };
    expect(water.filter).toEqual(['==', ['get', 'kind'], 'water']);
    expect(water.paint['circle-radius']).toBe(17); // scales with the screen: 8.5 px at 1080p
    expect(water.paint['circle-color']).toEqual(['get', 'color']);
  });
});
