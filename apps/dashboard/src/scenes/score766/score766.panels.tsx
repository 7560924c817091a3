import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { DirectiveIssueButton } from '../../panels/directives/DirectiveIssueDialog.tsx';
import type { PanelProps } from '../../panels/panel.ts';
import { ScorecardPanel, useScorecard } from '../../panels/score766/ScorecardPanel.tsx';
import { useRowsThatFit } from '../../panels/score766/rows-that-fit.ts';
import { formatPoints, lostPoints } from '../../panels/score766/scorecard.model.ts';
import './score766-scene.css';

/**
 * "Chỉ số 766": the whole Decision 766 scorecard the IOC computes for the wall's unit and period,
 * each group "points / maximum", the total out of 100 and the official score beside it; where the
 * points were lost. A group opens its drill-down (/analyst/score766) for sessions that may open the page;
 * a leader gives a directive about a group or a lost indicator from its row.
 * The three panels share one read (panels/score766/ScorecardPanel.tsx: useScorecard).
 */
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

export const Score766Scorecard = ({ ctx }: PanelProps) => <ScorecardPanel ctx={ctx} testId="score766-scorecard" prefix="score766" directive />;

/**
 * Where the points were lost: every scored metric below its maximum, then those without data, as many rows as the
 * panel holds (measured), and a last line counting the others.
 */
export function Score766Lost({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { view, fresh, unit } = useScorecard(ctx);
  const lost = useMemo(() => (view ? lostPoints(view) : []), [view]);
  const list = useRef<HTMLUListElement>(null);
  const fit = useRowsThatFit(list, lost.length, lost);
  const shown = fit === null ? lost : lost.slice(0, fit);
  return (
    <section className={fresh.stale ? 'panel score-lost stale' : 'panel score-lost'} data-testid="score766-lost">
      <div className="panel-head">
        <h2 className="panel-title">{t('score766.lost')}</h2>
      </div>
      {view && lost.length === 0 ? (
        <div className="panel-empty">{t('score766.lostNone')}</div>
      ) : (
        <ul className="score-lost-list" ref={list} data-shown={shown.length} data-of={lost.length}>
          {shown.map(({ group, metric }) => (
            <li key={metric.code} data-testid={`score766-lost-${metric.code}`}>
              <span className="score-lost-ind" title={metric.portalOnly ? t('score766.portalMetric') : undefined}>
                {metric.label}
              </span>
              <span className="score-lost-name">
                {metric.name}
                <span className="score-lost-group">{group}</span>
              </span>
              <span className="score-lost-ratio">{metric.ratioText}</span>
              <b className="score-lost-points">
                {metric.lost === null ? t('score766.noData') : t('score766.lostPoints', { points: formatPoints(metric.lost, lang) })}
              </b>
              <DirectiveIssueButton
                subject={{ kind: 'score766', id: metric.code, label: `${metric.title} · ${view?.unitName ?? unit}` }}
                units={unit}
                testId={`score766-lost-${metric.code}`}
              />
            </li>
          ))}
          {shown.length < lost.length && (
            <li className="score-lost-more" data-testid="score766-lost-more">
              {t('score766.lostMore', { count: lost.length - shown.length })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
