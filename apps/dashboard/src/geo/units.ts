import type { AreaAt } from '@cityioc/contracts';
import { unaccent } from '@cityioc/domain';
import type { Lang } from '../format/format.ts';

/**
 * The administrative units of a date as the server lists them (GET /api/v1/areas?at=), and what
 * the screens derive from them: display names, children, a search key. Pure. Nothing here knows
 * a unit code or a count: the registry the server loaded decides which units exist.
 */
export interface AreasAtResponse {
  /** The date the list is for (yyyy-mm-dd). */
  at: string;
  units: AreaAt[];
}

/** Type words as they begin a name ("phường" → "Phường"). */
function capitalise(word: string): string {
  return word.charAt(0).toLocaleUpperCase('vi') + word.slice(1);
}

/**
 * The name a person reads: "Phường Ninh Kiều", "Xã Thới Lai", "Quận Ninh Kiều" (vi); the English
 * name ("Ninh Kieu Ward"), else the unaccented Vietnamese one (en). A name that already starts
 * with its type ("Phường 5") is kept as it is.
 */
export function unitDisplayName(u: Pick<AreaAt, 'name' | 'type' | 'nameEn'>, lang: Lang = 'vi'): string {
  if (lang === 'en') return u.nameEn ?? unaccent(u.name);
  const type = u.type.trim();
  if (!type || unaccent(u.name).toLowerCase().startsWith(unaccent(type).toLowerCase())) return u.name;
  return `${capitalise(type)} ${u.name}`;
}

/** The key a search compares: no diacritics, no case, single spaces ("Phường Ninh Kiều" → "phuong ninh kieu"). */
export function searchKey(text: string): string {
  return unaccent(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The units of a date by code, with their display names. */
export interface UnitIndex {
  readonly at: string | null;
  readonly units: readonly AreaAt[];
  get(code: string): AreaAt | undefined;
  /** Display name, or the code when the unit is not listed. */
  name(code: string, lang?: Lang): string;
  /** Short name for a crowded map ("Ninh Kiều"), or the code. */
  shortName(code: string, lang?: Lang): string;
  children(code: string): AreaAt[];
  /** The unit without a parent (the city), if exactly one. */
  root(): AreaAt | null;
}

export function indexUnits(res: AreasAtResponse | undefined): UnitIndex {
  const units = res?.units ?? [];
  const byCode = new Map(units.map((u) => [u.code, u]));
  const byParent = new Map<string, AreaAt[]>();
  for (const u of units) {
    if (u.parent === null) continue;
    const list = byParent.get(u.parent) ?? [];
    list.push(u);
    byParent.set(u.parent, list);
  }
  const roots = units.filter((u) => u.parent === null || !byCode.has(u.parent));
  return {
    at: res?.at ?? null,
    units,
    get: (code) => byCode.get(code),
    name: (code, lang = 'vi') => {
      const u = byCode.get(code);
      return u ? unitDisplayName(u, lang) : code;
    },
    shortName: (code, lang = 'vi') => {
      const u = byCode.get(code);
      if (!u) return code;
      return lang === 'en' ? unaccent(u.name) : u.name;
    },
    children: (code) => byParent.get(code) ?? [],
    root: () => (roots.length === 1 ? roots[0]! : null),
  };
}

/**
 * True when the units in force on a date are the units in force today: every unit of `then` is
 * still listed today with the same validity. Tells the analyst whether an "as of" date shows the
 * historical tree (before a reorganisation) or today's.
 */
export function sameUnitsAsToday(then: AreasAtResponse | undefined, today: AreasAtResponse | undefined): boolean | null {
  if (!then || !today) return null;
  const now = new Map(today.units.map((u) => [u.code, u.validFrom]));
  return then.units.length === today.units.length && then.units.every((u) => now.get(u.code) === u.validFrom);
}

/**
 * The last day of the previous layer: the day before the latest `validFrom` among today's units
 * below the root (2025-06-30 for Cần Thơ's 103 communes, from the data). Null when nothing changed.
 */
export function dayBeforeLatestChange(today: AreasAtResponse | undefined): string | null {
  let latest: string | null = null;
  for (const u of today?.units ?? []) if (u.parent !== null && (latest === null || u.validFrom > latest)) latest = u.validFrom;
  if (latest === null) return null;
  const d = new Date(`${latest}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
