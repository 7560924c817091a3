import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../app/hooks.ts';
import { formatClock } from '../format/format.ts';
import { setLang } from '../i18n/i18n.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';

/** The top bar: brand, an optional subtitle and extra items (scene indicator, navigation), clock, link status, language. */
export function Header({ timeZone, subtitle, children }: { timeZone: string; subtitle?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { now, status } = useClock();
  return (
    <header className="hdr">
      <div className="hdr-brand">
        <svg className="hdr-emblem" viewBox="0 0 48 48" aria-hidden="true">
          <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" strokeWidth="2.5" opacity="0.9" />
          <circle cx="24" cy="24" r="14" fill="none" stroke="currentColor" strokeWidth="2" opacity="0.45" />
          <path d="M6 30 Q16 24 24 30 T42 30" fill="none" stroke="#38bdf8" strokeWidth="3" strokeLinecap="round" />
          <circle cx="24" cy="18" r="4" fill="currentColor" />
        </svg>
        <div className="hdr-titles">
          <h1 className="hdr-title">{t('app.title')}</h1>
          <div className="hdr-subtitle">{subtitle ?? t('app.subtitle')}</div>
        </div>
      </div>
      <div className="hdr-right">
        {children}
        <time className="hdr-clock" dateTime={new Date(now).toISOString()} data-testid="clock">
          {formatClock(now, lang, timeZone)}
        </time>
        <span className={`status-pill status-${status}`} data-testid="connection-status" data-status={status}>
          <span className="status-dot" />
          {t(`status.${status}`)}
        </span>
        <div className="lang-toggle" role="group" aria-label={t('lang.label')}>
          {(['vi', 'en'] as const).map((l) => (
            <button
              key={l}
              type="button"
              className={l === lang ? 'lang-btn active' : 'lang-btn'}
              aria-pressed={l === lang}
              onClick={() => setLang(l)}
              data-testid={`lang-${l}`}
            >
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
