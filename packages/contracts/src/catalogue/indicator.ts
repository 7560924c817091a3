import { Type, type Static } from 'typebox';
import { LiteralUnion, NullableNumber } from '../common.ts';

/** Vietnamese first, English second: every label in the product carries both. */
export const LabelSchema = Type.Object({
  vi: Type.String({ minLength: 1 }),
  en: Type.String({ minLength: 1 }),
});
export type Label = Static<typeof LabelSchema>;

/**
 * How leaf series combine up the area tree.
 * - sum: Σ of the latest value of each leaf series
 * - avg: mean of the latest value of each leaf series
 * - ratio: Σnumerator / Σdenominator (never an average of percentages)
 * - last: the most recently observed leaf value
 * - max: the highest leaf value
 */
export const AggregationKindSchema = LiteralUnion(['sum', 'avg', 'ratio', 'last', 'max']);
export type AggregationKind = Static<typeof AggregationKindSchema>;

/** Which way is better: up (more is better), down (less is better), none. */
export const DirectionSchema = LiteralUnion(['up', 'down', 'none']);
export type Direction = Static<typeof DirectionSchema>;

/**
 * A band starts at `from` (inclusive) and runs to the next band's `from`. Bands are sorted
 * ascending. `from: null` is open-ended below (JSON has no -Infinity), e.g. "below BĐ I".
 */
export const BandSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  label: LabelSchema,
  from: NullableNumber,
  color: Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }),
});
export type Band = Static<typeof BandSchema>;

export const IndicatorSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
  name: LabelSchema,
  /** Unit as displayed: '%', 'cm', 'hồ sơ', 'AQI', 'µg/m³' … */
  unit: Type.String(),
  direction: DirectionSchema,
  aggregation: AggregationKindSchema,
  /** Expected seconds between observations of one series; a value older than 2× is stale. */
  cadenceSec: Type.Integer({ minimum: 1 }),
  /** Decimal places when displayed (ratios are shown as percentages). */
  decimals: Type.Integer({ minimum: 0, maximum: 6 }),
  /** Inclusive plausible range for a single observation; values outside are rejected. */
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  /** Default bands; a station may override them with its own (water-level alert levels differ by station). */
  bands: Type.Optional(Type.Array(BandSchema)),
  /** A target for the indicator, in display units (a ratio target of 30 means 30 %). */
  target: Type.Optional(Type.Number()),
  domain: LiteralUnion(['admin', 'reporting', 'monitoring']),
  /** Computed by the IOC from another feed (e.g. 'dossiers'): not accepted as a posted observation. */
  derivedFrom: Type.Optional(Type.String()),
});
export type Indicator = Static<typeof IndicatorSchema>;
