import { useTranslation } from 'react-i18next';
import { useClock, useLiveState } from '../realtime/RealtimeProvider.tsx';

/** Full-width alert while the link is down, until the snapshots are re-read after reconnecting. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const { offline } = useClock();
  const { refused } = useLiveState();
  if (!offline) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <svg viewBox="0 0 24 24" className="offline-icon" aria-hidden="true">
        <path d="M12 3 2 21h20L12 3z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        <path d="M12 10v5M12 17.5v.5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <span>{refused ? t('banner.refused', { code: refused }) : t('banner.offline')}</span>
    </div>
  );
}
