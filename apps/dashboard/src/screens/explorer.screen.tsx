import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { periodKey, periodLabel, shiftPeriod, type SeriesKind as PeriodKind } from '@cityioc/domain';
import { DateRangeField } from '../explorer/DateRangeField.tsx';
import { explorerLegend } from '../explorer/explorer-legend.ts';
import { ExplorerLegend } from '../explorer/ExplorerLegend.tsx';
import { isDateRangeKind, kindsForIndicator } from '../explorer/explorer-periods.ts';
import '../analyst/analyst-pages.css';
import { ExplorerMap } from '../explorer/ExplorerMap.tsx';
import { buildExplorerLayer, mapFrame, type Direction } from '../explorer/explorer-map.layer.ts';
import { formatExplorerValue } from '../explorer/explorer.chart.ts';
import { ExplorerResults } from '../explorer/ExplorerResults.tsx';
import {
  CITY,
  drillTo,
  effectiveView,
  explorerSearch,
  explorerState,
  isCanonical,
  mapParams,
  mapQuery,
  seriesParams,
  seriesQuery,
  toggleUnit,
  withAsOf,
  withIndicator,
  withKind,
  withView,
  type ExplorerSearch,
  type ExplorerState,
} from '../explorer/explorer-state.ts';
import { HistoryControls } from '../explorer/HistoryControls.tsx';
import { SegmentedField, SelectField } from '../components/fields.tsx';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { zonedParts } from '../format/format.ts';
import { cityBounds, splitGeo } from '../geo/geo-features.ts';
import { dayBeforeLatestChange, indexUnits, sameUnitsAsToday, unitDisplayName } from '../geo/units.ts';
import { analystChildrenQuery, analystSeriesQuery } from '../queries/analyst.queries.ts';
import { areasQuery, geoAreasQuery } from '../queries/geo.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { ToolbarPage } from '../shell/ToolbarPage.tsx';
import { homeScope } from '../app/home-scope.ts';
import { cityWide } from '../auth/access.model.ts';
import { useSession } from '../auth/useSession.ts';
import { PinButton } from '../wall-pin/PinButton.tsx';

/** How many periods of each kind the range pickers offer, back from now. */
const PICKER_SPAN: Record<PeriodKind, number> = { hour: 48, day: 92, month: 60, quarter: 24, half: 12, year: 10 };

function periodOptions(kind: PeriodKind, now: number, keep: readonly string[]): string[] {
  const latest = periodKey(kind, now);
  const out = new Set<string>();
  for (let i = 0; i < PICKER_SPAN[kind]; i++) out.add(shiftPeriod(latest, -i)!);
  for (const k of keep) out.add(k);
  return [...out].sort().reverse();
}

/**
 * The analyst's map-first explorer: the units in force on a date (today's by default) coloured by
 * an indicator; click to drill down city → commune (or, before a reorganisation, city → district
 * → commune), the map zooming to the unit; a trend of the compared units over a range, history on
 * today's units through the crosswalk (estimated figures marked) or as it was; CSV and XLSX of the
 * same query. The whole view is in the URL.
 */
export function ExplorerScreen({ search, setSearch }: PageProps<ExplorerSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { now } = useClock();
  const city = index?.catalogue.city.code ?? CITY;
  const indicatorIds = useMemo(() => (index?.catalogue.indicators ?? []).map((i) => i.id), [index]);
  const { user } = useSession();
  // the unit the session sees: the city, or a scoped session's own unit (the drill-down starts and restarts there)
  const home = homeScope();
  // the period kinds of each indicator (hours and days for monitoring readings): the picker offers no other
  const kindsOf = useMemo(() => (id: string) => kindsForIndicator(index?.indicator(id)), [index]);
  const asked = useMemo(() => explorerState(search, now, timeZone, indicatorIds, home, kindsOf), [search, now, timeZone, indicatorIds, home, kindsOf]);

  // The units of the date asked, against today's: a date before a reorganisation shows those of then.
  const areasToday = useQuery(areasQuery());
  const areasThen = useQuery(areasQuery(asked.asOf ?? undefined));
  const historical = asked.asOf === null ? false : sameUnitsAsToday(areasThen.data, areasToday.data) === false;
  const state = useMemo(() => effectiveView(asked, historical ? false : null), [asked, historical]);
  const names = useMemo(() => indexUnits(areasThen.data), [areasThen.data]);
  const indicator = index?.indicator(state.indicator);
  const decimals = indicator?.decimals ?? 1;

  // A bare /analyst gets its defaults written into the URL, so a copied link is complete.
  const canonical = indicatorIds.length > 0 && isCanonical(search, state);
  useEffect(() => {
    if (indicatorIds.length > 0 && !canonical) setSearch(explorerSearch(state), { replace: true });
  }, [canonical, indicatorIds.length, state, setSearch]);
  const go = (next: ExplorerState) => setSearch(explorerSearch(next));

  const geo = useQuery(geoAreasQuery(state.asOf ?? undefined));
  const split = useMemo(() => splitGeo(geo.data), [geo.data]);
  const children = useQuery(analystChildrenQuery(state.area, state.asOf));
  const here = children.data?.area;
  const parent = children.data?.path.at(-1)?.code ?? null;
  const shaped = useMemo(() => new Set(split.units.map((u) => u.code)), [split]);
  const childCodes = (children.data?.children ?? []).filter((c) => c.hasGeometry || shaped.has(c.code)).map((c) => c.code);
  const siblingCodes = parent ? names.children(parent).map((u) => u.code) : [];
  const frame = mapFrame({ area: state.area, isRoot: state.area === city, childCodes, siblingCodes, units: split.units, cityBounds: cityBounds(split) });
  const mapQ = useQuery(analystSeriesQuery(indicatorIds.length ? mapParams(state, frame.codes) : null));
  const trend = useQuery(analystSeriesQuery(indicatorIds.length ? seriesParams(state) : null));

  const selected = useMemo(() => new Set([...state.units, state.area]), [state.units, state.area]);
  const mapValues = useMemo(() => {
    const m = new Map<string, number | null>();
    for (const s of mapQ.data?.series ?? []) m.set(s.area, s.points.at(-1)?.value ?? null);
    return m;
  }, [mapQ.data]);
  const direction: Direction = indicator?.direction ?? 'up';
  const spec = useMemo(
    () => (geo.data ? buildExplorerLayer({ units: split.units, values: mapValues, selected, direction, scale: 1 }) : null),
    [geo.data, split, mapValues, selected, direction],
  );
  const legend = useMemo(
    () =>
      explorerLegend({
        values: mapValues.values(),
        direction,
        aggregation: indicator?.aggregation ?? 'sum',
        decimals,
        unit: indicator?.unit ?? '',
        lang,
        noDataLabel: t('analystPages.legend.noData'),
      }),
    [mapValues, direction, indicator, decimals, lang, t],
  );
  const options = useMemo(() => periodOptions(state.kind, now, [state.from, state.to]), [state.kind, now, state.from, state.to]);
  const view = index?.catalogue.city;
  const nameOf = (code: string, fallback?: { name: string; kind: string }) =>
    names.get(code) ? names.name(code, lang) : fallback ? unitDisplayName({ name: fallback.name, type: fallback.kind, nameEn: null }, lang) : code;
  const p = zonedParts(now, timeZone);
  const todayIso = `${p.year}-${p.month}-${p.day}`;
  const dayBefore = dayBeforeLatestChange(areasToday.data);

  const toolbar = (
    <>
      <SelectField
        label={t('explorer.indicator')}
        options={(index?.catalogue.indicators ?? []).map((i) => i.id)}
        value={state.indicator}
        onChange={(indicator) => go(withIndicator(state, indicator, kindsOf(indicator), now, timeZone))}
        optionLabel={(id) => index?.indicator(id)?.name[lang] ?? id}
        testId="explorer-indicator"
      />
      <SegmentedField
        label={t('explorer.kind')}
        options={kindsOf(state.indicator)}
        value={state.kind}
        onChange={(k) => go(withKind(state, k, now, timeZone))}
        optionLabel={(k) => (k === 'half' ? t('explorer.half') : isDateRangeKind(k) ? t(`analystPages.kind.${k}`) : t(`period.${k}`))}
        testId="explorer-kind"
      />
      {isDateRangeKind(state.kind) && (
        <DateRangeField kind={state.kind} from={state.from} to={state.to} now={now} onApply={(from, to) => go({ ...state, from, to })} />
      )}
      {(isDateRangeKind(state.kind) ? [] : (['from', 'to'] as const)).map((end) => (
        <SelectField
          key={end}
          label={t(`explorer.${end}`)}
          options={options}
          value={state[end]}
          onChange={(p) => go({ ...state, [end]: p })}
          optionLabel={(o) => periodLabel(o, lang)}
          testId={`explorer-${end}`}
        />
      ))}
      <label className="field field-check">
        <input type="checkbox" checked={state.compare} onChange={(e) => go({ ...state, compare: e.target.checked })} data-testid="explorer-compare" />
        <span>{t('explorer.compare')}</span>
      </label>
      <ExportButtons
        request={{ table: 'analystSeries', query: seriesQuery(state) }}
        testIds={{ csv: 'explorer-export-csv', xlsx: 'explorer-export-xlsx', sep: 'explorer-export-sep' }}
      />
    </>
  );

  return (
    <ToolbarPage
      subtitle={t('explorer.subtitle')}
      heading={t('explorer.heading')}
      testId="explorer-page"
      className="ex-main"
      toolbar={toolbar}
      toolbarClassName="ex-toolbar"
      toolbarTestId="explorer-toolbar"
    >
      <HistoryControls
        view={state.view}
        asOf={state.asOf}
        today={todayIso}
        historical={historical}
        onView={(v) => go(withView(state, v, dayBefore, home))}
        onAsOf={(d) => go(withAsOf(state, d, home))}
      />

      <div className="ex-grid">
        <div className="ex-left">
          <nav className="ex-path" aria-label={t('explorer.path')} data-testid="explorer-path">
            {(children.data?.path ?? []).map((a, i, path) => (
              <span key={a.code}>
                {/* a scoped session cannot go above its own unit: those steps are names, not links */}
                {cityWide(user) || path.slice(0, i + 1).some((p) => p.code === home) ? (
                  <button type="button" className="link-btn" onClick={() => go(drillTo(state, a.code))} data-testid={`explorer-path-${a.code}`}>
                    {nameOf(a.code, a)}
                  </button>
                ) : (
                  <span className="ex-path-above">{nameOf(a.code, a)}</span>
                )}
                {' › '}
              </span>
            ))}
            <b data-testid="explorer-area" data-code={state.area}>
              {nameOf(state.area, here)}
            </b>{' '}
            <PinButton target={{ kind: 'unit', unitCode: state.area }} />
          </nav>
          {geo.data && spec && view && (
            <ExplorerMap
              geo={geo.data}
              spec={spec}
              center={view.center}
              zoom={view.zoom}
              focus={frame.focus}
              onSelect={(code) => code !== state.area && go(drillTo(state, code))}
              label={t('explorer.mapLabel', { area: nameOf(state.area, here), indicator: indicator?.name[lang] ?? state.indicator })}
            />
          )}
          {spec && (
            <ExplorerLegend
              title={t('analystPages.legend.title', { indicator: indicator?.name[lang] ?? state.indicator, period: periodLabel(state.to, lang) })}
              items={legend}
            />
          )}
          <div className="ex-sub-row">
            <h3 className="ex-sub">{t('explorer.children')}</h3>
            {/* the units listed below, the two periods the map compares, as the server writes them */}
            <ExportButtons
              request={(() => {
                const q = mapQuery(state, frame.codes);
                return q ? { table: 'analystSeries', query: q } : null;
              })()}
              testIds={{ csv: 'explorer-units-export-csv', xlsx: 'explorer-units-export-xlsx', sep: 'explorer-units-export-sep' }}
            />
          </div>
          {children.data && children.data.children.length > 0 && childCodes.length === 0 && (
            <div className="op-note" data-testid="explorer-no-geometry">
              {t('explorer.noWardGeometry')}
            </div>
          )}
          {children.data && children.data.children.length === 0 && (
            <div className="op-note" data-testid="explorer-no-children">
              {t('explorer.noChildren')}
            </div>
          )}
          <ul className="ex-children" data-testid="explorer-children" data-count={children.data?.children.length ?? 0}>
            {(children.data?.children ?? []).map((c) => (
              <li key={c.code} data-testid={`explorer-child-${c.code}`} data-level={names.get(c.code)?.level}>
                <button type="button" className="link-btn" onClick={() => go(drillTo(state, c.code))} data-testid={`explorer-drill-${c.code}`}>
                  {nameOf(c.code, c)}
                </button>
                <span className="an-code">{c.code}</span>
                <span className="ex-value">
                  {mapValues.has(c.code) ? formatExplorerValue(mapValues.get(c.code), indicator?.aggregation ?? 'sum', decimals, lang) : ''}
                </span>
                <label className="ex-check">
                  <input
                    type="checkbox"
                    checked={state.units.includes(c.code)}
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
          <ExplorerResults data={trend.data} decimals={decimals} error={trend.isError ? trend.error : null} />
        </div>
      </div>
    </ToolbarPage>
  );
}
