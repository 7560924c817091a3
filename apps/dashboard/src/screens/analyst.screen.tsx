import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { homeScope } from '../app/home-scope.ts';
import type { PageProps } from '../app/page.ts';
import { Freshness } from '../components/Freshness.tsx';
import { Field, SegmentedField, SelectField } from '../components/fields.tsx';
import { ANALYST_KINDS, analystSearch, analystState, kindOf, stepPeriod, withKind, type AnalystSearch, type AnalystState } from '../analyst/analyst-state.ts';
import { DOSSIER_METRICS, METRIC_IDS, metricDecimals, type DossierMetricId } from '../dossiers/metrics.ts';
import { periodLabel, previousPeriod } from '@cityioc/domain';
import { buildRanking, type RankedRow } from '../dossiers/ranking.ts';
import { clampFraction } from '../dossiers/ratio.ts';
import { responseFreshness } from '../dossiers/response-freshness.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { indicatorsQuery, type IndicatorsBy } from '../queries/dossiers.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { ToolbarPage } from '../shell/ToolbarPage.tsx';

/** The two ways of ranking: by commune/ward or by agency. */
const BY: readonly IndicatorsBy[] = ['area', 'agency'];

/**
 * The analyst's ranking: one dossier indicator, a month, quarter or year, by district or by agency,
 * ranked, with the previous period beside it; the server exports the period's table as CSV or XLSX. The whole view is in the URL.
 */
export function AnalystScreen({ search, setSearch }: PageProps<AnalystSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { now, offline } = useClock();
  const state = useMemo(() => analystState(search, now, timeZone), [search, now, timeZone]);
  const metric = DOSSIER_METRICS[state.metric];
  const previous = previousPeriod(state.period);
  const kind = kindOf(state.period);

  // A bare /analyst/dossiers gets its defaults written into the URL, so a copied link is complete.
  const canonical = search.indicator === state.metric && search.period === state.period && search.by === state.by;
  useEffect(() => {
    if (!canonical) setSearch(analystSearch({ metric: state.metric, period: state.period, by: state.by }), { replace: true });
  }, [canonical, state.metric, state.period, state.by, setSearch]);

  const go = (next: AnalystState | null) => {
    if (next) setSearch(analystSearch(next));
  };

  const current = useQuery(indicatorsQuery({ period: state.period, scope: homeScope(), by: state.by }));
  const before = useQuery({ ...indicatorsQuery({ period: previous ?? state.period, scope: homeScope(), by: state.by }), enabled: previous !== null });

  const nameOf = useMemo(() => {
    const names = new Map((index?.catalogue.areas ?? []).map((a) => [a.code, a.name]));
    return (code: string) => (state.by === 'area' ? (names.get(code) ?? code) : code);
  }, [index, state.by]);
  // as the server's CSV and XLSX round them: the catalogue indicator's decimals
  const decimals = metricDecimals(metric, (id) => index?.indicator(id)?.decimals);
  const ranking = useMemo(
    () => (current.data ? buildRanking({ metric, current: current.data, previous: before.data ?? null, nameOf, lang, decimals }) : null),
    [current.data, before.data, metric, nameOf, lang, decimals],
  );
  const fresh = responseFreshness(current.data?.asOf, now, { offline, timeZone });
  const canPrev = stepPeriod(state, -1, now, timeZone) !== null;
  const canNext = stepPeriod(state, 1, now, timeZone) !== null;

  const row = (r: RankedRow, total = false) => {
    const bar = metric.kind === 'ratio' ? clampFraction(r.value) : null;
    return (
      <tr key={total ? 'total' : r.key} className={total ? 'an-total' : undefined} data-testid={total ? 'analyst-total' : `analyst-row-${r.key}`}>
        <td className="an-rank">{total ? '' : (r.rank ?? '—')}</td>
        <td className="an-unit">
          {total ? t('analyst.total') : r.name}
          {!total && state.by === 'area' && <span className="an-code">{r.key}</span>}
        </td>
        <td className="an-value" data-raw-value={r.value ?? undefined}>
          {bar !== null && (
            <span className="an-bar" aria-hidden="true">
              <span style={{ width: `${bar * 100}%` }} />
            </span>
          )}
          <b>{r.valueText}</b>
        </td>
        <td className="an-pair">{r.pairText ?? ''}</td>
        <td className="an-prev">{r.previousText}</td>
        <td className={`an-change trend-${r.change?.trend ?? 'none'}`}>{r.change?.text ?? '—'}</td>
      </tr>
    );
  };

  const toolbar = (
    <>
      <SelectField
        label={t('analyst.indicator')}
        options={METRIC_IDS}
        value={state.metric}
        onChange={(metric: DossierMetricId) => go({ ...state, metric })}
        optionLabel={(id) => DOSSIER_METRICS[id].label[lang]}
        testId="analyst-indicator"
      />
      <SegmentedField
        label={t('analyst.by')}
        options={BY}
        value={state.by}
        onChange={(by: IndicatorsBy) => go({ ...state, by })}
        optionLabel={(b) => (b === 'area' ? t('analyst.byArea') : t('analyst.byAgency'))}
        testId="analyst-by"
      />
      <SegmentedField
        label={t('analyst.kind')}
        options={ANALYST_KINDS}
        value={kind}
        onChange={(k) => go(withKind(state, k, now, timeZone))}
        optionLabel={(k) => t(`period.${k}`)}
        testId="analyst-kind"
      />
      <Field label={t('period.label')} group className="period-stepper">
        <div className="stepper">
          <button
            type="button"
            className="btn"
            disabled={!canPrev}
            onClick={() => go(stepPeriod(state, -1, now, timeZone))}
            aria-label={t('period.previous')}
            data-testid="analyst-prev"
          >
            ‹
          </button>
          <span className="stepper-label" data-testid="analyst-period">
            {periodLabel(state.period, lang)}
          </span>
          <button
            type="button"
            className="btn"
            disabled={!canNext}
            onClick={() => go(stepPeriod(state, 1, now, timeZone))}
            aria-label={t('period.next')}
            data-testid="analyst-next"
          >
            ›
          </button>
        </div>
      </Field>
      <ExportButtons
        request={{ table: 'dossierIndicators', query: { period: state.period, scope: homeScope(), by: state.by } }}
        testIds={{ csv: 'analyst-export-csv', xlsx: 'analyst-export-xlsx', sep: 'analyst-export-sep' }}
      />
    </>
  );

  return (
    <ToolbarPage subtitle={t('analyst.subtitle')} heading={t('analyst.heading')} testId="analyst-page" className="an-main" toolbar={toolbar}>
      <div className="op-note">
        {previous && t('analyst.comparedWith', { period: periodLabel(previous, lang) })}
        {' · '}
        {metric.label[lang]} ({metric.unit[lang]}) · {t('admin.receptionNote')}
        {' · '}
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </div>
      {current.isError && !current.data ? (
        <div className="empty-state error">{t('analyst.loadError')}</div>
      ) : !ranking ? (
        <div className="empty-state">{t('analyst.loading')}</div>
      ) : ranking.rows.length === 0 ? (
        <div className="empty-state" data-testid="analyst-empty">
          {t('analyst.empty')}
        </div>
      ) : (
        <div className={fresh.stale ? 'table-wrap stale' : 'table-wrap'}>
          <table className="an-table" data-testid="analyst-table" data-metric={state.metric}>
            <thead>
              <tr>
                <th scope="col">{t('analyst.col.rank')}</th>
                <th scope="col">{t('analyst.col.unit')}</th>
                <th scope="col">{metric.label[lang]}</th>
                <th scope="col">{metric.kind === 'count' ? '' : t('analyst.col.pair')}</th>
                <th scope="col">{previous ? periodLabel(previous, lang) : t('analyst.col.previous')}</th>
                <th scope="col">{t('analyst.col.change')}</th>
              </tr>
            </thead>
            <tbody>{ranking.rows.map((r) => row(r))}</tbody>
            {ranking.total && <tfoot>{row(ranking.total, true)}</tfoot>}
          </table>
          {ranking.rows.some((r) => r.valueText === 'N/A') && <div className="op-note">{t('analyst.naNote')}</div>}
        </div>
      )}
    </ToolbarPage>
  );
}
