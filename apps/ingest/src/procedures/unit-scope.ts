import type { Label, ProcedureLevel } from '@cityioc/contracts';
import type { AgencyIndex, CatalogueIndex, DossierCellFilter, UnitScope } from '@cityioc/domain';

export interface ResolvedUnit extends UnitScope {
  name: Label | null;
  /** The filter of the dossier cells (and of the dossier indicator state) that selects the unit's dossiers. */
  cells: Pick<DossierCellFilter, 'area' | 'agency'>;
}

const LEVEL: Record<string, ProcedureLevel> = { province: 'PROVINCE', district: 'DISTRICT', commune: 'COMMUNE' };

/**
 * A unit code as the scorecard, the PAKN watchlist and the directives take it: the city, an area of
 * the area catalogue, or an agency of the agency catalogue; undefined when it is none of them. The
 * registries say what each code is, so no unit is named in code (the 103 communes of 2025 and the
 * legacy districts alike).
 */
export function resolveUnit(code: string, index: CatalogueIndex, agencies: AgencyIndex): ResolvedUnit | undefined {
  const city = index.catalogue.city.code;
  const underArea = (root: string) => {
    const memo = new Map<string, boolean>();
    return (a: string) => {
      let v = memo.get(a);
      if (v === undefined) memo.set(a, (v = index.ancestorsAndSelf(a).includes(root)));
      return v;
    };
  };
  if (code === city) {
    return {
      kind: 'city',
      code,
      level: 'PROVINCE',
      name: { vi: index.catalogue.city.name, en: index.catalogue.city.name },
      containsArea: () => true,
      containsAgency: () => true,
      cells: {},
    };
  }
  const area = index.area(code);
  if (area) {
    const inArea = underArea(code);
    const agencyIn = new Map<string, boolean>();
    const containsAgency = (a: string) => {
      let v = agencyIn.get(a);
      if (v === undefined) {
        const unit = agencies.get(a)?.adminUnitCode;
        agencyIn.set(a, (v = unit !== undefined && inArea(unit)));
      }
      return v;
    };
    return {
      kind: 'area',
      code,
      level: LEVEL[area.level] ?? null,
      name: { vi: area.name, en: area.nameEn ?? area.name },
      containsArea: inArea,
      containsAgency,
      cells: { area: inArea },
    };
  }
  const agency = agencies.get(code);
  if (agency) {
    const memo = new Map<string, boolean>();
    const containsAgency = (a: string) => {
      let v = memo.get(a);
      if (v === undefined) {
        v = false;
        const seen = new Set<string>();
        for (let x: string | undefined = a; x !== undefined && !seen.has(x); x = agencies.get(x)?.parent) {
          seen.add(x);
          if (x === code) {
            v = true;
            break;
          }
        }
        memo.set(a, v);
      }
      return v;
    };
    return { kind: 'agency', code, level: agency.level, name: agency.name, containsArea: () => false, containsAgency, cells: { agency: containsAgency } };
  }
  return undefined;
}
