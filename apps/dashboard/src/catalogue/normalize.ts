import type { Band, Catalogue, Station } from '@cityioc/contracts';

/**
 * JSON has no -Infinity, so an open-ended first band (`from: -Infinity`, e.g. "below BĐ I")
 * arrives as `from: null`. Restore it, or `bandOf` would compare against null (= 0) and put a
 * negative water level in no band at all.
 */
export function normalizeBands(bands: readonly Band[]): Band[] {
  return bands.map((b) => (typeof b.from === 'number' ? b : { ...b, from: -Infinity }));
}

export function normalizeCatalogue(raw: Catalogue): Catalogue {
  return {
    ...raw,
    indicators: raw.indicators.map((i) => (i.bands ? { ...i, bands: normalizeBands(i.bands) } : i)),
    stations: raw.stations.map((s): Station => {
      if (!s.bands) return s;
      const bands: Record<string, Band[]> = {};
      for (const [id, list] of Object.entries(s.bands)) bands[id] = normalizeBands(list);
      return { ...s, bands };
    }),
  };
}
