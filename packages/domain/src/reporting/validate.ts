import type { ItemError, ReportSubmissionInput, ReportValue } from '@cityioc/contracts';
import {
  CAN_THO_REGIMES,
  CAN_THO_REPORTING_UNITS,
  REPORTING_INDICATORS,
  type ReportingIndicator,
  type ReportingRegime,
  reportsFor,
  type ReportingUnit,
} from './catalogue.ts';
import { parseReportPeriod, type ReportPeriod } from './period.ts';
import { foldText } from './vi-number.ts';

export interface ReportingCatalogue {
  indicators: Map<string, ReportingIndicator>;
  units: Map<string, ReportingUnit>;
  regimes: Map<string, ReportingRegime>;
  /** folded name/alias/code → indicator id */
  indicatorNames: Map<string, string>;
  /** folded name/alias/code → unit codes (one name may be a district's before the 2025 reform and a commune's after it) */
  unitNames: Map<string, string[]>;
}

export function indexReporting(
  indicators: readonly ReportingIndicator[] = REPORTING_INDICATORS,
  units: readonly ReportingUnit[] = CAN_THO_REPORTING_UNITS,
  regimes: readonly ReportingRegime[] = CAN_THO_REGIMES,
): ReportingCatalogue {
  const indicatorNames = new Map<string, string>();
  for (const i of indicators) for (const n of [i.id, i.name.vi, i.name.en]) indicatorNames.set(foldText(n), i.id);
  const unitNames = new Map<string, string[]>();
  for (const u of units)
    for (const n of [u.code, u.name, ...u.aliases]) {
      const list = unitNames.get(foldText(n)) ?? [];
      if (!list.includes(u.code)) list.push(u.code);
      unitNames.set(foldText(n), list);
    }
  return {
    indicators: new Map(indicators.map((i) => [i.id, i])),
    units: new Map(units.map((u) => [u.code, u])),
    regimes: new Map(regimes.map((r) => [r.id, r])),
    indicatorNames,
    unitNames,
  };
}

/** An indicator by id, or by its Vietnamese/English name as typed in a sheet (case, diacritics and spacing ignored). */
export function resolveIndicator(cat: ReportingCatalogue, text: string): ReportingIndicator | null {
  const id = cat.indicators.has(text) ? text : cat.indicatorNames.get(foldText(text));
  return id ? (cat.indicators.get(id) ?? null) : null;
}

/**
 * A unit by code or name. A name several units carried (quận Ninh Kiều until 2025, phường Ninh
 * Kiều after it) resolves to the one that reports for `period`, else to the latest.
 */
export function resolveUnit(cat: ReportingCatalogue, text: string, period?: ReportPeriod): ReportingUnit | null {
  if (cat.units.has(text)) return cat.units.get(text)!;
  const found = (cat.unitNames.get(foldText(text)) ?? []).map((c) => cat.units.get(c)!);
  if (found.length <= 1) return found[0] ?? null;
  const fits = period ? found.filter((u) => reportsFor(u, period)) : [];
  if (fits.length === 1) return fits[0]!;
  return [...found].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? '')).at(-1)!;
}

/** The regimes that cover an indicator for a unit and a period kind. */
export function regimesFor(cat: ReportingCatalogue, indicator: string, unit: string, period: ReportPeriod): ReportingRegime[] {
  return [...cat.regimes.values()].filter((r) => r.indicators.includes(indicator) && r.units.includes(unit) && r.periodKinds.includes(period.kind));
}

const err = (field: string, reason: string, message: string): ItemError => ({ field, reason, message });

/** Checks one value's shape and range against its indicator; `at` prefixes the field paths. */
export function checkReportValue(ind: ReportingIndicator, v: Omit<ReportValue, 'indicator'>, at: string): ItemError[] {
  const out: ItemError[] = [];
  const hasParts = v.numerator !== undefined || v.denominator !== undefined;
  if (hasParts) {
    if (ind.aggregation !== 'ratio') out.push(err(`${at}/numerator`, 'not_a_ratio', `${ind.id} is not a ratio: send value, not numerator/denominator`));
    else if (v.numerator === undefined || v.denominator === undefined)
      out.push(err(`${at}/${v.numerator === undefined ? 'numerator' : 'denominator'}`, 'required', 'a ratio needs both numerator and denominator'));
    else if (v.denominator === 0) out.push(err(`${at}/denominator`, 'range', 'the denominator is 0'));
    else if (v.numerator > v.denominator) out.push(err(`${at}/numerator`, 'range', `the numerator ${v.numerator} exceeds the denominator ${v.denominator}`));
    if (v.value !== undefined && v.numerator !== undefined && v.denominator !== undefined && v.denominator > 0) {
      const pct = (v.numerator / v.denominator) * 100;
      // a printed percentage is rounded; more than one point off means the parts and the value disagree
      if (Math.abs(pct - v.value) > 1)
        out.push(err(`${at}/value`, 'inconsistent', `value ${v.value} disagrees with numerator/denominator (${pct.toFixed(2)} %)`));
    }
  } else if (v.value === undefined) {
    out.push(err(`${at}/value`, 'required', ind.aggregation === 'ratio' ? 'send value (percent) or numerator and denominator' : 'send value'));
  }
  if (v.value !== undefined) {
    const min = ind.min ?? (ind.unit === '%' ? 0 : undefined);
    const max = ind.max ?? (ind.unit === '%' ? 100 : undefined);
    if ((min !== undefined && v.value < min) || (max !== undefined && v.value > max))
      out.push(err(`${at}/value`, 'range', `${v.value} is outside ${min ?? '−∞'}…${max ?? '∞'} for ${ind.id}`));
  }
  return out;
}

/** A unit that did not exist on the period's cut-off day: unit_not_valid_at, naming its successors (the units that report instead). */
export function unitNotInForce(unit: ReportingUnit, period: ReportPeriod): ItemError {
  const day = period.cutoffEnd;
  const ended = unit.validTo !== undefined && unit.validTo <= day;
  const successors = ended ? (unit.successors ?? []) : [];
  const message = ended
    ? `unit ${unit.code} (${unit.name}) ended on ${unit.validTo}; it does not report for ${period.id} (cut-off ${day})${successors.length ? `: its successors are ${successors.join(', ')}` : ''}`
    : `unit ${unit.code} (${unit.name}) starts on ${unit.validFrom}; it does not report for ${period.id} (cut-off ${day})`;
  return { field: '/unit', reason: 'unit_not_valid_at', message, successors };
}

export type CheckedReport = { ok: true; period: ReportPeriod; regime: ReportingRegime; unit: ReportingUnit } | { ok: false; errors: ItemError[] };

/** Checks a report against the catalogue: regime, unit, period, each value; every error is reported. */
export function checkReport(cat: ReportingCatalogue, input: ReportSubmissionInput): CheckedReport {
  const errors: ItemError[] = [];
  const regime = cat.regimes.get(input.regime);
  const unit = cat.units.get(input.unit);
  const p = parseReportPeriod(input.period);
  if (!regime) errors.push(err('/regime', 'unknown_regime', `regime '${input.regime}' does not exist (known: ${[...cat.regimes.keys()].join(', ')})`));
  if (!unit) errors.push(err('/unit', 'unknown_unit', `unit '${input.unit}' is neither an area nor an agency code of the catalogue`));
  else if (regime && !regime.units.includes(unit.code)) errors.push(err('/unit', 'not_in_regime', `unit ${unit.code} does not report under ${regime.id}`));
  else if (p.ok && !reportsFor(unit, p.period)) errors.push(unitNotInForce(unit, p.period));
  if (!p.ok) errors.push(err('/period', p.reason === 'malformed' ? 'malformed_period' : 'nonexistent_period', p.message));
  else if (regime && !regime.periodKinds.includes(p.period.kind))
    errors.push(err('/period', 'period_not_in_regime', `${regime.id} has no ${p.period.kind} reports (it has ${regime.periodKinds.join(', ')})`));
  const seen = new Set<string>();
  input.values.forEach((v, i) => {
    const at = `/values/${i}`;
    const ind = cat.indicators.get(v.indicator);
    if (!ind) return errors.push(err(`${at}/indicator`, 'unknown_indicator', `indicator '${v.indicator}' is not in the reporting catalogue`));
    if (regime && !regime.indicators.includes(ind.id)) errors.push(err(`${at}/indicator`, 'not_in_regime', `${ind.id} is not reported under ${regime.id}`));
    if (seen.has(ind.id)) errors.push(err(`${at}/indicator`, 'duplicate', `${ind.id} appears twice in one report`));
    seen.add(ind.id);
    errors.push(...checkReportValue(ind, v, at));
  });
  if (errors.length > 0 || !regime || !unit || !p.ok) return { ok: false, errors };
  return { ok: true, period: p.period, regime, unit };
}

/** Two reports carry the same values (order ignored): a resubmission of them changes nothing. */
export function sameValues(a: readonly ReportValue[], b: readonly ReportValue[]): boolean {
  if (a.length !== b.length) return false;
  const key = (v: ReportValue) => JSON.stringify([v.indicator, v.value ?? null, v.numerator ?? null, v.denominator ?? null, v.provenance ?? null]);
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.every((k, i) => k === kb[i]);
}
