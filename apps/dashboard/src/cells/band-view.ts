import type { Band } from '@cityioc/contracts';
import { bandOf, exceedance } from '@cityioc/domain';
import { readableTextColor, type Lang } from '../format/format.ts';

/** A band as the screen shows it: a coloured chip with its label. */
/** Indicators whose bands are alert levels, shown with the exceedance. */
export const ALERT_LEVEL_INDICATORS: ReadonlySet<string> = new Set(['water_level']);

export interface BandView {
  id: string;
  label: string;
  color: string;
  textColor: string;
  /** Above a finite threshold: by how much, in the value's unit (water levels: cm over BĐ x). */
  above: number | null;
}

/**
 * `withExceedance`: alert-level bands (water levels: "+4 cm over BĐ I", QĐ 05/2020) say by how
 * much a threshold is passed; category bands such as VN_AQI levels do not.
 */
export function bandView(value: number | null, bands: readonly Band[] | undefined, lang: Lang, withExceedance = false): BandView | null {
  if (value === null || !bands || bands.length === 0) return null;
  const band = bandOf(value, bands);
  if (!band) return null;
  const ex = withExceedance ? exceedance(value, bands) : null;
  return {
    id: band.id,
    label: band.label[lang],
    color: band.color,
    textColor: readableTextColor(band.color),
    above: ex ? ex.above : null,
  };
}
