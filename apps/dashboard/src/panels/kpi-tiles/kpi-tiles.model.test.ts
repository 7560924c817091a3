import { indexCatalogue } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { indexCells } from '../../cells/cells.ts';
import { catalogueFixture, cell, NOW, ratioCell } from '../../test/fixtures.ts';
import { buildKpiTiles, WALL_KPIS, type KpiModelInput } from './kpi-tiles.model.ts';

const catalogue = indexCatalogue(catalogueFixture());
const cells = indexCells([
  cell('92', null, 'dossiers_received', 1164),
  ratioCell('92', 'dossiers_on_time_rate', 1074, 1164),
  ratioCell('92', 'dossiers_online_rate', 600, 1164),
  ratioCell('92', 'online_payment_rate', 212, 500, { observedAt: NOW - 40 * 60_000 }),
  cell('92', null, 'water_level', 184),
  cell('916', 'wl-can-tho', 'water_level', 184),
  cell('917', 'wl-o-mon', 'water_level', 170),
  cell('92', null, 'aqi', 67),
  cell('918', 'aq-tra-noc', 'aqi', 67),
  cell('916', 'aq-ninh-kieu', 'aqi', 40),
]);

function input(extra: Partial<KpiModelInput> = {}): KpiModelInput {
  return { ids: WALL_KPIS, catalogue, cells, scope: '92', now: NOW, offline: false, lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh', ...extra };
}
const byId = (extra: Partial<KpiModelInput> = {}) => new Map(buildKpiTiles(input(extra)).map((t) => [t.indicatorId, t]));

describe('buildKpiTiles', () => {
  it('builds the seven wall tiles in order, named from the catalogue', () => {
    const tiles = buildKpiTiles(input());
    expect(tiles.map((t) => t.indicatorId)).toEqual([...WALL_KPIS]);
    expect(tiles[0]!.label).toBe('Hồ sơ tiếp nhận trong tháng');
    expect(buildKpiTiles(input({ lang: 'en' }))[0]!.label).toBe('Dossiers received this month');
  });

  it('formats counts with vi-VN grouping and the unit apart', () => {
    const t = byId().get('dossiers_received')!;
    expect(t.valueText).toBe('1.164');
    expect(t.unit).toBe('hồ sơ');
    expect(t.raw).toBe(1164);
    expect(byId({ lang: 'en' }).get('dossiers_received')!.unit).toBe('dossiers');
  });

  it('shows ratios as percentages with the catalogue decimals, and keeps the fraction raw', () => {
    const t = byId().get('dossiers_on_time_rate')!;
    expect(t.raw).toBeCloseTo(1074 / 1164, 12);
    expect(t.valueText).toBe('92,3 %');
    expect([t.valueNumber, t.valueSuffix]).toEqual(['92,3', ' %']);
    expect(t.unit).toBeNull();
    expect(t.progress).toBeCloseTo(0.9227, 4);
    expect(t.fraction).toEqual({ numerator: '1.074', denominator: '1.164' });
  });

  it('compares online payment with its 30 % target', () => {
    const t = byId().get('online_payment_rate')!;
    expect(t.valueText).toBe('42,4 %');
    expect(t.target).toEqual({ text: '30 %', fraction: 0.3, met: true });
  });

  it('shows a dash and no freshness for a missing value, never 0', () => {
    const t = byId().get('dossiers_overdue')!;
    expect(t.valueText).toBe('—');
    expect(t.raw).toBeNull();
    expect(t.freshness).toBe('none');
    expect(t.updated).toBeNull();
    expect(t.stale).toBe(false);
  });

  it('greys out a value older than twice its cadence (900 s → 30 min)', () => {
    const tiles = byId();
    expect(tiles.get('online_payment_rate')!.freshness).toBe('stale');
    expect(tiles.get('online_payment_rate')!.stale).toBe(true);
    expect(tiles.get('online_payment_rate')!.updated).toBe('06:50:00');
    expect(tiles.get('dossiers_received')!.freshness).toBe('live');
    expect(tiles.get('dossiers_received')!.updated).toBe('07:29:00');
  });

  it('marks every tile stale while offline', () => {
    expect([...byId({ offline: true }).values()].every((t) => t.stale)).toBe(true);
  });

  it('names the station holding a maximum and uses its own alert levels', () => {
    const wl = byId().get('water_level')!;
    expect(wl.valueText).toBe('184');
    expect(wl.unit).toBe('cm');
    expect(wl.maxAt).toEqual(['Trạm thủy văn Cần Thơ (sông Hậu)']);
    expect(wl.band).toMatchObject({ id: 'bd1', label: 'BĐ I', above: 4, color: '#F2C94C' });

    const aqi = byId().get('aqi')!;
    expect(aqi.maxAt).toEqual(['Quan trắc không khí KCN Trà Nóc (Bình Thủy)']);
    expect(aqi.band).toMatchObject({ id: 'moderate', label: 'Trung bình', color: '#FFFF00', textColor: '#0b1020', above: null });
    expect(byId({ lang: 'en' }).get('aqi')!.band!.label).toBe('Moderate');
  });
});

describe('water-level tile by worst band, AQI tile by NowCast', () => {
  // Thốt Nốt reads more centimetres (195, below its BĐ II of 200: BĐ I +5) than Cần Thơ (192: BĐ II, +12 over its BĐ I)
  const withBands = indexCells([
    cell('92', null, 'water_level', 195),
    cell('916', 'wl-can-tho', 'water_level', 192),
    cell('923', 'wl-thot-not', 'water_level', 195),
    cell('916', 'wl-can-tho', 'flood_band', 2),
    cell('923', 'wl-thot-not', 'flood_band', 1),
    cell('916', 'wl-can-tho', 'water_above_bd1', 12),
    cell('923', 'wl-thot-not', 'water_above_bd1', 5),
    cell('92', null, 'aqi', 40),
    cell('92', null, 'aqi_nowcast', 112),
    cell('918', 'aq-tra-noc', 'aqi_nowcast', 112),
  ]);
  it('shows the station in the worst band, not the highest raw level', () => {
    const wl = byId({ cells: withBands }).get('water_level')!;
    expect(wl).toMatchObject({ valueText: '192', maxAt: ['Trạm thủy văn Cần Thơ (sông Hậu)'], band: { id: 'bd2', label: 'BĐ II', above: 2 } });
  });
  it('keeps the raw maximum when no derived band cells exist', () => {
    expect(byId().get('water_level')!.maxAt).toEqual(['Trạm thủy văn Cần Thơ (sông Hậu)']);
  });
  it('uses the hourly NowCast for the AQI tile when the IOC computes it', () => {
    const aqi = buildKpiTiles(input({ cells: withBands })).find((t) => t.indicatorId === 'aqi_nowcast')!;
    expect(aqi).toMatchObject({ valueText: '112', band: { id: 'poor', color: '#FF7E00' }, maxAt: ['Quan trắc không khí KCN Trà Nóc (Bình Thủy)'] });
  });
});
