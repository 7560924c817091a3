import type { ObservationInput, Station } from '@cityioc/contracts';
import { CAN_THO_STATIONS, vnAqi } from '@cityioc/domain';
import { observationId } from './ids.ts';
import airModelFile from './air-model.data.json' with { type: 'json' };
import type { Rng } from './rng.ts';
import { localParts, toLocalRfc3339 } from './time.ts';

const HOUR_MS = 3_600_000;

export interface AirStationParams {
  /** Typical PM2.5 in µg/m³ before the daily cycle. */
  baseUgm3: number;
  /** Weight of the morning and evening traffic peaks (0 = none). */
  traffic: number;
}

/** The demo's air model, calibrated in air-model.data.json. */
export interface AirModel {
  /** Per station: Trà Nóc is an industrial park, with a higher background and a flatter daily cycle. */
  stations: Record<string, AirStationParams>;
  /** A station of the catalogue that `stations` does not name. */
  otherStation: AirStationParams;
  /** Multiplier of the industrial background (SO₂, NO₂) per station (1 where not named). */
  industrial: Record<string, number>;
  /** Slow drift: an Ornstein–Uhlenbeck walk in log space, relaxing over `relaxHours`, of standard deviation `sd`. */
  walk: { relaxHours: number; sd: number };
  /** Regional episodes (smoke from burning straw, night inversions): one every `everyHours` on average, lasting and peaking within the ranges. */
  episodes: { everyHours: number; minHours: number; maxHours: number; peakMin: number; peakMax: number };
  /** Relative white noise of every reading. */
  noiseRel: number;
  /** A gap longer than this (a paused process) is not integrated as one giant step. */
  maxStepHours: number;
}

export const AIR_MODEL: AirModel = airModelFile;
const { walk: WALK, episodes: EPISODES, noiseRel: NOISE_REL } = AIR_MODEL;

/** The catalogue's air-quality stations (those measuring PM2.5). */
export const AIR_STATIONS: Station[] = CAN_THO_STATIONS.filter((s) => s.indicators.includes('pm25'));
const paramsOf = (stationId: string): AirStationParams => AIR_MODEL.stations[stationId] ?? AIR_MODEL.otherStation;

export interface AirEpisode {
  startMs: number;
  endMs: number;
  /** Multiplier at the height of the episode. */
  peak: number;
}

export interface AirState {
  lastMs: number;
  /** Log-space drift per station id. */
  walk: Record<string, number>;
  episode: AirEpisode | null;
}

function bump(hour: number, centre: number, width: number): number {
  // Circular distance on the 24 h clock.
  const d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
  return Math.exp(-(d * d) / (2 * width * width));
}

/** Daily cycle multiplier at a local hour: traffic peaks ~07:30 and ~19:00, afternoon mixing dip. */
export function dailyCycle(hour: number, traffic: number): number {
  return 1 + traffic * (0.55 * bump(hour, 7.5, 1.2) + 0.75 * bump(hour, 19, 1.6)) - 0.3 * bump(hour, 14, 2.5);
}

/** Episode multiplier at `nowMs`: rises and falls smoothly between start and end. */
export function episodeFactor(ep: AirEpisode | null, nowMs: number): number {
  if (!ep || nowMs < ep.startMs || nowMs >= ep.endMs) return 1;
  const progress = (nowMs - ep.startMs) / (ep.endMs - ep.startMs);
  return 1 + (ep.peak - 1) * Math.sin(Math.PI * progress);
}

export function initAir(nowMs: number, rng: Rng): AirState {
  const walk: Record<string, number> = {};
  for (const st of AIR_STATIONS) walk[st.id] = WALK.sd * rng.normal();
  return { lastMs: nowMs, walk, episode: null };
}

/** PM2.5 (µg/m³, one decimal, within [0, 500]) at a station for a given state. */
export function pm25At(stationId: string, state: AirState, nowMs: number, rng: Rng): number {
  const p = paramsOf(stationId);
  const walk = state.walk[stationId] ?? 0;
  const raw =
    p.baseUgm3 *
    dailyCycle(localParts(nowMs).hour, p.traffic) *
    Math.exp(walk - (WALK.sd * WALK.sd) / 2) *
    episodeFactor(state.episode, nowMs) *
    (1 + NOISE_REL * rng.normal());
  return Math.round(Math.min(500, Math.max(0, raw)) * 10) / 10;
}

/**
 * The other pollutants of VN_AQI (µg/m³), loosely tied to PM2.5 and the hour: PM10 ≈ 1.6 × PM2.5,
 * NO₂ and CO follow traffic, O₃ peaks in the early afternoon sun, SO₂ is industrial. Illustrative
 * demo values, not a model of Cần Thơ's air.
 */
export function otherPollutants(stationId: string, pm25: number, nowMs: number, rng: Rng): { pm10: number; o3: number; no2: number; co: number; so2: number } {
  const p = paramsOf(stationId);
  const hour = localParts(nowMs).hour;
  const ind = AIR_MODEL.industrial[stationId] ?? 1;
  const noise = () => 1 + NOISE_REL * rng.normal();
  const r1 = (v: number, max: number) => Math.round(Math.min(max, Math.max(0, v)) * 10) / 10;
  return {
    pm10: r1(pm25 * 1.6 * noise(), 1000),
    o3: r1((40 + 90 * bump(hour, 14, 2.5)) * noise(), 1000),
    no2: r1((20 + 0.9 * pm25 * (0.6 + 0.4 * dailyCycle(hour, p.traffic))) * ind * noise(), 2000),
    co: r1((700 + 35 * pm25) * noise(), 50_000),
    so2: r1((12 + 0.25 * pm25) * ind * noise(), 1000),
  };
}

/**
 * The last `hours` of readings every `stepMs` before `endMs`, on a grid of `stepMs` (a restart
 * re-creates the same ids), from a state of their own: sent once at start so that the IOC can
 * compute the VN_AQI NowCast (12 hourly means) straight away and the analyst's hour and day
 * charts have a history.
 */
export function airHistory(endMs: number, hours: number, stepMs: number, rng: Rng): ObservationInput[] {
  const first = Math.ceil((endMs - hours * HOUR_MS) / stepMs) * stepMs;
  let state = initAir(first, rng);
  const out: ObservationInput[] = [];
  for (let t = first; t < endMs; t += stepMs) {
    const r = stepAir(state, t, rng);
    state = r.state;
    out.push(...r.observations);
  }
  return out;
}

/**
 * Advances the air state to `nowMs` and returns, per station, PM2.5, PM10, O₃, NO₂, CO and SO₂
 * (from which the IOC computes the VN_AQI NowCast) and an instantaneous AQI of the PM2.5
 * (the domain's VN_AQI of the posted PM2.5, as a station without raw data would send it).
 */
export function stepAir(state: AirState, nowMs: number, rng: Rng): { state: AirState; observations: ObservationInput[] } {
  const dtH = Math.min(AIR_MODEL.maxStepHours, Math.max(0, (nowMs - state.lastMs) / HOUR_MS));
  const decay = Math.exp(-dtH / WALK.relaxHours);
  const spread = WALK.sd * Math.sqrt(1 - decay * decay);
  const walk: Record<string, number> = {};
  for (const st of AIR_STATIONS) walk[st.id] = (state.walk[st.id] ?? 0) * decay + spread * rng.normal();

  let episode = state.episode && nowMs < state.episode.endMs ? state.episode : null;
  if (!episode && rng.next() < 1 - Math.exp(-dtH / EPISODES.everyHours)) {
    const hours = EPISODES.minHours + (EPISODES.maxHours - EPISODES.minHours) * rng.next();
    episode = {
      startMs: nowMs,
      endMs: nowMs + hours * HOUR_MS,
      peak: EPISODES.peakMin + (EPISODES.peakMax - EPISODES.peakMin) * rng.next(),
    };
  }

  const next: AirState = { lastMs: nowMs, walk, episode };
  const observedAt = toLocalRfc3339(nowMs);
  const observations: ObservationInput[] = [];
  for (const st of AIR_STATIONS) {
    const pm25 = pm25At(st.id, next, nowMs, rng);
    const aqi = vnAqi({ pm25 })!.aqi;
    observations.push(
      { id: observationId(st.id, 'pm25', nowMs), indicator: 'pm25', area: st.area, station: st.id, observedAt, value: pm25 },
      { id: observationId(st.id, 'aqi', nowMs), indicator: 'aqi', area: st.area, station: st.id, observedAt, value: aqi },
    );
    for (const [indicator, value] of Object.entries(otherPollutants(st.id, pm25, nowMs, rng)))
      observations.push({ id: observationId(st.id, indicator, nowMs), indicator, area: st.area, station: st.id, observedAt, value });
  }
  return { state: next, observations };
}
