import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { agenciesQuery } from '../../queries/names.queries.ts';
import { reportingCatalogueQuery } from '../../queries/reporting.queries.ts';
import { registryAreasQuery } from '../admin.queries.ts';
import { agencyOptions, stationOptions, unitOptions, type CodeOption } from './scope-options.ts';

/**
 * The names a scope is chosen by: units in force (GET /api/v1/areas, else the catalogue's areas),
 * the reporting departments, and the agencies in force (the server's agency catalogue, GET
 * /api/v1/agencies); stations for feed grants.
 */
export function useScopeOptions(): { units: CodeOption[]; agencies: CodeOption[]; stations: CodeOption[] } {
  const lang = useLang();
  const { index } = useCatalogue();
  const registry = useQuery(registryAreasQuery());
  const reporting = useQuery(reportingCatalogueQuery());
  const agencies = useQuery(agenciesQuery());
  return useMemo(() => {
    const areas = registry.data ?? index?.catalogue.areas ?? [];
    const departments = (reporting.data?.units ?? []).filter((u) => u.group === 'department');
    const city = index?.catalogue.city;
    const withCity = city && !areas.some((a) => a.code === city.code) ? [{ code: city.code, name: city.name, level: 'province' }, ...areas] : areas;
    return {
      units: unitOptions(withCity, departments),
      agencies: agencyOptions((agencies.data?.agencies ?? []).map((a) => ({ code: a.code, name: lang === 'en' ? a.name.en : a.name.vi }))),
      stations: stationOptions(index?.catalogue.stations ?? []),
    };
  }, [registry.data, reporting.data, agencies.data, index, lang]);
}
