import type { Label } from '@cityioc/contracts';
import { localDateOf, type LocalDate } from '../../calendar/local-time.ts';

/**
 * The agency catalogue: who handles dossiers, and which administrative unit each belongs to.
 * Portal events name the agency (MaCoQuan) rather than the unit, so the IOC finds the unit here.
 * Versioned: a code may have several entries with disjoint validity (a merger renames a
 * department, the 2025 reform replaces district committees), and a lookup is made at the date the
 * event is about.
 */
export interface Agency {
  /** Electronic identifier (Decision 20/2020/QĐ-TTg), e.g. '000.00.01.H13'. */
  code: string;
  name: Label;
  /** Level of the agency: provincial (departments and their branches), district (before 1 July 2025) or commune. */
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  /** GSO code of the unit its dossiers are attributed to when an event names none. */
  adminUnitCode: string;
  /** The agency it belongs to, if any. */
  parent?: string;
  /** Local dates: valid from `validFrom` (inclusive) until `validTo` (exclusive); open when absent. */
  validFrom?: LocalDate;
  validTo?: LocalDate;
}

export type AgencyLookup = { ok: true; agency: Agency } | { ok: false; reason: 'unknown_agency'; message: string };

export interface AgencyIndex {
  readonly agencies: readonly Agency[];
  /** The entry of `code` valid at `atMs` (epoch ms), or why there is none. */
  lookup(code: string, atMs: number): AgencyLookup;
  /** The entry valid at `atMs`, or the latest one when `atMs` is not given. */
  get(code: string, atMs?: number): Agency | undefined;
}

const validAt = (a: Agency, day: LocalDate) => (a.validFrom === undefined || a.validFrom <= day) && (a.validTo === undefined || day < a.validTo);

/** Indexes a catalogue; throws on two entries of one code valid on the same day (a data error). */
export function indexAgencies(list: readonly Agency[]): AgencyIndex {
  const byCode = new Map<string, Agency[]>();
  for (const a of list) {
    const versions = byCode.get(a.code) ?? [];
    for (const b of versions) {
      const overlap = (a.validFrom ?? '') < (b.validTo ?? '\uffff') && (b.validFrom ?? '') < (a.validTo ?? '\uffff');
      if (overlap) throw new RangeError(`agency ${a.code} has two entries valid on the same days`);
    }
    versions.push(a);
    versions.sort((x, y) => (x.validFrom ?? '').localeCompare(y.validFrom ?? ''));
    byCode.set(a.code, versions);
  }
  const lookup = (code: string, atMs: number): AgencyLookup => {
    const versions = byCode.get(code);
    if (!versions) return { ok: false, reason: 'unknown_agency', message: `agency '${code}' is not in the agency catalogue` };
    const day = localDateOf(atMs);
    const a = versions.find((v) => validAt(v, day));
    if (!a) return { ok: false, reason: 'unknown_agency', message: `agency '${code}' is not in the agency catalogue on ${day}` };
    return { ok: true, agency: a };
  };
  return {
    agencies: list,
    lookup,
    get(code, atMs) {
      if (atMs === undefined) return byCode.get(code)?.at(-1);
      const r = lookup(code, atMs);
      return r.ok ? r.agency : undefined;
    },
  };
}
