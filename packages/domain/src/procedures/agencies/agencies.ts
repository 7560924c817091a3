import { AgencyCatalogueFileSchema, type AgencyAt, type AgencyCatalogueFile, type AgencyEntry } from '@cityioc/contracts';
import { Value } from 'typebox/value';
import { localDateOf, type LocalDate } from '../../calendar/local-time.ts';
import { latestLayerDate } from '../../catalogue/registry-catalogue.ts';
import type { AreaRegistry } from '../../geo/registry/area-registry.ts';
import { addDays } from '../../geo/registry/dates.ts';

/**
 * The agency catalogue: who handles dossiers, and which administrative unit each belongs to.
 * Portal events name the agency (MaCoQuan) rather than the unit, so the IOC finds the unit here;
 * every screen and export names agencies through it. Versioned: a code may have several entries
 * with disjoint validity (a merger renames a department, the 2025 reform replaces district
 * committees), and a lookup is made at the date the event is about.
 */
export type Agency = AgencyEntry;

export type AgencyLookup = { ok: true; agency: Agency } | { ok: false; reason: 'unknown_agency'; message: string; successors?: string[] };

export interface AgencyIndex {
  readonly agencies: readonly Agency[];
  /** The entry of `code` valid at `atMs` (epoch ms), or why there is none (an ended agency names its successors). */
  lookup(code: string, atMs: number): AgencyLookup;
  /** The entry valid at `atMs`, or the latest one when `atMs` is not given. */
  get(code: string, atMs?: number): Agency | undefined;
  /** Every agency in force on a local date, as GET /api/v1/agencies lists them. */
  agenciesAt(date: LocalDate): AgencyAt[];
}

const validAt = (a: Agency, day: LocalDate) => (a.validFrom === undefined || a.validFrom <= day) && (a.validTo === undefined || day < a.validTo);

function groupByCode(list: readonly Agency[]): { byCode: Map<string, Agency[]>; overlaps: string[] } {
  const byCode = new Map<string, Agency[]>();
  const overlaps: string[] = [];
  for (const a of list) {
    const versions = byCode.get(a.code) ?? [];
    for (const b of versions) {
      const overlap = (a.validFrom ?? '') < (b.validTo ?? '\uffff') && (b.validFrom ?? '') < (a.validTo ?? '\uffff');
      if (overlap) overlaps.push(a.code);
    }
    versions.push(a);
    versions.sort((x, y) => (x.validFrom ?? '').localeCompare(y.validFrom ?? ''));
    byCode.set(a.code, versions);
  }
  return { byCode, overlaps };
}

/** Indexes a catalogue; throws on two entries of one code valid on the same day (a data error; files go through loadAgencyCatalogue). */
export function indexAgencies(list: readonly Agency[]): AgencyIndex {
  const { byCode, overlaps } = groupByCode(list);
  if (overlaps.length > 0) throw new RangeError(`agency ${overlaps[0]} has two entries valid on the same days`);
  const lookup = (code: string, atMs: number): AgencyLookup => {
    const versions = byCode.get(code);
    if (!versions) return { ok: false, reason: 'unknown_agency', message: `agency '${code}' is not in the agency catalogue` };
    const day = localDateOf(atMs);
    const a = versions.find((v) => validAt(v, day));
    if (a) return { ok: true, agency: a };
    const ended = [...versions].reverse().find((v) => v.validTo !== undefined && v.validTo <= day);
    const successors = ended?.successors ?? [];
    return {
      ok: false,
      reason: 'unknown_agency',
      message: `agency '${code}' is not in the agency catalogue on ${day}${ended ? ` (it ended on ${ended.validTo}${successors.length ? `; its successors are ${successors.join(', ')}` : ''})` : ''}`,
      ...(successors.length ? { successors } : {}),
    };
  };
  return {
    agencies: list,
    lookup,
    get(code, atMs) {
      if (atMs === undefined) return byCode.get(code)?.at(-1);
      const r = lookup(code, atMs);
      return r.ok ? r.agency : undefined;
    },
    agenciesAt(date) {
      return list
        .filter((a) => validAt(a, date))
        .map((a) => ({
          code: a.code,
          name: a.name,
          level: a.level,
          kind: a.kind ?? null,
          adminUnitCode: a.adminUnitCode,
          parent: a.parent ?? null,
          validFrom: a.validFrom ?? null,
          validTo: a.validTo ?? null,
        }));
    },
  };
}

/** One reason an agency catalogue file is refused. */
export interface AgencyProblem {
  rule: 'schema' | 'overlapping_versions' | 'empty_validity' | 'unit_not_in_force' | 'missing_parent' | 'missing_successor' | 'unknown_source';
  code?: string;
  message: string;
}

export type AgencyLoad = { ok: true; index: AgencyIndex; file: AgencyCatalogueFile } | { ok: false; problems: AgencyProblem[] };

/**
 * Parses and checks an agency catalogue file (the default one or IOC_AGENCIES_FILE) against the
 * area registry: versions of a code never overlap, a parent and the successors exist when needed,
 * and each agency's unit is in force for the agency's whole validity. Every problem is reported.
 */
export function loadAgencyCatalogue(json: unknown, registry: AreaRegistry): AgencyLoad {
  if (!Value.Check(AgencyCatalogueFileSchema, json)) {
    const problems = [...Value.Errors(AgencyCatalogueFileSchema, json)]
      .slice(0, 20)
      .map((e): AgencyProblem => ({ rule: 'schema', message: `${e.instancePath || '/'}: ${e.message}` }));
    return { ok: false, problems };
  }
  const file = json;
  const problems: AgencyProblem[] = [];
  const { byCode, overlaps } = groupByCode(file.agencies);
  for (const code of new Set(overlaps)) problems.push({ rule: 'overlapping_versions', code, message: `agency ${code} has two entries valid on the same days` });
  const inForce = (code: string, day: string) => (byCode.get(code) ?? []).some((v) => validAt(v, day));
  const sourceIds = new Set(file.sources.map((s) => s.id));
  for (const a of file.agencies) {
    const at = `agency ${a.code}${a.validFrom ? ` from ${a.validFrom}` : ''}`;
    if (a.validFrom !== undefined && a.validTo !== undefined && a.validTo <= a.validFrom)
      problems.push({ rule: 'empty_validity', code: a.code, message: `${at}: validTo ${a.validTo} is not after validFrom ${a.validFrom}` });
    const first = a.validFrom ?? registry.file.historyFrom;
    // an agency without an end must have its unit in force today (the registry's newest layer)
    const last = a.validTo !== undefined ? addDays(a.validTo, -1) : latestLayerDate(registry);
    for (const day of first === last ? [first] : [first, last]) {
      const check = registry.checkCodeAt(a.adminUnitCode, day < registry.file.historyFrom ? registry.file.historyFrom : day);
      if (!check.ok)
        problems.push({ rule: 'unit_not_in_force', code: a.code, message: `${at}: its unit ${a.adminUnitCode} is not in force on ${day} (${check.reason})` });
    }
    if (a.parent !== undefined && !inForce(a.parent, first))
      problems.push({ rule: 'missing_parent', code: a.code, message: `${at}: its parent ${a.parent} is not in force on ${first}` });
    for (const s of a.successors ?? [])
      if (a.validTo === undefined || !inForce(s, a.validTo))
        problems.push({ rule: 'missing_successor', code: a.code, message: `${at}: successor ${s} is not in force on ${a.validTo ?? '(no end date)'}` });
    for (const s of a.sources ?? [])
      if (!sourceIds.has(s)) problems.push({ rule: 'unknown_source', code: a.code, message: `${at}: source '${s}' is not in sources` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, index: indexAgencies(file.agencies), file };
}
