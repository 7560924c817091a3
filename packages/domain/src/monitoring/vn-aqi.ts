/**
 * VN_AQI sub-indices, Decision 1459/QĐ-TCMT (12/11/2019) of the Vietnam Environment Administration.
 * Concentrations in µg/m³. The overall AQI is the maximum sub-index, rounded by `roundAqi`.
 * PM10 or PM2.5 is required (§2.1.b).
 */
const LEVELS = [0, 50, 100, 150, 200, 300, 400, 500];
export const VN_AQI_BREAKPOINTS = {
  pm25: [0, 25, 50, 80, 150, 250, 350, 500],
  pm10: [0, 50, 150, 250, 350, 420, 500, 600],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  co: [0, 10000, 30000, 45000, 60000, 90000, 120000, 150000],
  so2: [0, 125, 350, 550, 800, 1600, 2100, 2630],
  no2: [0, 100, 200, 700, 1200, 2350, 3100, 3850],
} as const;
export type AqiPollutant = keyof typeof VN_AQI_BREAKPOINTS;

/** Linear interpolation between breakpoints; concentrations above the last breakpoint give 500. */
export function aqiSubIndex(pollutant: AqiPollutant, c: number): number {
  const bp = VN_AQI_BREAKPOINTS[pollutant];
  if (c <= 0) return 0;
  for (let i = 0; i < bp.length - 1; i++) {
    const lo = bp[i]!;
    const hi = bp[i + 1]!;
    if (c <= hi) return ((LEVELS[i + 1]! - LEVELS[i]!) / (hi - lo)) * (c - lo) + LEVELS[i]!;
  }
  return 500;
}

/**
 * The one rounding rule of VN_AQI, for the hourly and the daily value alike: to the nearest
 * integer, halves up.
 *
 * QĐ 1459/QĐ-TCMT §2.2.1.c and §2.2.2.c: "Giá trị AQI giờ được làm tròn thành số nguyên" and
 * "Giá trị AQI ngày được làm tròn thành số nguyên" — rounded to an integer, not rounded up
 * ("làm tròn lên"). The worked example of §2.3 agrees in six of its seven sub-indices: O₃ 42.53 → 43,
 * PM2.5 40.6 → 41, O₃ 8 h 44.65 → 45, O₃ 1 h 35.81 → 36, NO₂ 65.4 → 65, PM2.5 109.5 → 110. Its hourly
 * NO₂ (118.7 µg/m³ → 59.35, printed 60) is the one figure that only rounding up gives, but rounding
 * up contradicts the same example's daily NO₂ (130.8 µg/m³ → 65.4, printed 65) and the text, so
 * it is read as a slip of the example. Consequence at the first boundary: PM2.5 25.1 µg/m³ → 50.2
 * → 50, "Tốt" (green); 25.25 µg/m³ → 50.5 → 51, "Trung bình".
 */
export function roundAqi(subIndex: number): number {
  // the tolerance absorbs floating-point error at exact halves (109.5 computed as 109.49999…)
  return Math.floor(subIndex + 0.5 + 1e-9);
}

export function vnAqi(concentrations: Partial<Record<AqiPollutant, number>>): { aqi: number; dominant: AqiPollutant } | null {
  if (concentrations.pm25 === undefined && concentrations.pm10 === undefined) return null;
  let best: { aqi: number; dominant: AqiPollutant } | null = null;
  for (const [p, c] of Object.entries(concentrations) as [AqiPollutant, number | undefined][]) {
    if (c === undefined) continue;
    const sub = aqiSubIndex(p, c);
    if (!best || sub > best.aqi) best = { aqi: sub, dominant: p };
  }
  return best && { aqi: roundAqi(best.aqi), dominant: best.dominant };
}
