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

const UNIT: Record<string, { vi: string; en: string }> = {
  working_days: { vi: 'ngày làm việc', en: 'working day(s)' },
  days: { vi: 'ngày', en: 'day(s)' },
  hours: { vi: 'giờ làm việc', en: 'working hour(s)' },
  months: { vi: 'tháng', en: 'month(s)' },
};

/**
 * Where the due date the IOC computed comes from: the appointment date the one-stop system sent,
 * or the procedure's legal time (when the dossier has no NgayHenTra). Empty when there is no due date.
 */
export function dueSourceText(detail: DossierDetail | null | undefined, lang: Lang): string {
  const due = detail?.due;
  if (!due || due.source === null) return '';
  if (due.source === 'appointment') return lang === 'vi' ? 'theo ngày hẹn trả (NgayHenTra)' : 'from the appointment date (NgayHenTra)';
  const p = due.procedure;
  if (!p) return lang === 'vi' ? 'theo thời hạn giải quyết của thủ tục' : "from the procedure's legal time";
  const unit = UNIT[p.legalTime.unit]?.[lang] ?? p.legalTime.unit;
  return lang === 'vi'
    ? `theo thời hạn giải quyết của thủ tục ${p.code}: ${p.legalTime.value} ${unit} (phiên bản ${p.version})`
    : `from the legal time of procedure ${p.code}: ${p.legalTime.value} ${unit} (version ${p.version})`;
}
