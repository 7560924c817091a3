/**
 * VN_AQI sub-indices, Decision 1459/QĐ-TCMT (2019). Concentrations in µg/m³.
 * The overall AQI is the maximum sub-index rounded up to an integer: the decision says
 * 'rounded to an integer', and its own worked example (NO₂ 118.7 → 59.35 → AQI 60) rounds up.
 * PM10 or PM2.5 is required.
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

export function vnAqi(concentrations: Partial<Record<AqiPollutant, number>>): { aqi: number; dominant: AqiPollutant } | null {
  if (concentrations.pm25 === undefined && concentrations.pm10 === undefined) return null;
  let best: { aqi: number; dominant: AqiPollutant } | null = null;
  for (const [p, c] of Object.entries(concentrations) as [AqiPollutant, number | undefined][]) {
    if (c === undefined) continue;
    const sub = aqiSubIndex(p, c);
    if (!best || sub > best.aqi) best = { aqi: sub, dominant: p };
  }
  return best && { aqi: Math.ceil(best.aqi - 1e-9), dominant: best.dominant };
}
