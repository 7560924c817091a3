import type { Band } from '@cityioc/contracts';

/** The band a value falls in (bands sorted ascending by `from`), or undefined below the first. */
export function bandOf(value: number, bands: readonly Band[]): Band | undefined {
  let found: Band | undefined;
  for (const b of bands) {
    if (b.from === null || value >= b.from) found = b;
    else break;
  }
  return found;
}

/**
 * How far a value is above the highest alert band it has crossed, in the value's unit
 * (for water levels: cm above BĐ I/II/III). Null below the first finite threshold.
 */
export function exceedance(value: number, bands: readonly Band[]): { band: Band; above: number } | null {
  const b = bandOf(value, bands);
  if (!b || b.from === null) return null;
  return { band: b, above: value - b.from };
}
