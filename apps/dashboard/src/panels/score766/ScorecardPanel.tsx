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
import { SCORECARD_REFRESH_MS } from '../../queries/score766.queries.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { score766Queries } from '../../scenes/score766/scene-queries.ts';
import { canIssueDirective } from '../directives/directive-form.model.ts';
import { DirectiveIssueButton } from '../directives/DirectiveIssueDialog.tsx';
import type { PanelContext } from '../panel.ts';
import { ScorecardGroups } from './ScorecardGroups.tsx';
import { buildScorecard, type ScorecardGroupRow } from './scorecard.model.ts';

/**
 * The one read of the computed scorecard on the wall (GET /api/v1/score766 for the wall's unit and
 * period): the 766 scene and the procedures scene show the same server numbers through it.
 */
export function useScorecard(ctx: Pick<PanelContext, 'period'>) {
  const { now, offline } = useClock();
  const { timeZone } = useCatalogue();
  const lang = useLang();
  const q = score766Queries({ period: ctx.period, now });
  const res = useQuery(q.scorecard);
  const view = useMemo(() => (res.data ? buildScorecard(res.data, lang, timeZone) : null), [res.data, lang, timeZone]);
  const fresh = responseFreshness(res.data?.asOf, now, { offline, timeZone, refreshMs: SCORECARD_REFRESH_MS });
  return { ...q, view, fresh, failed: res.isError && !res.data };
}

/**
 * The six groups "points / maximum", the total out of 100 and the official score beside it, labelled
 * as computed (not the official score). A group opens its drill-down for sessions that may open the page.
 */
export function ScorecardPanel({
  ctx,
  testId,
  prefix,
  disclaimer = false,
  directive = false,
}: {
  ctx: Pick<PanelContext, 'period'>;
  testId: string;
  /** Of the groups' test ids ('score766-group-value-progress'). */
  prefix: string;
  /** Says on the panel's face that these are computed points, not the official score (where no scene head says it). */
  disclaimer?: boolean;
  /** Each group carries the leader's "Giao chỉ đạo" about it, the scorecard's unit prefilled (leaders only; nothing for anyone else). */
  directive?: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { view, fresh, failed, unit, period } = useScorecard(ctx);
  const link = canOpen(user, 'score766')
    ? (g: ScorecardGroupRow, children: ReactNode) => (
        <Link to={PATHS.score766} search={{ unit, period, group: g.id }} data-testid={`${prefix}-open-${g.id}`}>
          {children}
        </Link>
      )
    : undefined;
  const action =
    directive && view && canIssueDirective(user)
      ? (g: ScorecardGroupRow) => (
          <DirectiveIssueButton
            subject={{ kind: 'score766', id: g.id, label: `${g.name} · ${view.unitName}` }}
            units={unit}
            testId={`${prefix}-group-${g.id}`}
          />
        )
      : undefined;
  return (
    <section
      className={fresh.stale ? 'panel score-panel stale' : 'panel score-panel'}
      data-testid={testId}
      data-stale={fresh.stale}
      data-period={view?.period ?? period}
    >
      <div className="panel-head">
        <h2 className="panel-title">{t('score766.heading')}</h2>
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </div>
      {disclaimer && (
        <div className="score-disclaimer" data-testid={`${prefix}-disclaimer`}>
          {t('score766.computed')}
        </div>
      )}
      {view ? (
        <ScorecardGroups view={view} link={link} action={action} prefix={prefix} />
      ) : (
        <div className="panel-empty">{failed ? t('score766.loadError') : t('app.loading')}</div>
      )}
    </section>
  );
}
