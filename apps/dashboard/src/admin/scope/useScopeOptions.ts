import { CAN_THO_AGENCIES } from '@cityioc/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { reportingCatalogueQuery } from '../../queries/reporting.queries.ts';
import { registryAreasQuery } from '../admin.queries.ts';
import { agencyOptions, stationOptions, unitOptions, type CodeOption } from './scope-options.ts';

/**
 * The names a scope is chosen by: units in force (GET /api/v1/areas, else the catalogue's areas),
 * the reporting departments, and the agencies of the agency catalogue; stations for feed grants.
 */
export function useScopeOptions(): { units: CodeOption[]; agencies: CodeOption[]; stations: CodeOption[] } {
  const lang = useLang();
  const { index } = useCatalogue();
  const registry = useQuery(registryAreasQuery());
  const reporting = useQuery(reportingCatalogueQuery());
  return useMemo(() => {
    const areas = registry.data ?? index?.catalogue.areas ?? [];
    const departments = (reporting.data?.units ?? []).filter((u) => u.group === 'department');
    const city = index?.catalogue.city;
    const withCity = city && !areas.some((a) => a.code === city.code) ? [{ code: city.code, name: city.name, level: 'province' }, ...areas] : areas;
    return {
      units: unitOptions(withCity, departments),
      agencies: agencyOptions(CAN_THO_AGENCIES.filter((a) => a.validTo === undefined).map((a) => ({ code: a.code, name: a.name[lang] }))),
      stations: stationOptions(index?.catalogue.stations ?? []),
    };
  }, [registry.data, reporting.data, index, lang]);
}
