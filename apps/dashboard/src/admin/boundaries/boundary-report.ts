import { formatNumber, type Lang } from '../../format/format.ts';

/**
 * The report of a boundary file (POST /api/v1/admin/boundaries, with ?dryRun=true before a
 * commit, and with the 422 of a refused commit): which features matched which unit and how,
 * which did not, which units are twice or missing, each unit's area against the registry's, and
 * every per-feature problem with its severity. Read defensively (lists may come as counts,
 * indexes or objects), turned into rows for the page. Pure.
 */
export type Severity = 'error' | 'warning' | 'repaired';

export interface BoundaryIssue {
  /** The feature; null (or −1 from the server) for the file as a whole. */
  index: number | null;
  severity: Severity;
  rule: string;
  message: string;
  location: string | null;
}

export interface FeatureRef {
  index: number | null;
  code: string | null;
  name: string | null;
  message: string | null;
}

export interface BoundaryReport {
  features: number;
  matched: { index: number; code: string; how: string }[];
  unmatched: FeatureRef[];
  /** Set when the server only counted them. */
  unmatchedCount: number;
  duplicated: FeatureRef[];
  duplicatedCount: number;
  missing: string[];
  areas: { code: string; importedKm2: number | null; registryKm2: number | null; ratio: number | null }[];
  issues: BoundaryIssue[];
  ok: boolean;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

function refs(v: unknown): { list: FeatureRef[]; count: number } {
  if (typeof v === 'number') return { list: [], count: v };
  if (!Array.isArray(v)) return { list: [], count: 0 };
  const list = v.map((x): FeatureRef => {
    if (typeof x === 'number') return { index: x, code: null, name: null, message: null };
    if (typeof x === 'string') return { index: null, code: x, name: null, message: null };
    const o = obj(x);
    const indexes = Array.isArray(o.indexes) ? o.indexes.map(num).filter((n) => n !== null) : [];
    return {
      index: num(o.index) ?? indexes[0] ?? null,
      code: str(o.code),
      name: str(o.name) ?? str(o.featureName),
      message:
        str(o.message) ??
        str(o.reason) ??
        (num(o.duplicateOf) !== null ? `= #${num(o.duplicateOf)}` : indexes.length > 1 ? indexes.map((i) => `#${i}`).join(', ') : null),
    };
  });
  return { list, count: list.length };
}

/** A location as the page shows it: "105.7712, 10.0345" for a point, else as given. */
export function locationText(v: unknown): string | null {
  if (Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return `${v[0].toFixed(5)}, ${v[1].toFixed(5)}`;
  const o = obj(v);
  if (num(o.lon) !== null && num(o.lat) !== null) return `${num(o.lon)!.toFixed(5)}, ${num(o.lat)!.toFixed(5)}`;
  if (Array.isArray(o.coordinates)) return locationText(o.coordinates);
  return str(v);
}

/** The report in an answer, whether it is the body itself or under `report`; null when there is none. */
export function readReport(body: unknown): BoundaryReport | null {
  const b = obj(body);
  const r = 'features' in b && 'ok' in b ? b : obj(b.report);
  if (!('features' in r)) return null;
  const unmatched = refs(r.unmatched);
  const duplicated = refs(r.duplicated);
  const severity = (v: unknown): Severity => (v === 'error' || v === 'warning' || v === 'repaired' ? v : 'error');
  return {
    features: num(r.features) ?? (Array.isArray(r.features) ? r.features.length : 0),
    matched: (Array.isArray(r.matched) ? r.matched : [])
      .map(obj)
      .map((m) => ({ index: num(m.index) ?? -1, code: str(m.code) ?? '', how: str(m.how) ?? '' }))
      .filter((m) => m.code !== ''),
    unmatched: unmatched.list,
    unmatchedCount: unmatched.count,
    duplicated: duplicated.list,
    duplicatedCount: duplicated.count,
    missing: (Array.isArray(r.missing) ? r.missing : []).map(str).filter((c) => c !== null),
    areas: (Array.isArray(r.areas) ? r.areas : []).map(obj).map((a) => ({
      code: str(a.code) ?? '',
      importedKm2: num(a.importedKm2),
      registryKm2: num(a.registryKm2),
      ratio: num(a.ratio) ?? (num(a.importedKm2) !== null && num(a.registryKm2) ? num(a.importedKm2)! / num(a.registryKm2)! : null),
    })),
    issues: (Array.isArray(r.issues) ? r.issues : []).map(obj).map((i) => ({
      index: num(i.index) !== null && num(i.index)! >= 0 ? num(i.index) : null,
      severity: severity(i.severity),
      rule: str(i.rule) ?? '',
      message: str(i.message) ?? '',
      location: locationText(i.location),
    })),
    ok: r.ok === true,
  };
}

/** How far an area may be from the registry's before the page draws attention to it. */
export const AREA_TOLERANCE = 0.1;

export interface ReportView {
  counts: { features: number; matched: number; unmatched: number; duplicated: number; missing: number; errors: number; warnings: number; repaired: number };
  /** Units whose imported area is off by more than the tolerance first, then by code. */
  areas: { code: string; imported: string; registry: string; ratio: string; off: boolean }[];
  /** Errors first, then warnings, then repairs; by feature within each. */
  issues: (BoundaryIssue & { code: string | null })[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, repaired: 2 };

export function reportView(r: BoundaryReport, lang: Lang): ReportView {
  const codeOf = new Map(r.matched.map((m) => [m.index, m.code]));
  const count = (s: Severity) => r.issues.filter((i) => i.severity === s).length;
  const off = (ratio: number | null) => ratio !== null && Math.abs(ratio - 1) > AREA_TOLERANCE;
  return {
    counts: {
      features: r.features,
      matched: r.matched.length,
      unmatched: r.unmatchedCount,
      duplicated: r.duplicatedCount,
      missing: r.missing.length,
      errors: count('error'),
      warnings: count('warning'),
      repaired: count('repaired'),
    },
    areas: [...r.areas]
      .sort(
        (a, b) => Number(off(b.ratio)) - Number(off(a.ratio)) || Math.abs((b.ratio ?? 1) - 1) - Math.abs((a.ratio ?? 1) - 1) || a.code.localeCompare(b.code),
      )
      .map((a) => ({
        code: a.code,
        imported: formatNumber(a.importedKm2, 2, lang),
        registry: formatNumber(a.registryKm2, 2, lang),
        ratio: a.ratio === null ? '—' : `${formatNumber(a.ratio * 100, 1, lang)} %`,
        off: off(a.ratio),
      })),
    issues: r.issues
      .map((i) => ({ ...i, code: i.index === null ? null : (codeOf.get(i.index) ?? null) }))
      .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.index ?? -1) - (b.index ?? -1)),
  };
}
