/**
 * The value axis and the row labels of a rate ranking, pure. A wall compares 90.9 % with 100 %:
 * on a 0–100 % axis those bars look alike, so the axis starts just below the lowest shown rate,
 * at a readable step, and the chart draws a break from 0 to that floor so no one reads it as 0.
 */

/** Tick steps a reader takes in at a glance (fractions: 1, 2, 5, 10, 20 %). */
const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2] as const;
/** At most this many intervals between the floor and 100 %. */
const MAX_INTERVALS = 6;
/** Room below the lowest bar: a tenth of the spread, at least 2 points, so the lowest bar still shows. */
const MIN_PAD = 0.02;

export interface RateAxis {
  /** Where the axis starts (0..1); 0 means no break. */
  floor: number;
  /** The tick interval. */
  step: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The axis of rates (fractions 0..1) from the values shown: a floor below the lowest, on a readable step, never below 0 or above 1. */
export function rateAxis(values: readonly (number | null)[]): RateAxis {
  const shown = values.filter((v): v is number => v !== null && Number.isFinite(v)).map(clamp01);
  if (shown.length === 0) return { floor: 0, step: 0.2 };
  const low = Math.min(...shown);
  const target = Math.max(0, low - Math.max(MIN_PAD, (1 - low) / 10));
  const step = STEPS.find((s) => (1 - target) / s <= MAX_INTERVALS) ?? 0.2;
  const floor = round6(Math.floor(round6(target / step)) * step);
  // A floor of one step or less is not worth a break: draw the whole axis.
  return { floor: floor <= step ? 0 : floor, step };
}

/** 'Ủy ban nhân dân' is written 'UBND' in every Vietnamese administrative table (English: PC). */
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/^Ủy ban nhân dân\s+/u, 'UBND '],
  [/^Uỷ ban nhân dân\s+/u, 'UBND '],
  [/^People's Committee of\s+/u, 'PC of '],
  [/\s+People's Committee$/u, ' PC'],
];

/**
 * A name short enough for a row label (at most `max` characters): the usual abbreviations, then cut
 * at the last word boundary with '…' — never mid-word. The full name stays in the tooltip.
 */
export function shortName(name: string, max: number): string {
  let s = name.trim().replace(/\s+/gu, ' ');
  for (const [re, to] of ABBREVIATIONS) s = s.replace(re, to);
  const chars = [...s];
  if (chars.length <= max) return s;
  // The first max characters and the one after: a word that ends right at the limit is kept.
  const head = chars.slice(0, max).join('');
  const cut = head.lastIndexOf(' ');
  // One word longer than the row: keep it whole rather than cut it.
  if (cut <= 0) return s.split(' ')[0]! + (s.includes(' ') ? '…' : '');
  return `${head.slice(0, cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
