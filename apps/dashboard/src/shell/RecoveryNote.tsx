import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../app/hooks.ts';
import { formatHourMinute } from '../format/format.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { useRecoveryNotes, visibleNotes } from '../realtime/recovery-notes.ts';

/**
 * A small note, for ten minutes, that the wall recovered by itself: "Đã tự khôi phục kết nối lúc
 * HH:mm" after the watchdog (or Socket.IO) brought the link back from an outage, "… bản đồ …" after
 * the map was re-created on a lost WebGL context. Not while the wall is offline (the banner says so).
 */
export function RecoveryNote() {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const { offline } = useClock();
  const notes = visibleNotes(useRecoveryNotes(), Date.now());
  if (offline || notes.length === 0) return null;
  return (
    <div className="recovery-note" role="status" data-testid="recovery-note">
      {notes.map((n) => (
        <span key={n.kind} data-kind={n.kind}>
          {t(n.kind === 'link' ? 'watchdog.linkRecovered' : 'watchdog.mapRecovered', { time: formatHourMinute(n.at, timeZone) })}
        </span>
      ))}
    </div>
  );
}
