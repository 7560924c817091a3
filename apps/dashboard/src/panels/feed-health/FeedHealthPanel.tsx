import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { feedHealthQuery } from '../../queries/feeds.queries.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { buildFeedRows } from './feed-health.model.ts';

/** Connector feeds (MQTT, NGSI-LD, NGSI v2) and HTTP feed sources: status, last seen, messages per minute, errors. Feed strings render as text only. */
export function FeedHealthPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const { now, offline } = useClock();
  const q = useQuery(feedHealthQuery());
  const rows = useMemo(() => buildFeedRows({ data: q.data, fetchedAt: q.dataUpdatedAt, now, offline, lang }), [q.data, q.dataUpdatedAt, now, offline, lang]);
  if (rows.length === 0) return null;
  return (
    <section className="panel feeds-panel" data-testid="feeds-panel">
      <h2 className="panel-title">{t('feeds.heading')}</h2>
      <ul className="feeds-list">
        {rows.map((r) => (
          <li key={r.id} className={`feed-row feed-${r.status}`} data-testid={`feed-${r.id}`} data-status={r.status} title={r.lastError ?? undefined}>
            <span className="feed-dot" aria-hidden />
            <span className="feed-name">{r.name}</span>
            <span className="feed-status">{t(`feeds.status.${r.status}`)}</span>
            <span className="feed-meta">
              {r.ago ? t(`feeds.ago.${r.ago.unit}`, { count: r.ago.value }) : t('feeds.neverSeen')} · {t('feeds.rate', { rate: r.rateText })}
              {r.errors + r.rejected > 0 && <> · {t('feeds.errors', { count: r.errors + r.rejected })}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
