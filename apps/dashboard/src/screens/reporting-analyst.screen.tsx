import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { areaInScope } from '../auth/access.model.ts';
import { useSession } from '../auth/useSession.ts';
import type { PageProps } from '../app/page.ts';
import { historyTable } from '../analyst/reporting-history.ts';
import { reportingState, type ReportingSearch } from '../analyst/reporting-state.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { reportingCatalogueQuery, reportingHistoryQuery } from '../queries/reporting.queries.ts';
import { PageShell } from '../shell/PageShell.tsx';

/**
 * The analyst's view of the reporting system: one indicator's history across periods and units,
 * exported by the server as CSV (UTF-8 BOM) or XLSX. The view (?indicator=&units=) is in the URL.
 */
export function ReportingAnalystScreen({ search, setSearch: setParams }: PageProps<ReportingSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const cat = useQuery(reportingCatalogueQuery());
  const ids = useMemo(() => (cat.data?.indicators ?? []).map((i) => i.id), [cat.data]);
  const state = reportingState(search, ids);
  const ind = cat.data?.indicators.find((i) => i.id === state.indicator);
  const history = useQuery({ ...reportingHistoryQuery(state.indicator, state.units), enabled: ids.length > 0 });
  const table = useMemo(() => historyTable(history.data, ind?.decimals ?? 2, lang), [history.data, ind, lang]);
  // the units the session may see: a department's code, or an area of its scope (the server narrows "all" the same way)
  const { user } = useSession();
  const { index } = useCatalogue();
  const units = useMemo(() => (cat.data?.units ?? []).filter((u) => areaInScope(user, u.code, (code) => index?.area(code)?.parent)), [cat.data, user, index]);

  return (
    <PageShell subtitle={t('reporting.analyst.title')} testId="reporting-analyst">
      <section className="reporting-analyst">
        <div className="analyst-controls">
          <label>
            {t('reporting.analyst.indicator')}{' '}
            <select value={state.indicator} onChange={(e) => setParams({ indicator: e.target.value })} data-testid="reporting-indicator">
              {(cat.data?.indicators ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name[lang]}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('reporting.analyst.units')}{' '}
            <select
              value={state.units[0] ?? ''}
              onChange={(e) => setParams({ units: e.target.value ? [e.target.value] : undefined })}
              data-testid="reporting-units"
            >
              <option value="">{t('reporting.analyst.allUnits')}</option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <ExportButtons
            request={{ table: 'reportingHistory', query: { indicator: state.indicator, units: state.units.join(',') } }}
            testIds={{ csv: 'reporting-csv', xlsx: 'reporting-xlsx', sep: 'reporting-sep' }}
          />
        </div>
        {ind && (
          <p className="reporting-note">
            {t('reporting.analyst.source')}: {ind.sourceAgency[lang]} · {ind.unit}
          </p>
        )}
        {table.rows.length === 0 ? (
          <p className="reporting-empty">{t('reporting.noData')}</p>
        ) : (
          <table data-testid="reporting-history">
            <thead>
              <tr>
                <th>{t('reporting.analyst.units')}</th>
                {table.columns.map((c) => (
                  <th key={c.id}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.unit} data-unit={r.unit}>
                  <td>{r.name}</td>
                  {r.cells.map((c, i) => (
                    <td
                      key={table.columns[i]!.id}
                      className={c.illustrative ? 'is-illustrative' : undefined}
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
        )}
        {table.rows.some((r) => r.cells.some((c) => c.illustrative)) && <p className="reporting-note">* {t('reporting.illustrativeNote')}</p>}
      </section>
    </PageShell>
  );
}
