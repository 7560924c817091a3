import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { agenciesQuery, proceduresQuery } from '../queries/names.queries.ts';
import { agencyBook, procedureBook, type NameBook } from './names.ts';

/** Agency and procedure names from the server's catalogues (codes until they arrive). */
export function useNames(): { agencies: NameBook; procedures: NameBook } {
  const a = useQuery(agenciesQuery());
  const p = useQuery(proceduresQuery());
  const agencies = useMemo(() => agencyBook(a.data), [a.data]);
  const procedures = useMemo(() => procedureBook(p.data), [p.data]);
  return { agencies, procedures };
}
