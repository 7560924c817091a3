import { periodKey } from '@cityioc/domain';
import type { Score766ItemsResponse } from '@cityioc/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { homeScope } from '../app/home-scope.ts';
import type { PageProps } from '../app/page.ts';
import { PATHS } from '../app/route-tree.tsx';
import { CITY_CODE } from '../auth/access.model.ts';
import { Segmented } from '../components/fields.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { Freshness } from '../components/Freshness.tsx';
import { runtimeConfig } from '../config.ts';
import { formatNumber } from '../format/format.ts';
import { responseFreshness } from '../dossiers/response-freshness.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { score766ItemsTable } from '../exports/export-url.ts';
import { indexUnits } from '../geo/units.ts';
import { useNames } from '../names/useNames.ts';
import { DirectiveIssueButton } from '../panels/directives/DirectiveIssueDialog.tsx';
import { ITEM_COLUMNS, itemRow, type ItemLabels } from '../panels/score766/items.model.ts';
import { ScorecardGroups } from '../panels/score766/ScorecardGroups.tsx';
import { Score766Stepper } from '../panels/score766/Score766Stepper.tsx';
import { buildScorecard, type ScorecardMetricRow } from '../panels/score766/scorecard.model.ts';
import { pageCount, pageOffset, SCORE766_PAGE_SIZE, type Score766Search } from '../panels/score766/score766-state.ts';
import { areasQuery } from '../queries/geo.queries.ts';
import { SCORECARD_REFRESH_MS, score766ItemsQuery, scorecardQuery, type Score766Part } from '../queries/score766.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { ToolbarPage } from '../shell/ToolbarPage.tsx';

const PARTS: readonly Score766Part[] = ['numerator', 'denominator', 'outside'];

/**
 * The drill-down of the computed Decision 766 scorecard: total → group → metric (ratio,
 * numerator / denominator, points / maximum) → the dossiers, procedures or PAKN behind its
 * numerator or denominator, paged, with the server's CSV/XLSX of the whole list. All in the URL.
 */
export function Score766Screen({ search, setSearch }: PageProps<Score766Search>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { now, offline } = useClock();
  const unit = search.unit ?? homeScope();
  const period = search.period ?? periodKey('month', now);
  const scheme = search.scheme ?? 'dvcqg-current';
  const officialUnit = unit === CITY_CODE ? runtimeConfig().officialUnitCode : undefined;
  const card = useQuery({ ...scorecardQuery({ unit, period, officialUnit, scheme: search.scheme }), placeholderData: keepPreviousData });
  const view = useMemo(() => (card.data ? buildScorecard(card.data, lang, timeZone) : null), [card.data, lang, timeZone]);
  const fresh = responseFreshness(card.data?.asOf, now, { offline, timeZone, refreshMs: SCORECARD_REFRESH_MS });
  const group = view?.groups.find((g) => g.id === search.group) ?? null;
  const metric = view?.groups.flatMap((g) => g.metrics).find((m) => m.code === search.metric) ?? null;

  const open = (patch: Partial<Score766Search>) => setSearch({ unit, period, scheme: search.scheme, ...patch });
  const drill = (m: ScorecardMetricRow, part: Score766Part) => open({ group: search.group, metric: m.code, part, page: 1 });

  const toolbar = (
    <>
      {view && (
        <span className="scene-period" data-testid="score766-page-scope">
          {view.unitName} · {view.periodText}
        </span>
      )}
      <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      <Link to={PATHS.wall} search={{ scene: 'score766' }} className="btn">
        {t('score766.page.back')}
      </Link>
    </>
  );

  return (
    <ToolbarPage subtitle={t('admin.subtitle')} heading={t('score766.page.title')} testId="score766-page" className="an-main score766-page" toolbar={toolbar}>
      <div className="op-note">{t('score766.computed')}</div>
      <Score766Stepper
        period={period}
        scheme={scheme}
        now={now}
        onPeriod={(p) => open({ period: p, group: search.group, metric: search.metric, part: search.part, page: 1 })}
        onScheme={(k) => open({ scheme: k === 'dvcqg-current' ? undefined : k, group: search.group, metric: search.metric, part: search.part, page: 1 })}
      />
      {!view ? (
        <div className={card.isError ? 'empty-state error' : 'empty-state'}>{card.isError ? t('score766.loadError') : t('app.loading')}</div>
      ) : (
        <div className={fresh.stale ? 'score766-drill stale' : 'score766-drill'}>
          <div className="panel score-panel">
            <ScorecardGroups
              view={view}
              selected={search.group}
              link={(g, children) => (
                <button type="button" className="link-btn" onClick={() => open({ group: g.id, page: 1 })} data-testid={`score766-pick-${g.id}`}>
                  {children}
                </button>
              )}
            />
          </div>
          {group === null ? (
            <div className="empty-state">{t('score766.page.pickGroup')}</div>
          ) : (
            <div className="table-wrap">
              <table className="an-table" data-testid="score766-metrics" data-group={group.id}>
                <caption>
                  {t('score766.page.metrics')}: {group.name}
                  {group.difference?.kind === 'shown' && (
                    <span className="score-diff" data-testid="score766-metrics-diff">
                      {' · '}
                      {t('score766.officialGroup')} {group.difference.officialText} · {t('score766.difference', { diff: group.difference.text })}
                    </span>
                  )}
                  {group.difference?.kind === 'unpublished' && (
                    <span className="score-diff none" data-testid="score766-metrics-diff">
                      {' · '}
                      {t('score766.groupUnpublished')}
                    </span>
                  )}
                </caption>
                <TableHead
                  prefix="score766.col"
                  columns={['indicator', 'name', 'ratio', 'parts', 'points', ...(group.metrics.some((m) => m.officialRatioText !== null) ? ['official'] : [])]}
                />
                <tbody>
                  {group.metrics.map((m) => (
                    <tr key={m.code} data-testid={`score766-metric-${m.code}`} className={m.code === search.metric ? 'selected' : undefined}>
                      <td>{m.label}</td>
                      <td>{m.name}</td>
                      <td>{m.noData ? <span title={t('score766.noData')}>{m.ratioText}</span> : m.ratioText}</td>
                      <td>
                        {m.counts === null || m.numerator === null || m.denominator === null ? (
                          m.partsText
                        ) : (
                          <>
                            <button type="button" className="link-btn" onClick={() => drill(m, 'numerator')} data-testid={`score766-num-${m.code}`}>
                              {formatNumber(m.numerator, 0, lang)}
                            </button>
                            {' / '}
                            <button type="button" className="link-btn" onClick={() => drill(m, 'denominator')} data-testid={`score766-den-${m.code}`}>
                              {formatNumber(m.denominator, 0, lang)}
                            </button>
                          </>
                        )}
                      </td>
                      <td>{m.pointsText}</td>
                      {group.metrics.some((x) => x.officialRatioText !== null) && (
                        <td data-testid={`score766-official-ratio-${m.code}`}>{m.officialRatioText ?? '—'}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {metric && metric.counts !== null && <Items search={search} unit={unit} period={period} metric={metric} open={open} />}
          {group && (
            <div className="score766-directive">
              <DirectiveIssueButton
                key={`${unit}|${metric?.code ?? group.id}`}
                subject={{
                  kind: 'score766',
                  id: metric?.code ?? group.id,
                  label: `${metric ? metric.title : group.name} · ${view.unitName}`,
                }}
                units={unit}
                testId={`score766-${metric?.code ?? group.id}`}
              />
            </div>
          )}
        </div>
      )}
    </ToolbarPage>
  );
}

function Items({
  search,
  unit,
  period,
  metric,
  open,
}: {
  search: Score766Search;
  unit: string;
  period: string;
  metric: ScorecardMetricRow;
  open: (patch: Partial<Score766Search>) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { agencies, procedures } = useNames();
  const areas = useQuery(areasQuery());
  const offset = pageOffset(search.page);
  const res = useQuery({
    ...score766ItemsQuery({ metric: metric.code, unit, period, part: search.part, offset, limit: SCORE766_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const labels = useMemo<ItemLabels>(() => {
    const units = indexUnits(areas.data);
    return {
      t: (key, fallback) => t(`score766.${key}`, { defaultValue: fallback }),
      agency: (c) => agencies.label(c, lang),
      unit: (c) => (units.get(c) ? units.name(c, lang) : c),
      procedure: (c) => procedures.label(c, lang),
    };
  }, [t, agencies, procedures, areas.data, lang]);
  const data: Score766ItemsResponse | undefined = res.data;
  const rows = useMemo(() => (data ? data.items.map((i) => itemRow(i, lang, labels, timeZone)) : []), [data, lang, labels, timeZone]);
  const columns = data ? ITEM_COLUMNS[data.kind] : [];
  const pages = pageCount(data?.total ?? 0);
  return (
    <section className="score766-items" data-testid="score766-items" data-metric={metric.code} data-part={search.part} data-total={data?.total}>
      <div className="op-toolbar">
        <h3 className="page-title">
          {data ? t(`score766.items.kind.${data.kind}`) : ''} ·{' '}
          {t('score766.items.heading', { part: t(`score766.part.${search.part}`), metric: metric.label || metric.name, total: data?.total ?? '…' })}
        </h3>
        <Segmented
          options={PARTS}
          value={search.part}
          onChange={(p) => open({ group: search.group, metric: metric.code, part: p, page: 1 })}
          optionLabel={(p) => t(`score766.part.${p}`)}
          testId="score766-part"
        />
        <ExportButtons
          request={{ table: score766ItemsTable(metric.code), query: { unit, period, part: search.part } }}
          testIds={{ csv: 'score766-export-csv', xlsx: 'score766-export-xlsx', sep: 'score766-export-sep' }}
        />
      </div>
      {!data ? (
        <div className="empty-state">{res.isError ? t('score766.loadError') : t('score766.items.loading')}</div>
      ) : rows.length === 0 ? (
        <div className="empty-state" data-testid="score766-items-empty">
          {t('score766.items.empty')}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="an-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c}>{t(`score766.items.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={`score766-item-${r.key}`} data-counted={r.inNumerator}>
                  {columns.map((c) => (
                    <td key={c}>{r.cells[c] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > SCORE766_PAGE_SIZE && (
        <div className="stepper" data-testid="score766-pages">
          <button type="button" className="btn" disabled={search.page <= 1} onClick={() => open({ ...search, page: search.page - 1 })}>
            {t('score766.items.prev')}
          </button>
          <span className="stepper-label">
            {t('score766.items.range', { from: offset + 1, to: Math.min(offset + SCORE766_PAGE_SIZE, data.total), total: data.total })}
          </span>
          <button type="button" className="btn" disabled={search.page >= pages} onClick={() => open({ ...search, page: search.page + 1 })}>
            {t('score766.items.next')}
          </button>
        </div>
      )}
    </section>
  );
}
