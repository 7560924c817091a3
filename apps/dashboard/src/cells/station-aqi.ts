import type { Band, Cell, Indicator } from '@cityioc/contracts';
import type { CatalogueIndex } from '@cityioc/domain';
import { stationCell, valueOf, type CellIndex } from './cells.ts';

/** Which VN_AQI a station shows: the hourly NowCast the IOC derives, or the AQI the station sent itself. */
export type AqiSource = 'nowcast' | 'instant';

export interface StationAqi {
  source: AqiSource;
  indicator: Indicator;
  cell: Cell | undefined;
  bands: readonly Band[] | undefined;
}

/**
 * The one rule for the AQI of an air station, used by the map and the air-quality panel alike:
 * the hourly VN_AQI (NowCast, QĐ 1459/QĐ-TCMT) that the server derives from the pollutant
 * readings whenever it has a value, otherwise the instantaneous `aqi` the station posts (every
 * few seconds on some feeds), which is all a station without pollutant readings offers.
 * Null when the catalogue knows neither indicator.
 */
export function stationAqi(catalogue: CatalogueIndex, cells: CellIndex, station: { id: string; area: string }): StationAqi | null {
  const nowcast = catalogue.indicator('aqi_nowcast');
  const ncCell = nowcast ? stationCell(cells, station.area, station.id, 'aqi_nowcast') : undefined;
  if (nowcast && valueOf(ncCell) !== null) return { source: 'nowcast', indicator: nowcast, cell: ncCell, bands: bandsOf(catalogue, 'aqi_nowcast', station.id) };
  const instant = catalogue.indicator('aqi');
  if (!instant) return null;
  return { source: 'instant', indicator: instant, cell: stationCell(cells, station.area, station.id, 'aqi'), bands: bandsOf(catalogue, 'aqi', station.id) };
}

/** The indicator's own VN_AQI levels (catalogue data), falling back on those of `aqi`. */
function bandsOf(catalogue: CatalogueIndex, indicatorId: string, stationId: string): readonly Band[] | undefined {
  return catalogue.bandsFor(indicatorId, stationId) ?? catalogue.bandsFor('aqi', stationId);
}
