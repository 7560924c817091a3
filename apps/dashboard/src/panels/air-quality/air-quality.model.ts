import type { Freshness } from '@cityioc/domain';
import { formatNumber, formatObservedAt, unitLabel } from '../../format/format.ts';
import { bandView, type BandView } from '../../cells/band-view.ts';
import { observedAtOf, readingFreshness, stationCell, valueOf, type LiveViewInput } from '../../cells/cells.ts';
import { stationAqi, type AqiSource } from '../../cells/station-aqi.ts';

export interface AirQualityRow {
  stationId: string;
  name: string;
  aqiText: string;
  aqiRaw: number | null;
  /** VN_AQI level: official colour and label. */
  band: BandView | null;
  pm25Text: string;
  pm25Unit: string;
  pm25Stale: boolean;
  freshness: Freshness;
  stale: boolean;
  updated: string | null;
  /** 'nowcast': the hourly VN_AQI the IOC computes from pollutant readings; 'instant': an AQI the station sent. */
  source: AqiSource;
  /** The dominant pollutant's display name (from /api/v1/air-quality), when known. */
  dominant: string | null;
}

/** Display names of the pollutants (chemical notation, the same in both languages). */
export const POLLUTANT_LABELS: Readonly<Record<string, string>> = { pm25: 'PM2.5', pm10: 'PM10', o3: 'O₃', no2: 'NO₂', co: 'CO', so2: 'SO₂' };

export interface AirQualityInput extends LiveViewInput {
  /** station id → dominant pollutant of its NowCast */
  dominant?: ReadonlyMap<string, string>;
}

/** One row per station that measures AQI, worst first; stations without data last. */
export function buildAirQualityRows(input: AirQualityInput): AirQualityRow[] {
  const { catalogue, cells, lang } = input;
  const pm25 = catalogue.indicator('pm25');
  if (!catalogue.indicator('aqi')) return [];
  const rows = catalogue.catalogue.stations
    .filter((s) => s.indicators.includes('aqi'))
    .flatMap((s): AirQualityRow[] => {
      const chosen = stationAqi(catalogue, cells, s);
      if (!chosen) return [];
      const { source, indicator: aqi, cell: aqiCell } = chosen;
      const pmCell = stationCell(cells, s.area, s.id, 'pm25');
      const value = valueOf(aqiCell);
      const observedAt = observedAtOf(aqiCell);
      const fresh = readingFreshness(value, observedAt, aqi.cadenceSec, input.now);
      const pmValue = valueOf(pmCell);
      const pmFresh = pm25 ? readingFreshness(pmValue, observedAtOf(pmCell), pm25.cadenceSec, input.now) : 'none';
      return [
        {
          stationId: s.id,
          name: s.name,
          aqiText: formatNumber(value, aqi.decimals, lang),
          aqiRaw: value,
          band: bandView(value, chosen.bands, lang),
          pm25Text: formatNumber(pmValue, pm25?.decimals ?? 1, lang),
          pm25Unit: unitLabel(pm25?.unit ?? 'µg/m³', lang),
          pm25Stale: pmFresh === 'stale' || input.offline,
          freshness: fresh,
          stale: fresh === 'stale' || input.offline,
          updated: formatObservedAt(observedAt, input.now, input.timeZone),
          source,
          dominant: source === 'nowcast' ? (POLLUTANT_LABELS[input.dominant?.get(s.id) ?? ''] ?? null) : null,
        },
      ];
    });
  return rows.sort((a, b) => (b.aqiRaw ?? -1) - (a.aqiRaw ?? -1));
}
