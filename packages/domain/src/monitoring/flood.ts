import type { Band } from '@cityioc/contracts';

/**
 * Water-level stations have different alert levels (BĐ I at Cần Thơ is 180 cm, at Thốt Nốt 190 cm
 * in the demo), so raw centimetres are not comparable across stations. Each reading therefore also
 * yields its band rank (0 below BĐ I, 1 BĐ I, 2 BĐ II, 3 BĐ III) and its margin to the station's
 * own BĐ I in cm (negative below); both aggregate by max, so an area shows its worst station.
 */
export function floodSeverity(value: number, bands: readonly Band[]): { rank: number; band: Band | null; aboveBd1: number | null } {
  let rank = 0;
  let band: Band | null = null;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.from === null || value >= b.from) {
      rank = i;
      band = b;
    } else break;
  }
  const first = bands.find((b) => b.from !== null);
  // rank counts the finite thresholds crossed: an open-ended first band ("below BĐ I") is rank 0
  if (bands[0]?.from !== null && band) rank += 1;
  return { rank, band, aboveBd1: first ? value - first.from! : null };
}
