import { indexCatalogue } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { indexCells } from '../../cells/cells.ts';
import { catalogueFixture, cell, NOW } from '../../test/fixtures.ts';
import { buildAirQualityRows } from './air-quality.model.ts';

const catalogue = indexCatalogue(catalogueFixture());
const base = { catalogue, now: NOW, offline: false, lang: 'vi' as const, timeZone: 'Asia/Ho_Chi_Minh' };

describe('buildAirQualityRows', () => {
  const rows = buildAirQualityRows({
    ...base,
    cells: indexCells([
      cell('31135', 'aq-ninh-kieu', 'aqi', 42),
      cell('31135', 'aq-ninh-kieu', 'pm25', 18.44),
      cell('31174', 'aq-tra-noc', 'aqi', 156, { observedAt: NOW - 3 * 3600_000 }),
      cell('31174', 'aq-tra-noc', 'pm25', 81.2, { observedAt: NOW - 3 * 3600_000 }),
    ]),
  });

  it('lists every AQI station, worst first, missing last', () => {
    expect(rows.map((r) => r.stationId)).toEqual(['aq-tra-noc', 'aq-ninh-kieu', 'aq-cai-rang']);
  });

  it('colours each station with the official VN_AQI level', () => {
    expect(rows[1]!.band).toMatchObject({ id: 'good', label: 'Tốt', color: '#00E400' });
    // dark text on the official red: 4.73:1, where white would be 4.00:1 (below WCAG AA's 4.5:1)
    expect(rows[0]!.band).toMatchObject({ id: 'bad', label: 'Xấu', color: '#FF0000', textColor: '#0b1020' });
  });

  it('formats AQI and PM2.5 with the catalogue decimals', () => {
    expect(rows[1]!.aqiText).toBe('42');
    expect(rows[1]!.pm25Text).toBe('18,4');
    expect(rows[1]!.pm25Unit).toBe('µg/m³');
    expect(rows[1]!.updated).toBe('07:29:00');
  });

  it('greys out a reading older than 2 h (cadence 1 h) and shows a dash for a silent station', () => {
    expect(rows[0]!.stale).toBe(true);
    expect(rows[0]!.pm25Stale).toBe(true);
    expect(rows[1]!.stale).toBe(false);
    expect(rows[2]).toMatchObject({ aqiText: '—', pm25Text: '—', band: null, freshness: 'none', updated: null });
  });
});

describe('buildAirQualityRows with the NowCast', () => {
  it('prefers the hourly NowCast the IOC computes, with the dominant pollutant and the official colour', () => {
    const rows = buildAirQualityRows({
      ...base,
      cells: indexCells([cell('31174', 'aq-tra-noc', 'aqi', 40), cell('31174', 'aq-tra-noc', 'aqi_nowcast', 75)]),
      dominant: new Map([['aq-tra-noc', 'no2']]),
    });
    const r = rows.find((x) => x.stationId === 'aq-tra-noc')!;
    expect(r).toMatchObject({ source: 'nowcast', aqiText: '75', dominant: 'NO₂', band: { id: 'moderate', color: '#FFFF00' } });
  });
  it('falls back to the AQI the station sent, without a dominant pollutant', () => {
    const rows = buildAirQualityRows({ ...base, cells: indexCells([cell('31174', 'aq-tra-noc', 'aqi', 40)]), dominant: new Map([['aq-tra-noc', 'no2']]) });
    expect(rows.find((x) => x.stationId === 'aq-tra-noc')).toMatchObject({ source: 'instant', aqiText: '40', dominant: null });
  });
});
