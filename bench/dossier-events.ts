import type { DossierEvent } from '@cityioc/contracts';
import type { StoredDossierEvent } from '../apps/ingest/src/store/store.ts';

/**
 * Appends the four status events of a bench dossier (`base`, the `d`th, received at `rec`): received (2), in progress
 * (4, an hour later), finished (9, on day 4, or day 9 for one dossier in 20: late) and returned (10, day 10); every other
 * dossier's events arrive in reverse order, as feeds deliver them. `more` adds each status's own fields.
 */
export function pushDossierLifecycle(
  out: StoredDossierEvent[],
  d: number,
  rec: number,
  base: Omit<DossierEvent, 'eventId' | 'status' | 'statusAt'>,
  more: (status: number, at: number) => Partial<DossierEvent>,
): void {
  const steps: [status: DossierEvent['status'], at: number][] = [
    [2, rec],
    [4, rec + 3_600_000],
    [9, rec + (d % 20 === 0 ? 9 : 4) * 86_400_000],
    [10, rec + 10 * 86_400_000],
  ];
  if (d % 2) steps.reverse();
  for (const [status, at] of steps) {
    const event = { ...base, eventId: `${base.dossierCode}-${status}`, status, statusAt: new Date(at).toISOString(), ...more(status, at) };
    out.push({ seq: out.length + 1, receivedAt: at, source: 'bench', event });
  }
}
