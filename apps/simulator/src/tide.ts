import type { ObservationInput, Station } from '@cityioc/contracts';
import { CAN_THO_STATIONS } from '@cityioc/domain';
import { observationId } from './ids.ts';
import type { Rng } from './rng.ts';
import { toLocalRfc3339 } from './time.ts';

const HOUR_MS = 3_600_000;

/** Principal lunar semi-diurnal period (M2). */
export const M2_PERIOD_MS = 12.4206012 * HOUR_MS;
/** Principal solar semi-diurnal period (S2). M2 and S2 beat every 14.77 days: springs and neaps. */
export const S2_PERIOD_MS = 12 * HOUR_MS;
/** One lunar day: two highs and two lows. */
export const LUNAR_DAY_MS = 2 * M2_PERIOD_MS;
/** Spring–neap period, 1 / (1/S2 − 1/M2) ≈ 14.77 days (half a synodic month). */
export const SPRING_NEAP_MS = 1 / (1 / S2_PERIOD_MS - 1 / M2_PERIOD_MS);

/**
 * Phase reference: a moment when M2 and S2 crest together at the Cần Thơ station (a spring
 * high water). It is an S2 crest at 00:00 UTC (07:00 local), about 1.3 days after the new
 * moon of 6 Jan 2000 18:14 UTC, so at speed 1 springs fall near lunar days 1–3 and 15–17
 * with highs around 07:00 and 19:00 local, as observed at Cần Thơ.
 */
export const TIDE_PHASE_REF_MS = Date.UTC(2000, 0, 8, 0, 0, 0);

/** Amplitudes at the Cần Thơ station, cm; other stations scale them. */
const A_M2 = 88;
const A_S2 = 34;
/**
 * Diurnal inequality: a once-per-lunar-day term locked to M2, so one high of each day is
 * higher than the other. Real K1/O1 would make springs seasonal; locking keeps every spring
 * tide of the demo reaching the alert levels.
 */
const A_DIURNAL = 16;
const DIURNAL_PHASE = 0.5;
const NOISE_CM = 1.5;

export interface TideStationParams {
  /** Mean level against the national height datum, cm. */
  meanCm: number;
  /** Multiplies the tidal amplitudes (the wave flattens upstream). */
  ampFactor: number;
  /** Minutes the tide arrives after Cần Thơ (upstream later, downstream earlier). */
  lagMin: number;
}

/**
 * Tuned so every spring tide crosses each station's BĐ III by 10–20 cm (Cần Thơ ≈ 214 cm
 * against the 227 cm record) while neap highs stay below BĐ I and troughs sit near −50..+35 cm.
 * Thốt Nốt, furthest upstream, has the later tide and the higher mean river stage.
 */
export const TIDE_PARAMS: Record<string, TideStationParams> = {
  'wl-cai-rang': { meanCm: 76, ampFactor: 1.03, lagMin: -20 },
  'wl-can-tho': { meanCm: 80, ampFactor: 1, lagMin: 0 },
  'wl-o-mon': { meanCm: 89, ampFactor: 0.96, lagMin: 45 },
  'wl-thot-not': { meanCm: 102, ampFactor: 0.9, lagMin: 100 },
};
const DEFAULT_PARAMS: TideStationParams = { meanCm: 80, ampFactor: 1, lagMin: 0 };

/** The catalogue's water-level stations. */
export const WATER_LEVEL_STATIONS: Station[] = CAN_THO_STATIONS.filter((s) => s.indicators.includes('water_level'));

export function tideParams(stationId: string): TideStationParams {
  return TIDE_PARAMS[stationId] ?? DEFAULT_PARAMS;
}

/** Noise-free water level (cm) at a station at tide time `tideMs`. */
export function tideLevel(params: TideStationParams, tideMs: number): number {
  const t = tideMs - params.lagMin * 60_000 - TIDE_PHASE_REF_MS;
  const m2 = A_M2 * Math.cos((2 * Math.PI * t) / M2_PERIOD_MS);
  const s2 = A_S2 * Math.cos((2 * Math.PI * t) / S2_PERIOD_MS);
  const d = A_DIURNAL * Math.cos((2 * Math.PI * t) / LUNAR_DAY_MS + DIURNAL_PHASE);
  return params.meanCm + params.ampFactor * (m2 + s2 + d);
}

/**
 * The tide clock. Acceleration applies to the tide phase only: tide time runs `speed` times
 * faster than the wall from `originMs`, while observations keep real `observedAt` times.
 */
export interface TideClock {
  /** Wall time at which tide time and wall time coincide (the simulator start). */
  originMs: number;
  /** 1 = real time; 120 = one 12.42 h cycle in about 6 minutes. */
  speed: number;
  /** Shifts tide time, e.g. to start a demo just before a spring tide. */
  offsetMs?: number;
}

export function tideTime(nowMs: number, clock: TideClock): number {
  return clock.originMs + (nowMs - clock.originMs) * clock.speed + (clock.offsetMs ?? 0);
}

/** One water-level observation per water-level station at wall time `nowMs`. */
export function tideObservations(nowMs: number, clock: TideClock, rng: Rng): ObservationInput[] {
  const tau = tideTime(nowMs, clock);
  const observedAt = toLocalRfc3339(nowMs);
  return WATER_LEVEL_STATIONS.map((st) => ({
    id: observationId(st.id, 'water_level', nowMs),
    indicator: 'water_level',
    area: st.area,
    station: st.id,
    observedAt,
    value: Math.round(tideLevel(tideParams(st.id), tau) + NOISE_CM * rng.normal()),
  }));
}
