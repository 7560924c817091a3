import type { SubmissionStatus } from '@cityioc/contracts';
import { useQuery } from '@tanstack/react-query';
import { periodLabel } from '@cityioc/domain';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { areaInScope } from '../auth/access.model.ts';
import { useSession } from '../auth/useSession.ts';
import type { PageProps } from '../app/page.ts';
import { reportingHistoryOption, reportingSeries, seriesText, statusCountsOption, type ChartIndicator } from '../analyst/reporting-chart.ts';
import { historyTable } from '../analyst/reporting-history.ts';
import { reportingState, type ReportingSearch } from '../analyst/reporting-state.ts';
import { EChart } from '../components/EChart.tsx';
import { SelectField } from '../components/fields.tsx';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { reportingCatalogueQuery, reportingHistoryQuery, reportingStatusQuery } from '../queries/reporting.queries.ts';
import { ToolbarPage } from '../shell/ToolbarPage.tsx';
import '../analyst/analyst-pages.css';

use([LegendComponent]);

/** What this page reads of the reporting catalogue beyond the shared view: targets, and the indicators of each regime. */
interface CatalogueExtras {
  indicators: (ChartIndicator & { name: { vi: string; en: string }; sourceAgency: { vi: string; en: string } })[];
  regimes: { id: string; indicators?: string[] }[];
}

/**
 * The analyst's view of the reporting system: one indicator's history across periods and units —
 * a chart of the values by period against the target, the units of its regime by submission status
 * for the latest period, and the table, exported by the server as CSV (UTF-8 BOM) or XLSX. The view
 * (?indicator=&units=) is in the URL.
 */
export function ReportingAnalystScreen({ search, setSearch: setParams }: PageProps<ReportingSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const cat = useQuery(reportingCatalogueQuery());
  const ids = useMemo(() => (cat.data?.indicators ?? []).map((i) => i.id), [cat.data]);
  const state = reportingState(search, ids);
  const extras = cat.data as unknown as CatalogueExtras | undefined;
  const ind = extras?.indicators.find((i) => i.id === state.indicator);
  const history = useQuery({ ...reportingHistoryQuery(state.indicator, state.units), enabled: ids.length > 0 });
  const table = useMemo(() => historyTable(history.data, ind?.decimals ?? 2, lang), [history.data, ind, lang]);
  // the units the session may see: a department's code, or an area of its scope (the server narrows "all" the same way)
  const { user } = useSession();
  const { index } = useCatalogue();
  const units = useMemo(() => (cat.data?.units ?? []).filter((u) => areaInScope(user, u.code, (code) => index?.area(code)?.parent)), [cat.data, user, index]);
  const unit = state.units.length === 1 ? state.units[0]! : null;
  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? code;

  const series = useMemo(() => (history.data && ind ? reportingSeries(history.data, ind, unit) : null), [history.data, ind, unit]);
  const lineName = unit ? unitName(unit) : t('analystPages.reporting.cityValue');
  const historyOption = useMemo(
    () =>
      series && ind
        ? reportingHistoryOption({ series, name: lineName, targetLabel: t('analystPages.reporting.target'), unit: ind.unit, decimals: ind.decimals, lang })
        : null,
    [series, ind, lineName, t, lang],
  );
  // the submission status of the indicator's regime, for the latest period of the history
  const regime = extras?.regimes.find((r) => r.indicators?.includes(state.indicator))?.id ?? null;
  const lastPeriod = history.data?.periods.at(-1) ?? null;
  const status = useQuery({ ...reportingStatusQuery(regime ?? '', lastPeriod ?? ''), enabled: regime !== null && lastPeriod !== null });
  const statusLabel = (s: SubmissionStatus) => t(`reporting.status.${s}`);
  const statusOption = useMemo(
    () => (status.data ? statusCountsOption(status.data.counts, (s) => t(`reporting.status.${s}`), lang) : null),
    [status.data, lang, t],
  );

  const title = t('reporting.analyst.title');
  const toolbar = (
    <>
      <SelectField
        label={t('reporting.analyst.indicator')}
        options={ids}
        value={state.indicator}
        onChange={(indicator) => setParams({ indicator, units: state.units.length ? state.units : undefined })}
        optionLabel={(id) => cat.data?.indicators.find((i) => i.id === id)?.name[lang] ?? id}
        testId="reporting-indicator"
      />
      <SelectField
        label={t('reporting.analyst.units')}
        options={['', ...units.map((u) => u.code)]}
        value={state.units[0] ?? ''}
        onChange={(code) => setParams({ indicator: state.indicator, units: code ? [code] : undefined })}
        optionLabel={(code) => (code ? unitName(code) : t('reporting.analyst.allUnits'))}
        testId="reporting-units"
      />
      <ExportButtons
        request={{ table: 'reportingHistory', query: { indicator: state.indicator, units: state.units.join(',') } }}
        testIds={{ csv: 'reporting-csv', xlsx: 'reporting-xlsx', sep: 'reporting-sep' }}
      />
    </>
  );

  return (
    <ToolbarPage subtitle={title} heading={title} testId="reporting-analyst" className="an-main reporting-analyst" toolbar={toolbar}>
      {ind && (
        <div className="op-note">
          {t('reporting.analyst.source')}: {ind.sourceAgency[lang]} · {ind.unit}
        </div>
      )}
      {table.rows.length === 0 ? (
        <div className="empty-state" data-testid="reporting-empty">
          {t('reporting.noData')}
        </div>
      ) : (
        <>
          <div className="ra-charts">
            <div className="ra-chart">
              <h3>{t('analystPages.reporting.chartTitle', { indicator: ind?.name[lang] ?? state.indicator })}</h3>
              {historyOption && series && ind && (
                <div data-testid="reporting-chart-points" data-points={series.values.filter((v) => v !== null).length} data-target={series.target ?? undefined}>
                  <EChart
                    option={historyOption}
                    className="ra-canvas"
                    testId="reporting-chart"
                    label={t('analystPages.reporting.chartLabel', { indicator: ind.name[lang], points: seriesText(series, ind.unit, ind.decimals, lang) })}
                  />
                </div>
              )}
            </div>
            <div className="ra-chart">
              <h3>{t('analystPages.reporting.statusTitle', { period: lastPeriod ? periodLabel(lastPeriod, lang) : '—' })}</h3>
              {statusOption && status.data ? (
                <EChart
                  option={statusOption}
                  className="ra-canvas"
                  testId="reporting-status-chart"
                  label={t('analystPages.reporting.statusLabel', {
                    points: Object.entries(status.data.counts)
                      .map(([s, n]) => `${statusLabel(s as SubmissionStatus)}: ${n}`)
                      .join('; '),
                  })}
                />
              ) : (
                <div className="op-note">{t('analystPages.reporting.noStatus')}</div>
              )}
            </div>
          </div>
          <div className="table-wrap">
            <table className="an-table" data-testid="reporting-history">
              <thead>
                <tr>
                  <th scope="col">{t('reporting.analyst.units')}</th>
                  {table.columns.map((c) => (
                    <th key={c.id} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.unit} data-unit={r.unit}>
                    <td className="an-unit">{r.name}</td>
                    {r.cells.map((c, i) => (
                      <td
                        key={table.columns[i]!.id}
                        className={c.illustrative ? 'an-value is-illustrative' : 'an-value'}
                        title={c.illustrative ? t('reporting.illustrativeNote') : undefined}
                      >
                        {c.text}
                        {c.illustrative ? '*' : ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {table.rows.some((r) => r.cells.some((c) => c.illustrative)) && <div className="op-note">* {t('reporting.illustrativeNote')}</div>}
    </ToolbarPage>
  );
}
