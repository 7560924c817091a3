import { CAN_THO_AGENCIES } from '@cityioc/domain';
import { useMemo } from 'react';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { CITY_CODE } from './access.model.ts';

export interface ScopeNames {
  area: (code: string) => string;
  agency: (code: string) => string;
}

/** Display names of scope codes: areas from the catalogue, agencies from the agency catalogue; the code when unknown. */
export function useScopeNames(): ScopeNames {
  const { index } = useCatalogue();
  const lang = useLang();
  return useMemo(() => {
    const agencies = new Map(CAN_THO_AGENCIES.map((a) => [a.code, a.name[lang]]));
    return {
      area: (code: string) => index?.area(code)?.name ?? (code === CITY_CODE ? (index?.catalogue.city.name ?? code) : code),
      agency: (code: string) => agencies.get(code) ?? code,
    };
  }, [index, lang]);
}
