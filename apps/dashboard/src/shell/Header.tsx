import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../app/hooks.ts';
import { formatClock } from '../format/format.ts';
import { setLang } from '../i18n/i18n.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { Emblem } from './Emblem.tsx';
import { Segmented } from '../components/fields.tsx';
import type { Lang } from '../format/format.ts';

const LANGS: readonly Lang[] = ['vi', 'en'];

/**
 * The top bar: brand, an optional subtitle and extra items (the wall's scene indicator), clock, link status, language;
 * the desks' pages add a second row (`bar`: their navigation and the signed-in person).
 */
export function Header({ timeZone, subtitle, children, bar }: { timeZone: string; subtitle?: string; children?: ReactNode; bar?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { now, status } = useClock();
  return (
    <header className="hdr">
      <div className="hdr-brand">
        <Emblem className="hdr-emblem" />
        <div className="hdr-titles">
          <h1 className="hdr-title" title={t('app.title')}>
            {t('app.title')}
          </h1>
          <div className="hdr-subtitle">{subtitle ?? t('app.subtitle')}</div>
        </div>
      </div>
      <div className="hdr-right">
        {children}
        <time className="hdr-clock" dateTime={new Date(now).toISOString()} data-testid="clock">
          {formatClock(now, lang, timeZone)}
        </time>
        <span
          className={`status-pill status-${status}`}
          data-testid="connection-status"
          data-status={status}
          title={status === 'degraded' ? t('fanout.degradedHint') : undefined}
        >
          <span className="status-dot" />
          {status === 'degraded' ? t('fanout.degraded') : t(`status.${status}`)}
        </span>
        <LangToggle />
      </div>
      {bar && <div className="hdr-bar">{bar}</div>}
    </header>
  );
}

/** VI / EN: the choice is remembered on this screen. */
export function LangToggle() {
  const { t } = useTranslation();
  const lang = useLang();
  return <Segmented look="lang" label={t('lang.label')} options={LANGS} value={lang} onChange={setLang} optionLabel={(l) => t(`lang.${l}`)} testId="lang" />;
}
