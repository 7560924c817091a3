import type { BoundaryImportReport, BoundaryIssue } from '@cityioc/contracts';
import { matchFeatures, type AreaRegistry } from '@cityioc/domain';
import { checkBoundaryGeometries, type BoundaryFeature, type BoundaryGeometry } from '@cityioc/domain/geo-checks';
import type { BoundaryFile } from './boundary-file.ts';

/** What a committed import stores: the matched units' repaired geometry, nothing of the file's other properties. */
export interface PreparedImport {
  at: string;
  format: string;
  fileName: string | null;
  /** One shape per matched unit (the root, if the file has it, is the outline). */
  features: { code: string; geometry: BoundaryGeometry }[];
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The checks of a boundary import, before anything is stored: each feature matched to a unit in
 * force on `at` (the registry root and everything below it) by code or name, duplicates and
 * unmatched features and missing units listed, every geometry checked (projected coordinates,
 * winding, self-intersections, slivers, overlaps) and its area compared with the registry's.
 * Unmatched and duplicated features are errors: an import is all of the file or nothing.
 */
export function checkBoundaryImport(
  file: BoundaryFile,
  registry: AreaRegistry,
  at: string,
  fileName: string | null,
): { report: BoundaryImportReport; prepared: PreparedImport } {
  const root = registry.file.root;
  const inTree = registry.unitsValidAt(at).filter((u) => registry.ancestorsAt(u.code, at).includes(root));
  const candidates = inTree.map((u) => ({ code: u.code, name: u.name, type: u.type, level: u.level }));
  const match = matchFeatures(file.features, candidates);
  const codeOf = new Map<number, string>();
  const report: BoundaryImportReport = {
    features: file.features.length,
    format: file.format,
    at,
    matched: [],
    unmatched: [],
    duplicated: [],
    missing: [],
    areas: [],
    issues: [],
    ok: false,
  };
  const issue = (i: BoundaryIssue) => report.issues.push(i);
  for (const m of match.features) {
    if (m.status === 'matched') {
      codeOf.set(m.index, m.code);
      report.matched.push({ index: m.index, code: m.code, how: m.by });
      if (m.note) issue({ index: m.index, severity: 'warning', rule: 'matched_by_name', message: m.note });
    } else if (m.status === 'duplicate') {
      report.duplicated.push({ index: m.index, code: m.code, duplicateOf: m.duplicateOf });
      issue({
        index: m.index,
        severity: 'error',
        rule: 'duplicated',
        message: `feature ${m.index} is unit ${m.code} again (feature ${m.duplicateOf} already is)`,
      });
    } else if (m.status === 'unmatched') {
      report.unmatched.push({ index: m.index, name: m.name, code: m.codeValue, reason: m.reason });
      issue({ index: m.index, severity: 'error', rule: 'unmatched', message: `feature ${m.index}: ${m.reason} in force on ${at}` });
    } else {
      report.unmatched.push({ index: m.index, name: null, code: null, reason: m.reason });
      issue({ index: m.index, severity: 'error', rule: 'ambiguous', message: `feature ${m.index}: ${m.reason} (${m.candidates.join(', ')}); give its code` });
    }
  }
  report.missing = match.missing.map((c) => c.code).filter((c) => c !== root);
  if (file.features.length === 0) issue({ index: -1, severity: 'error', rule: 'empty', message: 'the file holds no features' });

  const expected = (i: number) => {
    const c = codeOf.get(i);
    return c ? registry.areaAt(c, at)?.areaKm2 : null;
  };
  const geo = checkBoundaryGeometries(file.features as BoundaryFeature[], expected);
  for (const g of geo.issues) {
    const { other: _other, ...rest } = g;
    issue(rest);
  }
  const features: PreparedImport['features'] = [];
  for (const f of geo.features) {
    const code = codeOf.get(f.index);
    if (!code || !f.geometry || f.areaKm2 === null) continue;
    features.push({ code, geometry: f.geometry });
    const registryKm2 = registry.areaAt(code, at)?.areaKm2 ?? null;
    report.areas.push({ code, importedKm2: round(f.areaKm2, 3), registryKm2, ratio: registryKm2 ? round(f.areaKm2 / registryKm2, 4) : null });
  }
  report.issues.sort((a, b) => a.index - b.index);
  report.ok = !report.issues.some((i) => i.severity === 'error');
  return { report, prepared: { at, format: file.format, fileName, features } };
}
