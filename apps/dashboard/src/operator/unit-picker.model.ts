import type { AreaAt } from '@cityioc/contracts';
import type { AgencyRow } from '../names/names.ts';
import type { Lang } from '../format/format.ts';
import { searchKey, unitDisplayName } from '../geo/units.ts';

/**
 * The operator's unit picker: a commune (or any unit of today's registry below the city) or an
 * agency (a department, a commune committee…), found by typing its name without worrying about
 * diacritics ("ninh kieu" finds "Phường Ninh Kiều"). Pure: the lists in, matching options out.
 */
export interface PickOption {
  kind: 'area' | 'agency';
  code: string;
  /** What the person reads. */
  name: string;
  /** Secondary text: the code, and the type or the level. */
  detail: string;
  /** The search key of the name (and the code). */
  key: string;
}

export function pickerOptions(
  units: readonly AreaAt[],
  agencies: readonly AgencyRow[],
  lang: Lang,
  levelLabel: (level: AgencyRow['level']) => string,
  /** Codes that have data but are not in the catalogues: listed by code. */
  extraAgencies: readonly string[] = [],
): PickOption[] {
  const areas = units
    .filter((u) => u.parent !== null)
    .map((u): PickOption => {
      const name = unitDisplayName(u, lang);
      return { kind: 'area', code: u.code, name, detail: u.code, key: searchKey(`${name} ${u.code}`) };
    });
  const known = new Set(agencies.map((a) => a.code));
  const ags = [
    ...agencies.map((a): PickOption => {
      const name = lang === 'en' ? a.name.en : a.name.vi;
      return { kind: 'agency', code: a.code, name, detail: `${levelLabel(a.level)} · ${a.code}`, key: searchKey(`${name} ${a.code}`) };
    }),
    ...extraAgencies.filter((c) => !known.has(c)).map((c): PickOption => ({ kind: 'agency', code: c, name: c, detail: c, key: searchKey(c) })),
  ];
  const byName = (a: PickOption, b: PickOption) => a.name.localeCompare(b.name, 'vi');
  return [...areas.sort(byName), ...ags.sort(byName)];
}

/**
 * The options whose name (or code) holds every word typed, best first: a name that starts with
 * the query, then one with a word starting with it, then the rest; shorter names first within
 * each. Empty query: nothing (the list would be a hundred rows long).
 */
export function searchOptions(options: readonly PickOption[], query: string, limit = 12): PickOption[] {
  const q = searchKey(query);
  if (q === '') return [];
  const words = q.split(' ');
  const score = (o: PickOption) => {
    if (o.key.startsWith(q)) return 0;
    if (o.key.includes(` ${q}`)) return 1;
    return 2;
  };
  return options
    .filter((o) => words.every((w) => o.key.includes(w)))
    .map((o) => ({ o, s: score(o) }))
    .sort((a, b) => a.s - b.s || a.o.name.length - b.o.name.length || a.o.name.localeCompare(b.o.name, 'vi'))
    .slice(0, limit)
    .map((x) => x.o);
}
