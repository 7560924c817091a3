import type { AreaLevel } from '@cityioc/contracts';
import { isMissing, parseBoundaryNumber } from './vi-number.ts';
import { canonicalVi, looseKey, nameKey, stripUnitPrefix } from './vi-text.ts';

/** A registry unit a boundary feature may match (e.g. the units in force on the import's date). */
export interface MatchCandidate {
  code: string;
  name: string;
  type: string;
  level: AreaLevel;
}

/** A GeoJSON-like feature: only `id` and `properties` are read here. */
export interface MatchableFeature {
  id?: string | number | null;
  properties?: Record<string, unknown> | null;
}

export interface MatchOptions {
  /** Property names tried, in order, for the unit code (case-insensitive). */
  codeKeys?: readonly string[];
  /** Property names tried, in order, for the unit name (case-insensitive). */
  nameKeys?: readonly string[];
  /** Property names tried for the unit type ("Phường", "Xã"…), used to tell apart units with one name. */
  typeKeys?: readonly string[];
  /** Property names tried for the area in km². */
  areaKeys?: readonly string[];
}

export type MatchMethod = 'code' | 'feature-id' | 'name' | 'name-unaccented';

export type FeatureMatch =
  | { index: number; status: 'matched'; code: string; by: MatchMethod; areaKm2: number | null; note?: string }
  | { index: number; status: 'duplicate'; code: string; by: MatchMethod; duplicateOf: number }
  | { index: number; status: 'unmatched'; reason: string; name: string | null; codeValue: string | null }
  | { index: number; status: 'ambiguous'; reason: string; candidates: string[] };

export interface MatchReport {
  features: FeatureMatch[];
  /** Candidates no feature matched. */
  missing: MatchCandidate[];
}

const DEFAULTS: Required<MatchOptions> = {
  codeKeys: ['code', 'ma', 'maxa', 'ma_xa', 'madvhc', 'ma_dvhc', 'gso', 'gso_code', 'commune_code', 'ward_code'],
  nameKeys: ['name', 'ten', 'ten_xa', 'tenxa', 'fullname', 'full_name', 'name_3', 'name_2', 'ten_dvhc'],
  typeKeys: ['type', 'loai', 'cap', 'type_3', 'engtype_3', 'administrative_unit'],
  areaKeys: ['areakm2', 'area_km2', 'dien_tich', 'dientich', 'dt', 'area'],
};

function prop(props: Record<string, unknown>, keys: readonly string[]): unknown {
  const lower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
  for (const k of keys) {
    const v = lower.get(k.toLowerCase());
    if (!isMissing(v)) return v;
  }
  return undefined;
}

/** A code as digits, or null ("031135", 31135 and "31135" are the same code). */
function codeDigits(v: unknown): string | null {
  if (isMissing(v)) return null;
  const s = String(v).trim();
  return /^[0-9]+$/.test(s) ? String(Number(s)) : null;
}

/** Unit-type words as prefixes (with marks) or as a whole type value (also without marks). */
const TYPE_PREFIXES: [string, string][] = [
  ['thịtrấn', 'thị trấn'],
  ['thịxã', 'thị xã'],
  ['phường', 'phường'],
  ['xã', 'xã'],
];
const TYPE_WORDS: Record<string, string> = {
  thitran: 'thị trấn',
  tt: 'thị trấn',
  town: 'thị trấn',
  township: 'thị trấn',
  phuong: 'phường',
  ward: 'phường',
  xa: 'xã',
  commune: 'xã',
};

function typeOf(text: string | undefined): string | null {
  if (!text) return null;
  const compact = canonicalVi(text)
    .toLowerCase()
    .replace(/[\s.]+/g, '');
  const whole = TYPE_WORDS[looseKey(text)];
  if (whole) return whole;
  for (const [prefix, type] of TYPE_PREFIXES) if (compact.startsWith(prefix)) return type;
  return null;
}

/**
 * Matches boundary features to registry units: by code (string or number, with or without leading
 * zeros, in a property or in Feature.id), else by name across tone placement, case, missing spaces,
 * the unit-type prefix and lookalike letters (Ð/ð for Đ/đ), else by the unaccented name when that is
 * unambiguous. "NA"-like values count as missing. Reports every feature (matched and how, duplicate,
 * unmatched, ambiguous) and every candidate no feature matched.
 */
export function matchFeatures(features: readonly MatchableFeature[], candidates: readonly MatchCandidate[], options: MatchOptions = {}): MatchReport {
  const opts = { ...DEFAULTS, ...options };
  const byCode = new Map<string, MatchCandidate[]>();
  const byName = new Map<string, MatchCandidate[]>();
  const byLoose = new Map<string, MatchCandidate[]>();
  const push = (m: Map<string, MatchCandidate[]>, k: string, c: MatchCandidate) => {
    const list = m.get(k) ?? [];
    if (!list.includes(c)) list.push(c);
    m.set(k, list);
  };
  for (const c of candidates) {
    push(byCode, String(Number(c.code)), c);
    push(byName, nameKey(stripUnitPrefix(c.name)), c);
    push(byLoose, looseKey(stripUnitPrefix(c.name)), c);
  }

  const taken = new Map<string, number>();
  const out: FeatureMatch[] = features.map((f, index): FeatureMatch => {
    const props = f.properties ?? {};
    const codeValue = prop(props, opts.codeKeys);
    const rawName = prop(props, opts.nameKeys);
    const name = typeof rawName === 'string' ? canonicalVi(rawName) : null;
    const areaKm2 = parseBoundaryNumber(prop(props, opts.areaKeys));
    const typeHint = typeOf(typeof prop(props, opts.typeKeys) === 'string' ? (prop(props, opts.typeKeys) as string) : undefined) ?? typeOf(name ?? undefined);

    const pick = (list: MatchCandidate[] | undefined): MatchCandidate[] => {
      if (!list || list.length <= 1 || !typeHint) return list ?? [];
      const typed = list.filter((c) => c.type === typeHint);
      return typed.length > 0 ? typed : list;
    };
    let found: MatchCandidate[] = [];
    let by: MatchMethod = 'code';
    let note: string | undefined;
    const digits = codeDigits(codeValue);
    const idDigits = codeDigits(f.id);
    if (digits && byCode.has(digits)) found = pick(byCode.get(digits));
    else if (idDigits && byCode.has(idDigits)) {
      found = pick(byCode.get(idDigits));
      by = 'feature-id';
    }
    if (found.length === 0 && name) {
      if (digits) note = `code ${String(codeValue)} is not a registry code; matched by name`;
      found = pick(byName.get(nameKey(stripUnitPrefix(name))));
      by = 'name';
      if (found.length === 0) {
        found = pick(byLoose.get(looseKey(stripUnitPrefix(name))));
        by = 'name-unaccented';
      }
    }
    if (found.length > 1) {
      return { index, status: 'ambiguous', reason: `"${name ?? codeValue}" fits ${found.length} units`, candidates: found.map((c) => c.code).sort() };
    }
    const unit = found[0];
    if (!unit) {
      const reason =
        name === null && digits === null && idDigits === null
          ? 'no code and no name (missing or "NA")'
          : `no registry unit with ${digits ? `code ${String(codeValue)}` : ''}${digits && name ? ' or ' : ''}${name ? `name "${name}"` : ''}`;
      return { index, status: 'unmatched', reason, name, codeValue: isMissing(codeValue) ? null : String(codeValue) };
    }
    const first = taken.get(unit.code);
    if (first !== undefined) return { index, status: 'duplicate', code: unit.code, by, duplicateOf: first };
    taken.set(unit.code, index);
    return { index, status: 'matched', code: unit.code, by, areaKm2, ...(note ? { note } : {}) };
  });
  return { features: out, missing: candidates.filter((c) => !taken.has(c.code)) };
}
