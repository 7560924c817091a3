import { useQuery } from '@tanstack/react-query';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { EChart } from '../components/EChart.tsx';
import { periodKey, periodLabel, shiftPeriod, type DossierPeriodKind as PeriodKind } from '@cityioc/domain';
import { ExplorerMap } from '../explorer/ExplorerMap.tsx';
import { buildExplorerLayer, type Direction } from '../explorer/explorer-map.layer.ts';
import { buildTrendOption, formatExplorerValue, unitRows } from '../explorer/explorer.chart.ts';
import {
  drillTo,
  EXPLORER_KINDS,
  explorerSearch,
  explorerState,
  isCanonical,
  mapParams,
  seriesParams,
  seriesQuery,
  toggleUnit,
  withKind,
  type ExplorerSearch,
  type ExplorerState,
} from '../explorer/explorer-state.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { analystChildrenQuery, analystSeriesQuery } from '../queries/analyst.queries.ts';
import { geoAreasQuery } from '../queries/geo.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { PageShell } from '../shell/PageShell.tsx';
import { homeScope } from '../app/home-scope.ts';
import { cityWide } from '../auth/access.model.ts';
import { useSession } from '../auth/useSession.ts';

use([LegendComponent]);

/** How many periods of each kind the range pickers offer, back from now. */
const PICKER_SPAN: Record<PeriodKind, number> = { month: 60, quarter: 24, half: 12, year: 10 };

function periodOptions(kind: PeriodKind, now: number, keep: readonly string[]): string[] {
  const latest = periodKey(kind, now);
  const out = new Set<string>();
  for (let i = 0; i < PICKER_SPAN[kind]; i++) out.add(shiftPeriod(latest, -i)!);
  for (const k of keep) out.add(k);
  return [...out].sort().reverse();
}

/**
 * The analyst's map-first explorer: the city's districts coloured by an indicator; click to drill
 * down; a trend of the compared units over a range of months, quarters, halves or years, with
 * the previous range beside it; CSV and XLSX of the same query. The whole view is in the URL.
 */
export function ExplorerScreen({ search, setSearch }: PageProps<ExplorerSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { now } = useClock();
  const indicatorIds = useMemo(() => (index?.catalogue.indicators ?? []).map((i) => i.id), [index]);
  const { user } = useSession();
  const home = homeScope();
  const state = useMemo(() => explorerState(search, now, timeZone, indicatorIds, home), [search, now, timeZone, indicatorIds, home]);
  const indicator = index?.indicator(state.indicator);
  const decimals = indicator?.decimals ?? 1;

  // A bare /analyst gets its defaults written into the URL, so a copied link is complete.
  const canonical = indicatorIds.length > 0 && isCanonical(search, state);
  useEffect(() => {
    if (indicatorIds.length > 0 && !canonical) setSearch(explorerSearch(state), { replace: true });
  }, [canonical, indicatorIds.length, state, setSearch]);
  const go = (next: ExplorerState) => setSearch(explorerSearch(next));

  const geo = useQuery(geoAreasQuery());
  const children = useQuery(analystChildrenQuery(state.area));
  const here = children.data?.area;
  const geoChildren = (children.data?.children ?? []).filter((c) => c.hasGeometry).map((c) => c.code);
  const mapCodes = geoChildren.length > 0 ? geoChildren : here?.hasGeometry ? [here.code] : [];
  const mapQ = useQuery(analystSeriesQuery(indicatorIds.length ? mapParams(state, mapCodes) : null));
  const trendParams = indicatorIds.length ? seriesParams(state) : null;
  const trend = useQuery(analystSeriesQuery(trendParams));

  const selected = useMemo(() => new Set(state.units), [state.units]);
  const mapValues = useMemo(() => {
    const m = new Map<string, number | null>();
    for (const s of mapQ.data?.series ?? []) m.set(s.area, s.points.at(-1)?.value ?? null);
    return m;
  }, [mapQ.data]);
  const direction: Direction = indicator?.direction ?? 'up';
  const spec = useMemo(
    () => (geo.data ? buildExplorerLayer({ geo: geo.data, values: mapValues, selected, direction, scale: 1 }) : null),
    [geo.data, mapValues, selected, direction],
  );
  const option = useMemo(
    () => (trend.data ? buildTrendOption({ response: trend.data, lang, decimals, previousSuffix: t('explorer.previousSuffix') }) : null),
    [trend.data, lang, decimals, t],
  );
  const rows = useMemo(() => (trend.data ? unitRows(trend.data, decimals, lang) : []), [trend.data, decimals, lang]);
  const options = useMemo(() => periodOptions(state.kind, now, [state.from, state.to]), [state.kind, now, state.from, state.to]);
  const city = index?.catalogue.city;
  const nameOf = (code: string) => index?.area(code)?.name ?? code;
  const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

  return (
    <PageShell subtitle={t('explorer.subtitle')} testId="explorer-page">
      <section className="ex-main">
        <div className="op-toolbar">
          <h2 className="page-title">{t('explorer.heading')}</h2>
          <label className="field">
            <span className="field-label">{t('explorer.indicator')}</span>
            <select value={state.indicator} onChange={(e) => go({ ...state, indicator: e.target.value })} data-testid="explorer-indicator">
              {(index?.catalogue.indicators ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name[lang]}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <span className="field-label">{t('explorer.kind')}</span>
            <div className="seg" role="group" aria-label={t('explorer.kind')}>
              {EXPLORER_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className={k === state.kind ? 'seg-btn active' : 'seg-btn'}
                  aria-pressed={k === state.kind}
                  onClick={() => go(withKind(state, k, now, timeZone))}
                  data-testid={`explorer-kind-${k}`}
                >
                  {k === 'half' ? t('explorer.half') : t(`period.${k}`)}
                </button>
              ))}
            </div>
          </div>
          <label className="field">
            <span className="field-label">{t('explorer.from')}</span>
            <select value={state.from} onChange={(e) => go({ ...state, from: e.target.value })} data-testid="explorer-from">
              {options.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p, lang)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('explorer.to')}</span>
            <select value={state.to} onChange={(e) => go({ ...state, to: e.target.value })} data-testid="explorer-to">
              {options.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p, lang)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-check">
            <input type="checkbox" checked={state.compare} onChange={(e) => go({ ...state, compare: e.target.checked })} data-testid="explorer-compare" />
            <span>{t('explorer.compare')}</span>
          </label>
          <ExportButtons
            request={{ table: 'analystSeries', query: seriesQuery(state) }}
            testIds={{ csv: 'explorer-export-csv', xlsx: 'explorer-export-xlsx', sep: 'explorer-export-sep' }}
          />
        </div>

        <div className="ex-grid">
          <div className="ex-left">
            <nav className="ex-path" aria-label={t('explorer.path')} data-testid="explorer-path">
              {(children.data?.path ?? []).map((a, i, path) => (
                <span key={a.code}>
                  {/* a scoped session cannot go above its own unit: those steps are names, not links */}
                  {cityWide(user) || path.slice(0, i + 1).some((p) => p.code === home) ? (
                    <button type="button" className="link-btn" onClick={() => go(drillTo(state, a.code))} data-testid={`explorer-path-${a.code}`}>
                      {a.name}
                    </button>
                  ) : (
                    <span className="ex-path-above">{a.name}</span>
                  )}
                  {' › '}
                </span>
              ))}
              <b data-testid="explorer-area" data-code={state.area}>
                {here?.name ?? nameOf(state.area)}
              </b>
            </nav>
            {geo.data && spec && city && (
              <ExplorerMap
                geo={geo.data}
                spec={spec}
                center={city.center}
                zoom={city.zoom}
                onSelect={(code) => code !== state.area && go(drillTo(state, code))}
                label={t('explorer.mapLabel', { area: here?.name ?? state.area, indicator: indicator?.name[lang] ?? state.indicator })}
              />
            )}
            {spec?.range && (
              <div className="op-note" data-testid="explorer-legend">
                {t('explorer.legend', {
                  period: periodLabel(state.to, lang),
                  min: formatExplorerValue(spec.range[0], indicator?.aggregation ?? 'sum', decimals, lang),
                  max: formatExplorerValue(spec.range[1], indicator?.aggregation ?? 'sum', decimals, lang),
                })}
              </div>
            )}
            <h3 className="ex-sub">{t('explorer.children')}</h3>
            {children.data && children.data.children.length > 0 && geoChildren.length === 0 && (
              <div className="op-note" data-testid="explorer-no-geometry">
                {t('explorer.noWardGeometry')}
              </div>
            )}
            {children.data && children.data.children.length === 0 && (
              <div className="op-note" data-testid="explorer-no-children">
                {t('explorer.noChildren')}
              </div>
            )}
            <ul className="ex-children" data-testid="explorer-children">
              {(children.data?.children ?? []).map((c) => (
                <li key={c.code} data-testid={`explorer-child-${c.code}`}>
                  <button type="button" className="link-btn" onClick={() => go(drillTo(state, c.code))} data-testid={`explorer-drill-${c.code}`}>
                    {c.name}
                  </button>
                  <span className="an-code">{c.code}</span>
                  <span className="ex-value">
                    {mapValues.has(c.code) ? formatExplorerValue(mapValues.get(c.code), indicator?.aggregation ?? 'sum', decimals, lang) : ''}
                  </span>
                  <label className="ex-check">
                    <input
                      type="checkbox"
                      checked={selected.has(c.code)}
                      onChange={() => go(toggleUnit(state, c.code))}
                      data-testid={`explorer-unit-${c.code}`}
                    />
                    {t('explorer.compareUnit')}
                  </label>
                </li>
              ))}
            </ul>
          </div>

          <div className="ex-right">
            <h3 className="ex-sub">{t('explorer.units')}</h3>
            <div className="op-note">
              {t('explorer.unitsHint')}
              {trend.data && ` · ${t(`explorer.source.${trend.data.source}`)}`}
            </div>
            {trend.isError ? (
              <div className="empty-state error" data-testid="explorer-error">
                {t('explorer.error', { message: errorText(trend.error) })}
              </div>
            ) : !trend.data || !option ? (
              <div className="empty-state">{t('explorer.loading')}</div>
            ) : (
              <>
                <EChart option={option} className="ex-chart" testId="explorer-chart" />
                <table className="an-table" data-testid="explorer-table" data-kind={state.kind}>
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
                      <tr key={r.area} data-testid={`explorer-row-${r.area}`}>
                        <td className="an-unit">
                          {r.name}
                          <span className="an-code">{r.area}</span>
                        </td>
                        <td className="an-value" data-raw-value={r.value ?? undefined}>
                          <b>{r.valueText}</b>
                        </td>
                        <td className="an-prev">{r.previousText}</td>
                        <td className="an-change">{r.changeText}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        </div>
      </section>
    </PageShell>
  );
}
