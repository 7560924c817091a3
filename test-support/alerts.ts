import type { Alert } from '@cityioc/contracts';
import { alertFromRaise } from '@cityioc/domain';

/**
 * For tests on either side of the wire (the ingest's store conformance, the dashboard's alert model): the flood
 * alert the IOC raises at wl-can-tho (band BĐ I, 185 cm over 180, open, revision 1) at time `at`, built by the
 * domain's own alertFromRaise, with `patch` over it. The title names `id`, so a test can tell alerts apart.
 */
export function raisedAlert(id: string, at: number, patch: Partial<Alert> = {}): Alert {
  const raised = alertFromRaise(
    {
      type: 'raise',
      alertId: id,
      ruleId: 'flood-band',
      kind: 'band',
      severity: 'medium',
      area: '916',
      station: 'wl-can-tho',
      indicator: 'water_level',
      title: { vi: `Mực nước ${id} vượt BĐ I`, en: `Water level ${id} above alert I` },
      value: 185,
      level: 180,
      band: 'bd1',
      startedAt: at,
      at,
    },
    at,
  );
  return { ...raised, ...patch };
}
