import type { DossierEvent, ProcedureItem } from '@cityioc/contracts';

/**
 * Birth-certificate copy, as an administrator loads it into the procedure catalogue: 1 working day,
 * fee-bearing, full online (the domain's catalogue-version fixture is this procedure too).
 */
export const PROCEDURE_SAMPLE: ProcedureItem = {
  code: '1.000494',
  name: { vi: 'Cấp bản sao trích lục hộ tịch', en: 'Copy of a civil status extract' },
  legalTime: { value: 1, unit: 'working_days' },
  feeBearing: true,
  onlineService: 'full',
  validFrom: '2025-01-01',
  source: 'QĐ công bố TTHC (ví dụ)',
};

/** Phường Ninh Kiều (31135) and its people's committee (000.135.00.H13): a copy of a civil status extract (1.000494), submitted online. */
const NINH_KIEU_ONLINE: Pick<DossierEvent, 'procedureCode' | 'agencyCode' | 'adminUnitCode' | 'channel'> = {
  procedureCode: '1.000494',
  agencyCode: '000.135.00.H13',
  adminUnitCode: '31135',
  channel: 2,
};

/**
 * For tests on either side of the wire (the ingest's feed and route tests, the e2e): the canonical
 * event of a dossier received (status 2) at `at` (RFC 3339), as a feed owner sends it — by default
 * submitted online to phường Ninh Kiều's committee — with `patch` over it (another procedure,
 * agency or unit, a due date).
 */
export function receivedDossier(eventId: string, dossierCode: string, at: string, patch: Partial<DossierEvent> = {}): DossierEvent {
  return { eventId, dossierCode, ...NINH_KIEU_ONLINE, status: 2, statusAt: at, receivedAt: at, ...patch };
}
