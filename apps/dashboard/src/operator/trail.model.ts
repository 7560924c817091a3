import type { DossierDetail } from '@cityioc/contracts';
import { formatDateTimeSeconds, type Lang } from '../format/format.ts';
import { statusLabel } from './watchlist.model.ts';

export interface TrailStep {
  key: string;
  status: number;
  label: string;
  /** 'dd/MM/yyyy HH:mm:ss' in the city's zone. */
  at: string;
  statusAt: number;
  /** The step the dossier is in now. */
  current: boolean;
}

/** A dossier's status changes in time order (ties keep the server's order), with local times. */
export function buildTrail(detail: DossierDetail | null | undefined, lang: Lang, timeZone: string): TrailStep[] {
  if (!detail) return [];
  const steps = detail.trail.map((s, i) => ({ s, i })).sort((a, b) => a.s.statusAt - b.s.statusAt || a.i - b.i);
  return steps.map(({ s }, i) => ({
    key: `${s.eventId}#${i}`,
    status: s.status,
    label: statusLabel(s.status, lang),
    at: formatDateTimeSeconds(s.statusAt, timeZone),
    statusAt: s.statusAt,
    current: i === steps.length - 1,
  }));
}
