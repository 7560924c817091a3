import { AreaRegistryFileSchema, type AreaAt, type AreaLevel, type AreaRegistryFile, type RegistryUnit } from '@cityioc/contracts';
import { Value } from 'typebox/value';
import { buildCrosswalkLinks, groupRegistryLinks, type CrosswalkLink } from './crosswalk-links.ts';
import { addDays, validOn } from './dates.ts';
import { groupVersions, validateRegistryStructure, versionId, type RegistryProblem } from './registry-validate.ts';

/** The outcome of checking a unit code against the data's own date. */
export type CodeCheck =
  | { ok: true; unit: RegistryUnit }
  | { ok: false; reason: 'unknown_area' }
  | { ok: false; reason: 'unit_not_valid_at'; validFrom: string; validTo: string | null; successors: string[] };

/** Date-aware lookups over a validated registry. Dates are ISO yyyy-mm-dd. */
export interface AreaRegistry {
  readonly file: AreaRegistryFile;
  readonly links: readonly CrosswalkLink[];
  /** Every version of a code, oldest first. */
  versions(code: string): readonly RegistryUnit[];
  /** The version of `code` in force on `date`. */
  areaAt(code: string, date: string): RegistryUnit | undefined;
  /** Versions in force on `date`, in registry order; optionally one level or one parent's children. */
  unitsValidAt(date: string, filter?: { level?: AreaLevel; parent?: string }): AreaAt[];
  /** Codes of the units that absorbed the latest version of `code` to end (direct successors). */
  successorsOf(code: string): string[];
  /** Codes in force on `date` that the version of `code` in force on `asOf` ended up in (followed through every step). */
  successorsAt(code: string, date: string, asOf?: string): string[];
  /** The unit itself first, then its parent on that date, up to the root. Empty when not in force. */
  ancestorsAt(code: string, date: string): string[];
  childrenAt(code: string, date: string): string[];
  /** Checks a code against the data's date: unknown, not in force (with successors), or the unit. */
  checkCodeAt(code: string, date: string): CodeCheck;
  /** The outgoing crosswalk links of a version. */
  linksFrom(version: RegistryUnit): readonly CrosswalkLink[];
}

export type RegistryLoad = { ok: true; registry: AreaRegistry } | { ok: false; problems: RegistryProblem[] };

/**
 * Parses and validates a registry file (the default one, or IOC_AREAS_FILE). A contradictory
 * registry is refused with every reason found; nothing is thrown for bad input.
 */
export function loadAreaRegistry(json: unknown): RegistryLoad {
  if (!Value.Check(AreaRegistryFileSchema, json)) {
    const problems: RegistryProblem[] = [...Value.Errors(AreaRegistryFileSchema, json)].slice(0, 20).map((e) => ({
      rule: 'schema',
      message: `${e.instancePath || '/'}: ${e.message}`,
    }));
    return { ok: false, problems };
  }
  const file = json;
  const problems = validateRegistryStructure(file);
  const { links, problems: crosswalkProblems } = buildCrosswalkLinks(file);
  problems.push(...crosswalkProblems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, registry: indexAreaRegistry(file, links) };
}

/** A registry unit (or any area with these fields) as the area API answers it. */
export function registryUnitRow(u: Pick<RegistryUnit, keyof AreaAt>): AreaAt {
  return {
    code: u.code,
    name: u.name,
    nameEn: u.nameEn ?? null,
    type: u.type,
    level: u.level,
    parent: u.parent,
    validFrom: u.validFrom,
    validTo: u.validTo,
  };
}

/** Builds the lookups; call through loadAreaRegistry so the file is validated first. */
export function indexAreaRegistry(file: AreaRegistryFile, links: readonly CrosswalkLink[]): AreaRegistry {
  const byCode = groupVersions(file.units);
  const byVersion = new Map(file.units.map((u) => [versionId(u), u]));
  const linksByFrom = groupRegistryLinks(links, (l) => l.from);
  const at = (code: string, date: string) => byCode.get(code)?.find((v) => validOn(v, date));

  const successorsAt = (code: string, date: string, asOf?: string): string[] => {
    const versions = byCode.get(code) ?? [];
    const start = asOf ? versions.find((v) => validOn(v, asOf)) : [...versions].reverse().find((v) => v.validTo !== null && v.validTo <= date);
    if (!start) return [];
    const out = new Set<string>();
    const walk = (v: RegistryUnit, seen: Set<string>) => {
      if (validOn(v, date)) {
        out.add(v.code);
        return;
      }
      if (v.validFrom > date) return;
      const links = linksByFrom.get(versionId(v)) ?? [];
      for (const l of links) {
        if (seen.has(l.to)) continue;
        const next = byVersion.get(l.to);
        if (next) walk(next, new Set([...seen, l.to]));
      }
      // A unit without links of its own (a district, a province) went where its units went.
      if (links.length === 0 && v.validTo !== null) {
        const lastDay = addDays(v.validTo, -1);
        for (const child of file.units) {
          if (child.parent !== v.code || !validOn(child, lastDay)) continue;
          const id = versionId(child);
          if (!seen.has(id)) walk(child, new Set([...seen, id]));
        }
      }
    };
    walk(start, new Set([versionId(start)]));
    return [...out].sort();
  };

  return {
    file,
    links,
    versions: (code) => byCode.get(code) ?? [],
    areaAt: at,
    unitsValidAt(date, filter) {
      return file.units
        .filter((u) => validOn(u, date))
        .filter((u) => (filter?.level ? u.level === filter.level : true))
        .filter((u) => (filter?.parent !== undefined ? u.parent === filter.parent : true))
        .map(registryUnitRow);
    },
    successorsOf(code) {
      const last = [...(byCode.get(code) ?? [])].reverse().find((v) => v.validTo !== null);
      if (!last) return [];
      return [...new Set((linksByFrom.get(versionId(last)) ?? []).map((l) => l.toCode))].sort();
    },
    successorsAt,
    ancestorsAt(code, date) {
      const chain: string[] = [];
      let cur = at(code, date);
      while (cur && !chain.includes(cur.code)) {
        chain.push(cur.code);
        cur = cur.parent === null ? undefined : at(cur.parent, date);
      }
      return chain;
    },
    childrenAt(code, date) {
      return file.units.filter((u) => u.parent === code && validOn(u, date)).map((u) => u.code);
    },
    checkCodeAt(code, date) {
      const versions = byCode.get(code);
      if (!versions) return { ok: false, reason: 'unknown_area' };
      const unit = versions.find((v) => validOn(v, date));
      if (unit) return { ok: true, unit };
      const ended = [...versions].reverse().find((v) => v.validTo !== null && v.validTo <= date);
      const nearest = ended ?? versions[0]!;
      return {
        ok: false,
        reason: 'unit_not_valid_at',
        validFrom: nearest.validFrom,
        validTo: nearest.validTo,
        successors: ended ? successorsAt(code, date, addDays(ended.validTo!, -1)) : [],
      };
    },
    linksFrom: (version) => linksByFrom.get(versionId(version)) ?? [],
  };
}
