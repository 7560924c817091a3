import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { PATHS } from '../../app/route-tree.tsx';
import { canOpen } from '../../auth/access.model.ts';
import { useSession } from '../../auth/useSession.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { responseFreshness } from '../../dossiers/response-freshness.ts';
import type { PanelContext, PanelProps } from '../../panels/panel.ts';
import { ScorecardGroups } from '../../panels/score766/ScorecardGroups.tsx';
import { formatPoints } from '../../panels/score766/score766.model.ts';
import { buildScorecard, lostPoints, type ScorecardGroupRow } from '../../panels/score766/scorecard.model.ts';
import { SCORECARD_REFRESH_MS } from '../../queries/score766.queries.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { score766Queries } from './scene-queries.ts';

/**
 * "Chỉ số 766": the whole Decision 766 scorecard the IOC computes for the wall's unit and period,
 * each group "points / maximum", the total out of 100 and the official score beside it; where the
 * points were lost. A group opens its drill-down (/analyst/score766) for sessions that may open the page.
 */
function useScorecard(ctx: PanelContext) {
  const { now, offline } = useClock();
  const { timeZone } = useCatalogue();
  const lang = useLang();
  const q = score766Queries({ period: ctx.period, now });
  const res = useQuery(q.scorecard);
  const view = useMemo(() => (res.data ? buildScorecard(res.data, lang, timeZone) : null), [res.data, lang, timeZone]);
  const fresh = responseFreshness(res.data?.asOf, now, { offline, timeZone, refreshMs: SCORECARD_REFRESH_MS });
  return { ...q, view, fresh, failed: res.isError && !res.data };
}

export function Score766Head({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const { view, fresh, period } = useScorecard(ctx);
  return (
    <div className="scene-head" data-testid="score766-head" data-period={view?.period ?? period}>
      <h2 className="scene-title">{t('score766.heading')}</h2>
      {view && (
        <span className="scene-period" data-testid="score766-period">
          {view.unitName} · {view.periodText}
        </span>
      )}
      <span className="scene-note">{t('score766.computed')}</span>
      <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
    </div>
  );
}

export function Score766Scorecard({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { view, fresh, failed, unit, period } = useScorecard(ctx);
  const link = canOpen(user, 'score766')
    ? (g: ScorecardGroupRow, children: ReactNode) => (
        <Link to={PATHS.score766} search={{ unit, period, group: g.id }} data-testid={`score766-open-${g.id}`}>
          {children}
        </Link>
      )
    : undefined;
  return (
    <section className={fresh.stale ? 'panel score-panel stale' : 'panel score-panel'} data-testid="score766-scorecard" data-stale={fresh.stale}>
      <div className="panel-head">
        <h2 className="panel-title">{t('score766.heading')}</h2>
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </div>
      {view ? <ScorecardGroups view={view} link={link} /> : <div className="panel-empty">{failed ? t('score766.loadError') : t('app.loading')}</div>}
    </section>
  );
}

export function Score766Lost({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { view, fresh } = useScorecard(ctx);
  const lost = useMemo(() => (view ? lostPoints(view, 8) : []), [view]);
  return (
    <section className={fresh.stale ? 'panel score-lost stale' : 'panel score-lost'} data-testid="score766-lost">
      <div className="panel-head">
        <h2 className="panel-title">{t('score766.lost')}</h2>
      </div>
      {view && lost.length === 0 ? (
        <div className="panel-empty">{t('score766.lostNone')}</div>
      ) : (
        <ul className="score-lost-list">
          {lost.map(({ group, metric }) => (
            <li key={metric.code} data-testid={`score766-lost-${metric.code}`}>
              <span className="score-lost-ind">{metric.label}</span>
              <span className="score-lost-name">
                {metric.name}
                <span className="score-lost-group">{group}</span>
              </span>
              <span className="score-lost-ratio">{metric.ratioText}</span>
              <b className="score-lost-points">
                {metric.lost === null ? t('score766.noData') : t('score766.lostPoints', { points: formatPoints(metric.lost, lang) })}
              </b>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
