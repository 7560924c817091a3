import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { useUiScale } from '../../app/ui-scale.ts';
import { Freshness } from '../../components/Freshness.tsx';
import type { ResponseFreshness } from '../../dossiers/response-freshness.ts';
import { buildRankingOption, rankingSummary, trimRanking, type RankingBar } from './ranking.chart.ts';

const EChart = lazy(() => import('../../components/EChart.tsx').then((m) => ({ default: m.EChart })));

/** A ranking as horizontal bars (ECharts), best at the top, ties broken by volume (the subtitle says so), with the response's freshness. */
export function RankingPanel(props: {
  title: string;
  bars: readonly RankingBar[];
  fresh: ResponseFreshness;
  loaded: boolean;
  testId: string;
  maxRows: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const scale = useUiScale();
  const { bars, maxRows } = props;
  const gap = t('admin.ranking.gap', { count: '{{count}}' });
  const slots = useMemo(() => trimRanking(bars, maxRows), [bars, maxRows]);
  const option = useMemo(
    () =>
      buildRankingOption({
        slots,
        lang,
        scale,
        labels: {
          rank: t('admin.ranking.rank'),
          value: t('admin.ranking.value'),
          pair: t('admin.ranking.pair'),
          gap,
          code: t('admin.ranking.code'),
        },
      }),
    [slots, gap, lang, scale, t],
  );
  const rows = Math.min(bars.length, maxRows);
  return (
    <section
      className={props.fresh.stale ? 'panel rank-panel stale' : 'panel rank-panel'}
      style={{ flexGrow: Math.max(3, rows) + 2 }}
      data-testid={props.testId}
      data-count={bars.length}
    >
      <div className="panel-head">
        <h2 className="panel-title">{props.title}</h2>
        <span className="panel-note rank-note" data-testid={`${props.testId}-ties`}>
          {t('admin.ranking.ties')}
        </span>
        <Freshness updated={props.fresh.updated} stale={props.fresh.stale} freshness={props.fresh.freshness} />
      </div>
      {props.loaded && bars.length === 0 ? (
        <div className="panel-empty">{t('admin.ranking.empty')}</div>
      ) : (
        <div className="rank-chart-box">
          <Suspense fallback={<div className="rank-chart" />}>
            <EChart option={option} className="rank-chart" testId={`${props.testId}-chart`} label={`${props.title}: ${rankingSummary(slots, gap, lang)}`} />
          </Suspense>
        </div>
      )}
    </section>
  );
}
