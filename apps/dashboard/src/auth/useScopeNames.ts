import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { agencyBook } from '../names/names.ts';
import { agenciesQuery } from '../queries/names.queries.ts';
import { reportingCatalogueQuery } from '../queries/reporting.queries.ts';
import { CITY_CODE, scopeAreaName, type FormerUnit } from './access.model.ts';

export interface ScopeNames {
  area: (code: string) => string;
  agency: (code: string) => string;
}

/**
 * Display names of scope codes: areas from the catalogue, agencies from the server's agency
 * catalogue; a unit that no longer exists (an old district named by a service token) from the
 * reporting catalogue, marked "(cũ)" — read only when `units` holds a code today's catalogue lacks.
 */
export function useScopeNames(units: readonly string[] = []): ScopeNames {
  const { index } = useCatalogue();
  const { t } = useTranslation();
  const lang = useLang();
  const list = useQuery(agenciesQuery());
  const agencies = useMemo(() => agencyBook(list.data), [list.data]);
  const needFormer = index !== null && units.some((u) => u !== CITY_CODE && !index.area(u));
  const reporting = useQuery({ ...reportingCatalogueQuery(), enabled: needFormer });
  const former = useMemo(() => new Map<string, FormerUnit>((reporting.data?.units ?? []).map((u) => [u.code, u])), [reporting.data]);
  return useMemo(
    () => ({
      area: (code: string) =>
        code === CITY_CODE && !index?.area(code)
          ? (index?.catalogue.city.name ?? code)
          : scopeAreaName(code, index?.area(code)?.name, former.get(code), (name) => t('auth.formerUnit', { name })),
      agency: (code: string) => agencies.label(code, lang),
    }),
    [index, agencies, lang, former, t],
  );
}
