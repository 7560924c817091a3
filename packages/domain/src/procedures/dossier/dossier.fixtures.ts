import type { DossierEvent, DossierStatus } from '@cityioc/contracts';
import { PROCEDURE_SAMPLE } from '../../../../../test-support/dossiers.ts';
import type { ProcedureVersion } from '../catalogue/procedure-catalogue.ts';

/** A canonical event of dossier `code` with the given status at a local wall-clock time ('2025-03-03 08:00'). */
export function ev(code: string, status: DossierStatus, local: string, extra: Partial<DossierEvent> = {}): DossierEvent {
  const statusAt = `${local.replace(' ', 'T')}:00+07:00`;
  return {
    eventId: `${code}/${status}/${local}`,
    dossierCode: code,
    procedureCode: '1.000494',
    agencyCode: '000.00.01.H13',
    adminUnitCode: '916',
    channel: 1,
    status,
    statusAt,
    ...extra,
  };
}

/** '2025-03-05 17:00' → RFC 3339 in +07:00. */
export function t(local: string): string {
  return `${local.replace(' ', 'T')}:00+07:00`;
}

/** A catalogue version of the sample procedure 1.000494 (test-support), in force since 2020 with 2 working days, with the given changes. */
export function procedure(extra: Partial<ProcedureVersion> = {}): ProcedureVersion {
  return { ...PROCEDURE_SAMPLE, legalTime: { value: 2, unit: 'working_days' }, validFrom: '2020-01-01', version: 1, ...extra };
}
