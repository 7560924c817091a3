import type { AnalystSeriesResponse } from '@cityioc/contracts';
import { periodLabel } from '@cityioc/domain';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../app/hooks.ts';
import { EChart } from '../components/EChart.tsx';
import { buildTrendOption, hasEstimated, unitRows } from './explorer.chart.ts';

use([LegendComponent]);

/**
 * The compared units over the range: the trend chart and the table of the last period against
 * the one before. Figures resting on a crosswalk estimate (a split unit's share) carry the
 * "ước tính" mark in both, and the page explains it once.
 */
export function ExplorerResults({ data, decimals, error }: { data: AnalystSeriesResponse | undefined; decimals: number; error: unknown }) {
  const { t } = useTranslation();
  const lang = useLang();
  const estimatedSuffix = ` (${t('explorer.estimated')})`;
  const option = useMemo(
    () => (data ? buildTrendOption({ response: data, lang, decimals, previousSuffix: t('explorer.previousSuffix'), estimatedSuffix }) : null),
    [data, lang, decimals, t, estimatedSuffix],
  );
  const rows = useMemo(() => (data ? unitRows(data, decimals, lang) : []), [data, decimals, lang]);
  if (error) {
    return (
      <div className="empty-state error" data-testid="explorer-error">
        {t('explorer.error', { message: error instanceof Error ? error.message : String(error) })}
      </div>
    );
  }
  if (!data || !option) return <div className="empty-state">{t('explorer.loading')}</div>;
  const estimated = hasEstimated(data);
  const mark = (on: boolean) =>
    on ? (
      <span className="est-mark" title={t('explorer.estimatedNote')} data-testid="estimated-mark">
        {t('explorer.estimated')}
      </span>
    ) : null;
  return (
    <>
      {/* data-points: how many values the chart draws (the periods with data of every unit), for the browser tests: a canvas has no text */}
      <div data-testid="explorer-chart-points" data-points={data.series.reduce((n, s) => n + s.points.filter((p) => p.value !== null).length, 0)}>
        <EChart option={option} className="ex-chart" testId="explorer-chart" />
      </div>
      {estimated && (
        <div className="op-note ex-estimated" data-testid="explorer-estimated-note">
          <span aria-hidden="true">◇ </span>
          {t('explorer.estimatedNote')}
        </div>
      )}
      <table className="an-table" data-testid="explorer-table" data-kind={data.period}>
        <thead>
          <tr>
            <th scope="col">{t('explorer.col.unit')}</th>
            <th scope="col">{rows[0]?.period ? periodLabel(rows[0].period, lang) : t('explorer.col.value')}</th>
            <th scope="col">{rows[0]?.previousPeriod ? periodLabel(rows[0].previousPeriod, lang) : t('explorer.col.previous')}</th>
            <th scope="col">{t('explorer.col.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.area} data-testid={`explorer-row-${r.area}`} data-estimated={r.estimated || r.previousEstimated ? 'true' : undefined}>
              <td className="an-unit">
                {r.name}
                <span className="an-code">{r.area}</span>
              </td>
              <td className="an-value" data-raw-value={r.value ?? undefined}>
                <b>{r.valueText}</b>
                {mark(r.estimated)}
              </td>
              <td className="an-prev">
                {r.previousText}
                {mark(r.previousEstimated)}
              </td>
              <td className="an-change">{r.changeText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
