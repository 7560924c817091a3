import type { AlertSeverity, Label } from '@cityioc/contracts';

/**
 * Alert rules as data. A rule watches one indicator at every station that measures it
 * (or only `stations`). Hold times and deadbands stop a signal that hovers around a level
 * from raising more than one alert.
 */
interface RuleBase {
  id: string;
  indicator: string;
  /** Only these stations (default: every station measuring the indicator). */
  stations?: string[];
  /** Optional wording instead of the generated title. */
  title?: Label;
}

/** Value at or above `level` (a number, or a band of the station such as BĐ I) for `holdSec`; clears below level − deadband. */
export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  level: number | { band: string };
  deadband: number;
  holdSec: number;
  severity: AlertSeverity;
}

/**
 * Band changes (flood BĐ I/II/III, VN_AQI levels): an episode starts when the band reaches
 * `minBand` and lasts until it falls below; each band change within it escalates or de-escalates
 * the same alert. Leaving a band needs the value below its lower bound by `deadband`.
 */
export interface BandRule extends RuleBase {
  kind: 'band';
  minBand: string;
  deadband: number;
  holdSec: number;
  severityByBand: Record<string, AlertSeverity>;
}

/** Rise faster than `risePerHour` (in the indicator's unit) measured over `windowSec`; clears below risePerHour − deadband. */
export interface RateRule extends RuleBase {
  kind: 'rate';
  risePerHour: number;
  windowSec: number;
  deadband: number;
  holdSec: number;
  severity: AlertSeverity;
}

/** A station silent for longer than `factor` × the indicator's cadence; cleared by its next reading. */
export interface SilenceRule extends RuleBase {
  kind: 'silence';
  factor: number;
  severity: AlertSeverity;
}

export type AlertRule = ThresholdRule | BandRule | RateRule | SilenceRule;

/** The default rules for Cần Thơ (IOC_ALERT_RULES_FILE replaces them). */
export const CAN_THO_ALERT_RULES: AlertRule[] = [
  {
    id: 'flood-band',
    kind: 'band',
    indicator: 'water_level',
    minBand: 'bd1',
    deadband: 3,
    holdSec: 600,
    severityByBand: { bd1: 'medium', bd2: 'high', bd3: 'critical' },
  },
  { id: 'water-rise', kind: 'rate', indicator: 'water_level', risePerHour: 20, windowSec: 3600, deadband: 5, holdSec: 900, severity: 'medium' },
  {
    id: 'aqi-band',
    kind: 'band',
    indicator: 'aqi_nowcast',
    minBand: 'poor',
    deadband: 5,
    holdSec: 0,
    severityByBand: { poor: 'medium', bad: 'high', very_bad: 'critical', hazardous: 'critical' },
  },
  { id: 'pm25-high', kind: 'threshold', indicator: 'pm25', level: 150, deadband: 10, holdSec: 1800, severity: 'high' },
  { id: 'water-level-silent', kind: 'silence', indicator: 'water_level', factor: 2, severity: 'low' },
  { id: 'pm25-silent', kind: 'silence', indicator: 'pm25', factor: 2, severity: 'low' },
];

const SEVERITIES = ['low', 'medium', 'high', 'critical'];

/** Checks a rule set read from configuration; returns one message per problem (empty when valid). */
export function ruleSetErrors(rules: unknown, known: { indicator(id: string): unknown }): string[] {
  if (!Array.isArray(rules)) return ['the rule set must be a JSON array'];
  const errs: string[] = [];
  const ids = new Set<string>();
  rules.forEach((r: Record<string, unknown>, i) => {
    const at = `rule ${i}${typeof r?.id === 'string' ? ` (${r.id})` : ''}`;
    if (!r || typeof r !== 'object') return errs.push(`${at}: not an object`);
    if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(r.id)) errs.push(`${at}: id must match [a-z0-9][a-z0-9_-]*`);
    else if (ids.has(r.id)) errs.push(`${at}: duplicate id`);
    else ids.add(r.id);
    if (typeof r.indicator !== 'string' || !known.indicator(r.indicator)) errs.push(`${at}: unknown indicator '${String(r.indicator)}'`);
    const num = (k: string, min = 0) => {
      if (typeof r[k] !== 'number' || !Number.isFinite(r[k]) || (r[k] as number) < min) errs.push(`${at}: ${k} must be a number ≥ ${min}`);
    };
    const sev = (v: unknown, k: string) => {
      if (!SEVERITIES.includes(v as string)) errs.push(`${at}: ${k} must be one of ${SEVERITIES.join(', ')}`);
    };
    switch (r.kind) {
      case 'threshold':
        if (!(typeof r.level === 'number' || (typeof r.level === 'object' && r.level !== null && typeof (r.level as { band?: unknown }).band === 'string')))
          errs.push(`${at}: level must be a number or {"band": id}`);
        num('deadband');
        num('holdSec');
        sev(r.severity, 'severity');
        break;
      case 'band':
        if (typeof r.minBand !== 'string') errs.push(`${at}: minBand is required`);
        num('deadband');
        num('holdSec');
        if (typeof r.severityByBand !== 'object' || r.severityByBand === null) errs.push(`${at}: severityByBand is required`);
        else for (const [b, s] of Object.entries(r.severityByBand)) sev(s, `severityByBand.${b}`);
        break;
      case 'rate':
        num('risePerHour', 0);
        num('windowSec', 60);
        num('deadband');
        num('holdSec');
        sev(r.severity, 'severity');
        break;
      case 'silence':
        num('factor', 1);
        sev(r.severity, 'severity');
        break;
      default:
        errs.push(`${at}: kind must be threshold, band, rate or silence`);
    }
    if (r.stations !== undefined && !(Array.isArray(r.stations) && r.stations.every((s) => typeof s === 'string')))
      errs.push(`${at}: stations must be an array of ids`);
    return undefined;
  });
  return errs;
}

/** The demo's compression of the tide (the simulator's SIM_TIDE_SPEED default): one wall minute is 30 river minutes. */
export const DEMO_TIDE_SPEED = 30;

/**
 * The rules for a river whose time runs `speed` times faster than the wall clock (the demo's tide):
 * every water-level rule judges river time, so its hold times and windows are divided by the speed
 * and its rates (per hour) multiplied by it. A compressed tide then raises exactly what the real
 * river would at real pace: the flood band holds 10 river minutes (20 s at 30×), and the rise rule
 * (20 cm per river hour over one river hour, 2 minutes at 30×) stays quiet on a spring tide, which
 * rises 10 cm an hour at most. Silence rules stay in wall time (the feed's cadence is real), and
 * the other indicators are not compressed.
 */
export function forCompressedRiver(rules: readonly AlertRule[], speed: number): AlertRule[] {
  return rules.map((r): AlertRule => {
    if (r.indicator !== 'water_level' || r.kind === 'silence') return r;
    if (r.kind !== 'rate') return { ...r, holdSec: r.holdSec / speed };
    return { ...r, holdSec: r.holdSec / speed, windowSec: r.windowSec / speed, risePerHour: r.risePerHour * speed, deadband: r.deadband * speed };
  });
}

/** The rules of the demo (IOC_DEMO): the Cần Thơ defaults on the demo's tide, compressed DEMO_TIDE_SPEED times. */
export const CAN_THO_DEMO_ALERT_RULES: AlertRule[] = forCompressedRiver(CAN_THO_ALERT_RULES, DEMO_TIDE_SPEED);
