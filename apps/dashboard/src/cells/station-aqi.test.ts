import { indexCatalogue } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { catalogueFixture, cell, NOW } from '../test/fixtures.ts';
import { indexCells } from './cells.ts';
import { stationAqi } from './station-aqi.ts';

const catalogue = indexCatalogue(catalogueFixture());
const station = { id: 'aq-tra-noc', area: '918' };

describe('stationAqi: the one AQI of an air station', () => {
  it('is the hourly NowCast when the server has derived one, whatever the station posted meanwhile', () => {
    const cells = indexCells([cell('918', 'aq-tra-noc', 'aqi', 180, { observedAt: NOW - 2000 }), cell('918', 'aq-tra-noc', 'aqi_nowcast', 72)]);
    const aqi = stationAqi(catalogue, cells, station)!;
    expect(aqi.source).toBe('nowcast');
    expect(aqi.indicator.id).toBe('aqi_nowcast');
    expect(aqi.cell?.value).toBe(72);
    expect(aqi.bands?.map((b) => b.id)).toEqual(catalogue.bandsFor('aqi_nowcast')!.map((b) => b.id));
  });

  it('is the AQI the station sent when there is no NowCast (no pollutant readings, or a null NowCast)', () => {
    expect(stationAqi(catalogue, indexCells([cell('918', 'aq-tra-noc', 'aqi', 40)]), station)).toMatchObject({ source: 'instant', cell: { value: 40 } });
    const nullNowcast = indexCells([cell('918', 'aq-tra-noc', 'aqi', 40), cell('918', 'aq-tra-noc', 'aqi_nowcast', null)]);
    expect(stationAqi(catalogue, nullNowcast, station)).toMatchObject({ source: 'instant', indicator: { id: 'aqi' } });
    expect(stationAqi(catalogue, indexCells([]), station)).toMatchObject({ source: 'instant', cell: undefined });
  });
});
