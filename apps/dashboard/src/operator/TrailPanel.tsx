import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { Freshness } from '../components/Freshness.tsx';
import { responseFreshness } from '../dossiers/response-freshness.ts';
import { formatDateTime } from '../format/format.ts';
import { useNames } from '../names/useNames.ts';
import { HttpError } from '../queries/http.ts';
import { dossierQuery } from '../queries/dossiers.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { buildTrail, dueSourceText } from './trail.model.ts';
import { channelLabel, statusLabel } from './watchlist.model.ts';
import { DossierCode } from '../components/DossierCode.tsx';

/** A dossier's record and its status changes, beside the watchlist. Text only: nothing from data is parsed as HTML. */
export function TrailPanel({ code, onClose, areaName }: { code: string; onClose: () => void; areaName: (code: string) => string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { now, offline } = useClock();
  const q = useQuery(dossierQuery(code));
  const { agencies, procedures } = useNames();
  const steps = useMemo(() => buildTrail(q.data, lang, timeZone), [q.data, lang, timeZone]);
  const fresh = responseFreshness(q.data?.asOf, now, { offline, timeZone });
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [code]);
  const s = q.data?.summary;
  const notFound = q.error instanceof HttpError && q.error.status === 404;

  return (
    <aside className="trail-panel" aria-label={t('operator.trail.heading')} data-testid="trail-panel" data-code={code}>
      <div className="trail-head">
        <div>
          <h2 className="panel-title">{t('operator.trail.heading')}</h2>
          <div className="trail-code">
            <DossierCode code={code} agency={s?.agencyCode} />
          </div>
        </div>
        <button ref={closeRef} type="button" className="btn" onClick={onClose} data-testid="trail-close">
          {t('operator.trail.close')}
        </button>
      </div>
      {notFound ? (
        <div className="empty-state">{t('operator.trail.notFound')}</div>
      ) : q.isError && !q.data ? (
        <div className="empty-state error">{t('operator.trail.loadError')}</div>
      ) : !q.data || !s ? (
        <div className="empty-state">{t('operator.trail.loading')}</div>
      ) : (
        <div className={fresh.stale ? 'trail-body stale' : 'trail-body'}>
          <dl className="trail-facts">
            <dt>{t('operator.trail.procedure')}</dt>
            <dd>
              {procedures.label(s.procedureCode, lang)}
              <span className="an-code">{s.procedureCode}</span>
            </dd>
            <dt>{t('operator.trail.agency')}</dt>
            <dd>
              {agencies.label(s.agencyCode, lang)}
              <span className="an-code">{s.agencyCode}</span>
            </dd>
            <dt>{t('operator.trail.area')}</dt>
            <dd>{areaName(s.adminUnitCode)}</dd>
            <dt>{t('operator.trail.channel')}</dt>
            <dd>{channelLabel(s.channel, lang)}</dd>
            <dt>{t('operator.trail.received')}</dt>
            <dd>{formatDateTime(s.receivedAt, timeZone)}</dd>
            <dt>{t('operator.trail.due')}</dt>
            <dd>
              {formatDateTime(s.dueAt, timeZone)}
              {q.data.due?.source && <span className="trail-due-source"> — {dueSourceText(q.data, lang)}</span>}
            </dd>
            <dt>{t('operator.trail.status')}</dt>
            <dd>
              {statusLabel(s.status, lang)}
              {q.data.overdue && <span className="days-chip overdue">{t('operator.trail.overdue')}</span>}
            </dd>
            <dt>{t('operator.trail.verdict')}</dt>
            <dd>{t(`operator.verdict.${q.data.verdict}`, { defaultValue: q.data.verdict })}</dd>
            {s.supplementRequests > 0 && (
              <>
                <dt />
                <dd>{t('operator.supplements', { count: s.supplementRequests })}</dd>
              </>
            )}
          </dl>
          {steps.length === 0 ? (
            <div className="empty-state">{t('operator.trail.empty')}</div>
          ) : (
            <ol className="trail-steps" data-testid="trail-steps">
              {steps.map((step) => (
                <li key={step.key} className={step.current ? 'trail-step current' : 'trail-step'}>
                  <time dateTime={new Date(step.statusAt).toISOString()}>{step.at}</time>
                  <span className="trail-status">
                    <span className="trail-no">{step.status}</span>
                    {step.label}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
        </div>
      )}
    </aside>
  );
}
