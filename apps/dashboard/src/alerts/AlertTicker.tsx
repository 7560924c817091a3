import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { DirectiveIssueButton } from '../panels/directives/DirectiveIssueDialog.tsx';
import { PinButton } from '../wall-pin/PinButton.tsx';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { SEVERITY_COLORS } from '../theme/theme.ts';
import { tickerItems, worstSeverity } from './alerts.model.ts';
import { wallAlertsQuery } from './alerts.queries.ts';

/**
 * How many alerts the ticker shows: one row of two, so that its height does not change with the
 * number of alerts and the scene below keeps its layout (the full list is on /operator/alerts).
 */
const TICKER_ITEMS = 2;

/** The wall's live alert ticker: unresolved alerts, newest first, in severity colours. Text only, never HTML. A leader issues a directive from an item. */
export function AlertTicker() {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { offline, now } = useClock();
  const q = useQuery(wallAlertsQuery());
  // ages move by the minute: the list is rebuilt when the minute turns, not at every tick
  const minute = Math.floor(now / 60_000) * 60_000;
  const items = useMemo(() => tickerItems(q.data ?? [], lang, timeZone, TICKER_ITEMS, minute), [q.data, lang, timeZone, minute]);
  const worst = worstSeverity(q.data ?? []);
  return (
    <section
      className={offline ? 'alert-ticker stale' : 'alert-ticker'}
      data-testid="alert-ticker"
      style={worst ? { borderColor: SEVERITY_COLORS[worst] } : undefined}
      aria-live="polite"
    >
      <h2 className="alert-ticker-title">{t('alerts.ticker')}</h2>
      {items.length === 0 ? (
        <div className="alert-ticker-empty">{q.isError ? t('app.loadError') : t('alerts.none')}</div>
      ) : (
        <ol className="alert-ticker-list">
          {items.map((i) => (
            <li key={i.id} className="alert-ticker-item" data-testid="alert-ticker-item" data-alert-id={i.id} data-severity={i.severity}>
              <span className="alert-sev" style={{ backgroundColor: i.color, color: i.textColor }}>
                {t(`alerts.severity.${i.severity}`)}
              </span>
              <span className="alert-time" title={i.time}>
                {i.age ? t(`alerts.age.${i.age.unit}`, { count: i.age.value }) : i.time}
              </span>
              <span className="alert-text">{i.text}</span>
              <span className="alert-status">
                {t(`alerts.status.${i.status}`)}
                {i.cleared ? ` · ${t('alerts.cleared')}` : ''}
              </span>
              <DirectiveIssueButton subject={{ kind: 'alert', id: i.id, label: i.text }} units={i.area} testId={`alert-${i.id}`} />
              <PinButton target={{ kind: 'alert', alertId: i.id }} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
