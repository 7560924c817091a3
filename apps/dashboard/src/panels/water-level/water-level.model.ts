import type { Band, Station } from '@cityioc/contracts';
import { freshness, type CatalogueIndex, type Freshness } from '@cityioc/domain';
import { formatNumber, formatObservedAt } from '../../format/format.ts';
import { bandView, type BandView } from '../../cells/band-view.ts';
import { observedAtOf, stationCell, valueOf, type LiveViewInput } from '../../cells/cells.ts';

export interface WaterStationRow {
  stationId: string;
  name: string;
  valueText: string;
  raw: number | null;
  band: BandView | null;
  /** Thresholds are illustrative (thresholdSource 'demo'), not official. */
  demoThresholds: boolean;
  freshness: Freshness;
  stale: boolean;
  updated: string | null;
}

export function waterLevelStations(catalogue: CatalogueIndex): Station[] {
  return catalogue.catalogue.stations.filter((s) => s.indicators.includes('water_level'));
}

/**
 * The station whose alert levels the chart draws: the first with official thresholds
 * (the Cần Thơ hydrological station), else the first with any.
 */
export function referenceStation(catalogue: CatalogueIndex): { station: Station; bands: Band[] } | null {
  const candidates = waterLevelStations(catalogue)
    .map((station) => ({ station, bands: catalogue.bandsFor('water_level', station.id) }))
    .filter((c): c is { station: Station; bands: Band[] } => Array.isArray(c.bands) && c.bands.length > 0);
  return candidates.find((c) => c.station.thresholdSource && c.station.thresholdSource !== 'demo') ?? candidates[0] ?? null;
}

export function buildWaterStationRows(input: LiveViewInput): WaterStationRow[] {
  const indicator = input.catalogue.indicator('water_level');
  if (!indicator) return [];
  return waterLevelStations(input.catalogue).map((s) => {
    const c = stationCell(input.cells, s.area, s.id, 'water_level');
    const raw = valueOf(c);
    const observedAt = observedAtOf(c);
    const fresh = raw === null ? 'none' : freshness(observedAt, indicator.cadenceSec, input.now);
    return {
      stationId: s.id,
      name: s.name,
      valueText: formatNumber(raw, indicator.decimals, input.lang),
      raw,
      band: bandView(raw, input.catalogue.bandsFor('water_level', s.id), input.lang, true),
      demoThresholds: s.thresholdSource === 'demo',
      freshness: fresh,
      stale: fresh === 'stale' || input.offline,
      updated: formatObservedAt(observedAt, input.now, input.timeZone),
    };
  });
}
