import type { ProceduresResponse } from '@cityioc/contracts';
import type { Lang } from '../format/format.ts';

/** One agency of GET /api/v1/agencies?at= (the agency catalogue in force that day). */
export interface AgencyRow {
  code: string;
  name: { vi: string; en: string };
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  /** GSO code of the unit its dossiers are attributed to when an event names none. */
  adminUnitCode: string;
  parent: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface AgenciesAt {
  at: string;
  agencies: AgencyRow[];
}

/**
 * Agencies and procedures by name: the server's agency catalogue (GET /api/v1/agencies) and
 * procedure catalogue (GET /api/v1/procedures). Screens show the name and keep the code as
 * secondary text; a code the catalogue does not know is shown as it is. Pure.
 */
export interface NameBook {
  /** The name of a code, or null when the catalogue does not know it. */
  name(code: string, lang?: Lang): string | null;
  /** The name, else the code. */
  label(code: string, lang?: Lang): string;
}

function book(names: ReadonlyMap<string, { vi: string; en?: string }>, keyOf: (code: string) => string = (c) => c): NameBook {
  const name = (code: string, lang: Lang = 'vi') => {
    const n = names.get(keyOf(code));
    return n ? (lang === 'en' ? (n.en ?? n.vi) : n.vi) : null;
  };
  return { name, label: (code, lang) => name(code, lang) ?? code };
}

export function agencyBook(res: AgenciesAt | undefined): NameBook {
  return book(new Map((res?.agencies ?? []).map((a) => [a.code, a.name])));
}

/** The national TTHC code of a procedure code that may carry a local agency suffix ('1.000494.000.00.00.H29' → '1.000494'). */
export function nationalProcedureCode(code: string): string {
  return /^\d\.\d{6}/.exec(code)?.[0] ?? code;
}

/** Procedure names: the version in force now of each code (the catalogue keeps every version). */
export function procedureBook(res: ProceduresResponse | undefined): NameBook {
  const names = new Map<string, { vi: string; en?: string }>();
  for (const p of res?.items ?? []) if (p.current || !names.has(p.code)) names.set(p.code, p.name);
  return book(names, nationalProcedureCode);
}
