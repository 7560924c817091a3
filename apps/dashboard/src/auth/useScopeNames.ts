import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { agencyBook } from '../names/names.ts';
import { agenciesQuery } from '../queries/names.queries.ts';
import { CITY_CODE } from './access.model.ts';

export interface ScopeNames {
  area: (code: string) => string;
  agency: (code: string) => string;
}

/** Display names of scope codes: areas from the catalogue, agencies from the server's agency catalogue; the code when unknown. */
export function useScopeNames(): ScopeNames {
  const { index } = useCatalogue();
  const lang = useLang();
  const list = useQuery(agenciesQuery());
  const agencies = useMemo(() => agencyBook(list.data), [list.data]);
  return useMemo(
    () => ({
      area: (code: string) => index?.area(code)?.name ?? (code === CITY_CODE ? (index?.catalogue.city.name ?? code) : code),
      agency: (code: string) => agencies.label(code, lang),
    }),
    [index, agencies, lang],
  );
}
