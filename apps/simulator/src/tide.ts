import type { Band, ObservationInput, Station } from '@cityioc/contracts';
import { CAN_THO_STATIONS } from '@cityioc/domain';
import { observationId } from './ids.ts';
import { toLocalRfc3339 } from './time.ts';

/**
 * The demo's water level on the Hậu river: the top of a flood-season spring tide (triều cường),
 * the part of the curve that matters on the wall — around each station's BĐ I–III lines.
 *
 * The curve is defined in RIVER time (hours of the real river, measured from the simulator's
 * start) as a chain of extremes — high, low, high, low … — joined by half cosines, so it is smooth
 * (its slope is 0 at every high and low and continuous everywhere):
 * - a semi-diurnal tide: one high every M2 period (12 h 25 min) give or take up to 36 minutes,
 *   drawn from the seed (the spring-tide schedule);
 * - mixed: higher highs and lower highs alternate (diurnal inequality), every high above BĐ I
 *   (a spring tide), the higher ones often reaching BĐ II and sometimes BĐ III;
 * - every low at least 8 cm under BĐ I, so the flood-band alert (deadband 3 cm) clears in between
 *   and each high raises a new alert;
 * - the rise and fall are capped at 10 cm per river hour (each low is lifted if needed), plus a
 *   smooth ±1 cm wobble (two slow sines with seeded phases, no white noise).
 *
 * The simulator maps wall time to river time with the demo's compression, SIM_TIDE_SPEED
 * (default 30: one wall minute = 30 river minutes, a high every 22.4–27.2 wall minutes, the first
 * BĐ I crossing at Cần Thơ 1.6 wall minutes after the start), which makes the wall move by at most
 * 5 cm a minute from the tide (≤ 6 cm with the wobble and rounding), typically 2–4. The real
 * river falls much further between highs; the demo shows the top of its tide, damped, so that a compressed
 * demo still moves at a believable pace.
 */

const HOUR_MS = 3_600_000;
const MIN_MS = 60_000;

/** Principal lunar semi-diurnal period (M2): the mean interval between two highs. */
export const M2_PERIOD_MS = 12.4206012 * HOUR_MS;
/** The demo's compression: one wall minute is 30 river minutes (a high every ~25 wall minutes); the IOC's demo rules are compressed alike. */
export { DEMO_TIDE_SPEED } from '@cityioc/domain';
/** How far a high may fall from the M2 rhythm, either way (drawn from the seed). */
export const HIGH_JITTER_MS = 0.6 * HOUR_MS;
/** Steepest rise or fall of the tide itself, cm per river hour (5 cm per wall minute at 30×). */
export const MAX_RATE_CM_PER_RIVER_HOUR = 10;
/**
 * The opening of every run (river time from the start): the first high at 4 h (8 wall minutes at
 * 30×), a big one (+18 cm over BĐ I at Cần Thơ, into BĐ II), after a low of −16 cm, so the level
 * starts at about BĐ I − 6 cm and rises through BĐ I within the first two wall minutes.
 */
const FIRST_HIGH_MS = 4 * HOUR_MS;
const FIRST_HIGH_CM = 18;
const FIRST_LOW_CM = -16;
/** Highs over BĐ I, cm: higher highs (even k) and lower highs (odd k). */
const HIGHER_HIGH_CM: [number, number] = [8, 22];
const LOWER_HIGH_CM: [number, number] = [3, 12];
/** Lows against BĐ I, cm: drawn in this range, lifted when the rate cap needs it, never above the ceiling. */
const LOW_CM: [number, number] = [-24, -14];
/** Smooth wobble: amplitude (cm) and period (river hours) of each sine. */
const WOBBLE: [number, number][] = [
  [0.6, 4.3],
  [0.4, 7.1],
];

export interface TideStationParams {
  /** BĐ I of the station (cm, national height datum): the curve is drawn against it. */
  bd1Cm: number;
  /** Multiplies the curve (the wave is a little larger downstream, flatter upstream). */
  ampFactor: number;
  /** River minutes the tide arrives after Cần Thơ (upstream later, downstream earlier). */
  lagMin: number;
}

/** Amplitude and lag per station; each station's BĐ I comes from the catalogue (can-tho.stations.json). */
const STATION_SHAPE: Record<string, Omit<TideStationParams, 'bd1Cm'>> = {
  'wl-cai-rang': { ampFactor: 1.03, lagMin: -20 },
  'wl-can-tho': { ampFactor: 1, lagMin: 0 },
  'wl-o-mon': { ampFactor: 0.96, lagMin: 45 },
  'wl-thot-not': { ampFactor: 0.9, lagMin: 80 },
};

/** The catalogue's water-level stations. */
export const WATER_LEVEL_STATIONS: Station[] = CAN_THO_STATIONS.filter((s) => s.indicators.includes('water_level'));

/** BĐ I, II, III of a station from its catalogue bands (cm). */
export function alertLevelsCm(station: Station): number[] {
  const bands: Band[] = station.bands?.water_level ?? [];
  return bands.flatMap((b) => (b.from === null || b.from === undefined ? [] : [b.from]));
}

export function tideParams(stationId: string): TideStationParams {
  const st = WATER_LEVEL_STATIONS.find((s) => s.id === stationId);
  const bd1Cm = (st && alertLevelsCm(st)[0]) ?? 180;
  return { bd1Cm, ...(STATION_SHAPE[stationId] ?? { ampFactor: 1, lagMin: 0 }) };
}

/** A uniform number in [0, 1) from (seed, k, salt) without state, so any extreme is found in O(1). */
function hash01(seed: number, k: number, salt: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(k | 0, 0x85ebca77) ^ Math.imul(salt, 0xc2b2ae3d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const between = ([lo, hi]: [number, number], u: number) => lo + (hi - lo) * u;

/** River time of high k (k = 0 is the opening high). */
export function highTime(seed: number, k: number): number {
  const jitter = k === 0 || k === -1 ? 0 : (2 * hash01(seed, k, 1) - 1) * HIGH_JITTER_MS;
  return FIRST_HIGH_MS + k * M2_PERIOD_MS + jitter;
}

/** Height of high k over BĐ I at Cần Thơ, cm. */
export function highHeight(seed: number, k: number): number {
  if (k === 0) return FIRST_HIGH_CM;
  return between(k % 2 === 0 ? HIGHER_HIGH_CM : LOWER_HIGH_CM, hash01(seed, k, 2));
}

/** The largest change a half cosine may make over `durationMs` without passing the rate cap. */
function maxSwing(durationMs: number): number {
  return (2 * MAX_RATE_CM_PER_RIVER_HOUR * (durationMs / HOUR_MS)) / Math.PI;
}

/** The low between high k and high k+1: halfway in time; height against BĐ I at Cần Thơ. */
export function lowAfter(seed: number, k: number): { t: number; cm: number } {
  const h0 = highTime(seed, k);
  const h1 = highTime(seed, k + 1);
  const t = (h0 + h1) / 2;
  if (k === -1) return { t, cm: FIRST_LOW_CM };
  const drawn = between(LOW_CM, hash01(seed, k, 3));
  const capped = Math.max(highHeight(seed, k), highHeight(seed, k + 1)) - maxSwing((h1 - h0) / 2);
  return { t, cm: Math.max(drawn, capped) };
}

/** Noise-free curve at Cần Thơ, cm against BĐ I, at river time `riverMs` (from the start). */
export function tideCurve(seed: number, riverMs: number): number {
  // the high at or before riverMs: k from the mean rhythm, then corrected for the jitter
  let k = Math.floor((riverMs - FIRST_HIGH_MS) / M2_PERIOD_MS);
  while (highTime(seed, k) > riverMs) k--;
  while (highTime(seed, k + 1) <= riverMs) k++;
  const high = { t: highTime(seed, k), cm: highHeight(seed, k) };
  const low = lowAfter(seed, k);
  const next = { t: highTime(seed, k + 1), cm: highHeight(seed, k + 1) };
  const [a, b] = riverMs < low.t ? [high, low] : [low, next];
  const x = (riverMs - a.t) / (b.t - a.t);
  return a.cm + ((b.cm - a.cm) * (1 - Math.cos(Math.PI * x))) / 2;
}

/** The smooth ±1 cm wobble of a station (phases from the seed and the station). */
function wobble(seed: number, stationSalt: number, riverMs: number): number {
  return WOBBLE.reduce((sum, [amp, periodH], i) => {
    const phase = 2 * Math.PI * hash01(seed, stationSalt, 10 + i);
    return sum + amp * Math.sin((2 * Math.PI * riverMs) / (periodH * HOUR_MS) + phase);
  }, 0);
}

function salt(stationId: string): number {
  let h = 7;
  for (const c of stationId) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

/** Water level (cm) at a station at river time `riverMs` from the start, wobble included. */
export function tideLevel(params: TideStationParams, seed: number, riverMs: number, stationId = ''): number {
  const r = riverMs - params.lagMin * MIN_MS;
  return params.bd1Cm + params.ampFactor * tideCurve(seed, r) + wobble(seed, salt(stationId), r);
}

/**
 * The tide clock: river time runs `speed` times faster than the wall from `originMs` (the
 * simulator start), while observations keep real `observedAt` times.
 */
export interface TideClock {
  /** Wall time of the start: river time 0. */
  originMs: number;
  /** River minutes per wall minute (1 = real time; the demo's 30). */
  speed: number;
  /** Shifts river time, e.g. to start later in the schedule. */
  offsetMs?: number;
  /** Seed of the spring-tide schedule (the simulator's SIM_SEED). */
  seed: number;
}

/** River time (ms since the start) at wall time `nowMs`. */
export function riverTime(nowMs: number, clock: TideClock): number {
  return (nowMs - clock.originMs) * clock.speed + (clock.offsetMs ?? 0);
}

/** One water-level observation per water-level station at wall time `nowMs`, in whole cm as a station reports. */
export function tideObservations(nowMs: number, clock: TideClock): ObservationInput[] {
  return levelsAt(nowMs, riverTime(nowMs, clock), clock.seed);
}

/**
 * The river before the demo started, at its real pace: the water level of every station every
 * `stepMs` over the `hours` before `endMs` (the start), on a grid of `stepMs` so that a restart
 * re-creates the same ids. River time runs back from the start at 1×: the same schedule of highs
 * and lows as the demo, 12 h 25 min apart as on the real Hậu river, rising and falling 10 cm an
 * hour at most, and joined without a step to the compressed demo at the start.
 */
export function tideHistory(endMs: number, hours: number, stepMs: number, clock: TideClock): ObservationInput[] {
  const out: ObservationInput[] = [];
  const realPace: TideClock = { ...clock, speed: 1 };
  for (let t = Math.ceil((endMs - hours * HOUR_MS) / stepMs) * stepMs; t < endMs; t += stepMs) out.push(...levelsAt(t, riverTime(t, realPace), clock.seed));
  return out;
}

function levelsAt(nowMs: number, river: number, seed: number): ObservationInput[] {
  const observedAt = toLocalRfc3339(nowMs);
  return WATER_LEVEL_STATIONS.map((st) => ({
    id: observationId(st.id, 'water_level', nowMs),
    indicator: 'water_level',
    area: st.area,
    station: st.id,
    observedAt,
    value: Math.round(tideLevel(tideParams(st.id), seed, river, st.id)),
  }));
}
