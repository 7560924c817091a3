import { VN_UTC_OFFSET_MS } from '../calendar/local-time.ts';
import { aqiSubIndex, roundAqi, type AqiPollutant } from './vn-aqi.ts';

/**
 * VN_AQI over time, Decision 1459/QĐ-TCMT (2019): hourly AQI with a NowCast for PM2.5 and PM10,
 * daily AQI from 24-hour means. Pure: hourly means are passed in, the clock is the caller's.
 */
const HOUR_MS = 3_600_000;

/** Raw pollutant indicators the IOC accepts (µg/m³); O₃ is the 1-hour concentration. */
export const POLLUTANTS = ['pm25', 'pm10', 'o3', 'no2', 'co', 'so2'] as const;
export type Pollutant = (typeof POLLUTANTS)[number];

/** The sub-index table each raw pollutant uses for hourly values. */
const HOURLY_TABLE: Record<Pollutant, AqiPollutant> = { pm25: 'pm25', pm10: 'pm10', o3: 'o3_1h', no2: 'no2', co: 'co', so2: 'so2' };

/** O₃ 8-hour breakpoints (µg/m³) for I = 0/50/100/150/200/300; no value above 400. */
const O3_8H_BP = [0, 100, 120, 170, 210, 400];
const O3_8H_LEVELS = [0, 50, 100, 150, 200, 300];

export function o3EightHourSubIndex(c: number): number | null {
  if (c > 400) return null;
  if (c <= 0) return 0;
  for (let i = 0; i < O3_8H_BP.length - 1; i++) {
    const lo = O3_8H_BP[i]!;
    const hi = O3_8H_BP[i + 1]!;
    if (c <= hi) return ((O3_8H_LEVELS[i + 1]! - O3_8H_LEVELS[i]!) / (hi - lo)) * (c - lo) + O3_8H_LEVELS[i]!;
  }
  return null;
}

/**
 * NowCast of the last 12 hourly means, newest first (`hourly[0]` is the last complete hour);
 * null for a missing hour. w* = Cmin/Cmax over the hours present, w = max(w*, ½),
 * NowCast = Σ w^(i−1)·cᵢ / Σ w^(i−1) over the hours present (a missing hour weighs 0).
 * Null unless at least 2 of the 3 newest hours are present.
 */
export function nowCast(hourly: readonly (number | null | undefined)[]): number | null {
  const h = hourly.slice(0, 12);
  const recent = h.slice(0, 3).filter((c) => c !== null && c !== undefined).length;
  if (recent < 2) return null;
  const present = h.filter((c): c is number => c !== null && c !== undefined);
  const cmax = Math.max(...present);
  const cmin = Math.min(...present);
  const w = cmax <= 0 ? 1 : Math.max(cmin / cmax, 0.5);
  let num = 0;
  let den = 0;
  for (let i = 0; i < h.length; i++) {
    const c = h[i];
    if (c === null || c === undefined) continue;
    const wi = w ** i;
    num += wi * c;
    den += wi;
  }
  return num / den;
}

export interface AqiResult {
  /** Rounded to the nearest integer (`roundAqi`, QĐ 1459 §2.2.1.c, §2.2.2.c). */
  aqi: number;
  dominant: Pollutant;
  /** Each pollutant's sub-index (not rounded). */
  subIndices: Partial<Record<Pollutant, number>>;
}

function combine(sub: Partial<Record<Pollutant, number>>): AqiResult | null {
  if (sub.pm25 === undefined && sub.pm10 === undefined) return null;
  let best: { aqi: number; dominant: Pollutant } | null = null;
  for (const p of POLLUTANTS) {
    const v = sub[p];
    if (v === undefined) continue;
    if (!best || v > best.aqi) best = { aqi: v, dominant: p };
  }
  return best && { aqi: roundAqi(best.aqi), dominant: best.dominant, subIndices: sub };
}

/**
 * Hourly VN_AQI: PM2.5 and PM10 by NowCast of their last 12 hourly means, the other pollutants
 * by their last 1-hour mean. `hourly[p][0]` is the last complete hour. Null without PM.
 */
export function hourlyAqi(hourly: Partial<Record<Pollutant, readonly (number | null | undefined)[]>>): AqiResult | null {
  const sub: Partial<Record<Pollutant, number>> = {};
  for (const p of POLLUTANTS) {
    const series = hourly[p];
    if (!series) continue;
    const c = p === 'pm25' || p === 'pm10' ? nowCast(series) : (series[0] ?? null);
    if (c !== null) sub[p] = aqiSubIndex(HOURLY_TABLE[p], c);
  }
  return combine(sub);
}

/** Hours of O₃ before a day that its first 8-hour windows reach back to (18:00–24:00 of the day before). */
export const O3_EIGHT_HOUR_LOOKBACK = 7;

/**
 * The day's highest 8-hour O₃ mean, QĐ 1459 §2.2.2.a: the 8-hour mean ending at each of the day's
 * 24 hours is the mean of that hour and the 7 before it, so the windows ending at 01:00…07:00 reach
 * into the previous evening (the decision's own table starts the 01:00 window at 18:00 the day
 * before). `before` holds those 7 hours, oldest first; `day` the day's 24. A window needs 6 of its
 * 8 hours (the usual 75 % completeness; the decision leaves it open). Null without any window.
 */
export function o3EightHourMax(day: readonly (number | null | undefined)[], before: readonly (number | null | undefined)[] = []): number | null {
  const lookback = Array.from({ length: O3_EIGHT_HOUR_LOOKBACK }, (_, i) => before[before.length - O3_EIGHT_HOUR_LOOKBACK + i] ?? null);
  const hours = [...lookback, ...day.slice(0, 24)];
  let best: number | null = null;
  for (let end = O3_EIGHT_HOUR_LOOKBACK; end < hours.length; end++) {
    const win = hours.slice(end - 7, end + 1).filter((c): c is number => c !== null && c !== undefined);
    if (win.length < 6) continue;
    const mean = win.reduce((a, b) => a + b, 0) / win.length;
    if (best === null || mean > best) best = mean;
  }
  return best;
}

/**
 * Daily VN_AQI from one local day's 24 hourly means (index 0 = 00:00–01:00, the hour ending 01:00),
 * QĐ 1459 §2.2.2: PM by the 24-hour mean of the hours present, SO₂, NO₂, CO by the highest 1-hour
 * mean, O₃ by the larger of the sub-indices of its highest 1-hour mean and its highest 8-hour mean
 * (`o3EightHourMax`, with `o3Before`: the 7 hours before the day); the 8-hour one is not used when
 * that highest 8-hour mean is above 400 µg/m³.
 * PM needs at least 18 of the 24 hours (the usual 75 % completeness rule; the decision leaves it open).
 */
export function dailyAqi(
  day: Partial<Record<Pollutant, readonly (number | null | undefined)[]>>,
  opts: { o3Before?: readonly (number | null | undefined)[]; minPmHours?: number } = {},
): AqiResult | null {
  const minPmHours = opts.minPmHours ?? 18;
  const sub: Partial<Record<Pollutant, number>> = {};
  for (const p of POLLUTANTS) {
    const series = day[p];
    if (!series) continue;
    const present = series.slice(0, 24).filter((c): c is number => c !== null && c !== undefined);
    if (present.length === 0) continue;
    if (p === 'pm25' || p === 'pm10') {
      if (present.length < minPmHours) continue;
      sub[p] = aqiSubIndex(p, present.reduce((a, b) => a + b, 0) / present.length);
    } else if (p === 'o3') {
      const oneHour = aqiSubIndex('o3_1h', Math.max(...present));
      const eight = o3EightHourMax(series, opts.o3Before);
      const eightSub = eight === null ? null : o3EightHourSubIndex(eight);
      sub.o3 = eightSub !== null && eightSub > oneHour ? eightSub : oneHour;
    } else sub[p] = aqiSubIndex(HOURLY_TABLE[p], Math.max(...present));
  }
  return combine(sub);
}

/** The hour number (epoch hours) a reading falls in; hour h covers [h·1h, (h+1)·1h). */
export const hourOf = (t: number): number => Math.floor(t / HOUR_MS);

/**
 * Hourly means of raw readings per station and pollutant, enough to compute the NowCast
 * (12 h) and yesterday's daily value: up to 47 h back from the hour in progress, plus the 7
 * evening hours before yesterday that its first 8-hour O₃ windows use, plus one hour for a
 * reading slightly ahead of the clock. Readings are kept as per-hour sum/count, so a reading
 * arriving late still lands in its hour.
 */
export class HourlyMeans {
  private readonly hours = new Map<string, Map<number, { sum: number; n: number }>>();
  constructor(private readonly keepHours = 56) {}

  add(station: string, pollutant: Pollutant, t: number, value: number): void {
    const key = `${station}|${pollutant}`;
    let m = this.hours.get(key);
    if (!m) this.hours.set(key, (m = new Map()));
    const h = hourOf(t);
    const cell = m.get(h);
    if (cell) {
      cell.sum += value;
      cell.n++;
    } else m.set(h, { sum: value, n: 1 });
    if (m.size > this.keepHours + 4) {
      const newest = Math.max(...m.keys());
      for (const k of m.keys()) if (k < newest - this.keepHours) m.delete(k);
    }
  }

  /** The kept hours as plain data (station|pollutant, [hour, sum, count]…), for checkpoints. Bounded by `keepHours`. */
  exportState(): [string, [number, number, number][]][] {
    return [...this.hours].map(([key, m]) => [key, [...m].map(([h, c]): [number, number, number] => [h, c.sum, c.n])]);
  }

  /** Loads hours exported by `exportState` into this empty instance. */
  importState(data: readonly [string, readonly [number, number, number][]][]): void {
    if (this.hours.size > 0) throw new Error('importState needs empty hourly means');
    for (const [key, hours] of data) this.hours.set(key, new Map(hours.map(([h, sum, n]) => [h, { sum, n }])));
  }

  /** Means of `count` hours ending with hour `lastHour`, newest first. */
  series(station: string, pollutant: Pollutant, lastHour: number, count: number): (number | null)[] {
    const m = this.hours.get(`${station}|${pollutant}`);
    const out: (number | null)[] = [];
    for (let i = 0; i < count; i++) {
      const c = m?.get(lastHour - i);
      out.push(c ? c.sum / c.n : null);
    }
    return out;
  }

  /**
   * The station's hourly AQI at `now`: NowCast over the complete hours before `now`.
   * (The hour in progress is not used.)
   */
  hourly(station: string, now: number): AqiResult | null {
    const last = hourOf(now) - 1;
    const input: Partial<Record<Pollutant, (number | null)[]>> = {};
    for (const p of POLLUTANTS) input[p] = this.series(station, p, last, 12);
    return hourlyAqi(input);
  }

  /** The daily AQI of the last complete local day (Asia/Ho_Chi_Minh) before `now`. */
  daily(station: string, now: number): AqiResult | null {
    const dayStartHour = hourOf(Math.floor((now + VN_UTC_OFFSET_MS) / 86_400_000) * 86_400_000 - VN_UTC_OFFSET_MS) - 24;
    const input: Partial<Record<Pollutant, (number | null)[]>> = {};
    for (const p of POLLUTANTS) input[p] = this.series(station, p, dayStartHour + 23, 24).reverse();
    const o3Before = this.series(station, 'o3', dayStartHour - 1, O3_EIGHT_HOUR_LOOKBACK).reverse();
    return dailyAqi(input, { o3Before });
  }
}
