import type { Scopes } from '../../auth/session.ts';

/**
 * The choices of a scope (or grant) picker: units by name (the city, districts, communes, the
 * reporting departments) and agencies by name, searchable without diacritics. Pure.
 */
export type OptionGroup = 'city' | 'district' | 'commune' | 'department' | 'agency' | 'station';

export interface CodeOption {
  code: string;
  name: string;
  group: OptionGroup;
  /** The name and code folded for search (no diacritics, lower case). */
  folded: string;
}

/** 'Phường Tân An' → 'phuong tan an', 'Đ' → 'd': what a person types without a Vietnamese keyboard still matches. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

const option = (code: string, name: string, group: OptionGroup): CodeOption => ({ code, name, group, folded: fold(`${name} ${code}`) });

const LEVEL_GROUP: Record<string, OptionGroup> = { province: 'city', district: 'district', commune: 'commune' };
const GROUP_ORDER: OptionGroup[] = ['city', 'district', 'commune', 'department', 'agency', 'station'];

/**
 * Units a scope may hold: the areas (city first, then districts and communes, each by name) and
 * the reporting departments (a department's code covers its reports). A code listed twice keeps its first name.
 */
export function unitOptions(
  areas: readonly { code: string; name: string; level: string }[],
  departments: readonly { code: string; name: string }[] = [],
): CodeOption[] {
  const seen = new Set<string>();
  const out: CodeOption[] = [];
  const add = (o: CodeOption) => {
    if (seen.has(o.code)) return;
    seen.add(o.code);
    out.push(o);
  };
  for (const a of areas) add(option(a.code, a.name, LEVEL_GROUP[a.level] ?? 'commune'));
  for (const d of departments) add(option(d.code, d.name, 'department'));
  return out.sort((x, y) => GROUP_ORDER.indexOf(x.group) - GROUP_ORDER.indexOf(y.group) || x.name.localeCompare(y.name, 'vi'));
}

export function agencyOptions(agencies: readonly { code: string; name: string }[]): CodeOption[] {
  return agencies.map((a) => option(a.code, a.name, 'agency')).sort((x, y) => x.name.localeCompare(y.name, 'vi'));
}

export function stationOptions(stations: readonly { id: string; name: string }[]): CodeOption[] {
  return stations.map((s) => option(s.id, s.name, 'station')).sort((x, y) => x.name.localeCompare(y.name, 'vi'));
}

/** The options whose name or code holds every word of the query (diacritics ignored), at most `max`. */
export function filterOptions(options: readonly CodeOption[], query: string, max = 50): CodeOption[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const out: CodeOption[] = [];
  for (const o of options) {
    if (words.every((w) => o.folded.includes(w))) out.push(o);
    if (out.length >= max) break;
  }
  return out;
}

/** Adds or removes a code, keeping the order chosen. */
export function toggleCode(codes: readonly string[], code: string): string[] {
  return codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code];
}

/** A scope with one list changed. */
export function withCodes(scopes: Scopes, kind: keyof Scopes, codes: string[]): Scopes {
  return { ...scopes, [kind]: codes };
}

/** Display name of a code among the options (the code itself when unknown). */
export function nameOf(options: readonly CodeOption[], code: string): string {
  return options.find((o) => o.code === code)?.name ?? code;
}
