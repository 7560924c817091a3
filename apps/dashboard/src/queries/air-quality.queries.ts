import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

export interface AirQualityStation {
  station: string;
  area: string;
  nowcast: { aqi: number; dominant: string } | null;
  daily: { aqi: number; dominant: string } | null;
  at: number | null;
}

/** Per-station VN_AQI with the dominant pollutant; the NowCast changes at most hourly. */
export function airQualityQuery(scope: string) {
  return queryOptions({
    queryKey: ['air-quality', scope],
    queryFn: ({ signal }) => getJson<{ serverTime: number; stations: AirQualityStation[] }>(`/api/v1/air-quality/${encodeURIComponent(scope)}`, signal),
    staleTime: 60_000,
    refetchInterval: 120_000,
  });
}
