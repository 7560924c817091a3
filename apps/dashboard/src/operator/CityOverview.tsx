import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { openAlertsQuery, OPEN_ALERTS_LIMIT } from '../alerts/alerts.queries.ts';
import { Segmented } from '../components/fields.tsx';
import { onActivateKey, SortHeader } from '../components/SortHeader.tsx';
import { formatNumber } from '../format/format.ts';
import { useLang } from '../app/hooks.ts';
import { watchlistQuery } from '../queries/dossiers.queries.ts';
import { paknWatchlistQuery } from '../queries/pakn.queries.ts';
import { CITY_KEYS, cityOverview, parseCitySort, sortCityRows, toggleCitySort, type CityKey, type CitySort, type CityUnit } from './city-overview.model.ts';

/**
 * /operator without a unit: every unit of the session's scope with its open alerts, overdue and
 * due-soon dossiers and overdue PAKN (the lists the API gives, counted per unit), sortable by any
 * column; a row opens that unit's view. Units with nothing to follow up are listed on request.
 */
export function CityOverview({
  units,
  within,
  sort,
  show,
  onSort,
  onShow,
  onPick,
}: {
  units: readonly CityUnit[];
  within: number;
  sort: CitySort;
  show: 'attention' | 'all';
  onSort: (sort: CitySort) => void;
  onShow: (show: 'attention' | 'all') => void;
  onPick: (code: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const alerts = useQuery(openAlertsQuery());
  const dossiers = useQuery(watchlistQuery({ area: null, agency: null, within }));
  const pakn = useQuery(paknWatchlistQuery({ area: null, agency: null, within }));
  const overview = useMemo(
    () => cityOverview(units, { alerts: alerts.data, dossiers: dossiers.data, pakn: pakn.data }),
    [units, alerts.data, dossiers.data, pakn.data],
  );
  const truncated = overview.truncated || (alerts.data?.length ?? 0) >= OPEN_ALERTS_LIMIT;
  const rows = useMemo(() => sortCityRows(show === 'all' ? overview.rows : overview.rows.filter((r) => r.attention), sort), [overview, show, sort]);
  const loading = !alerts.data || !dossiers.data || !pakn.data;
  const { key: sortKey, dir } = parseCitySort(sort);
  const n = (v: number) => formatNumber(v, 0, lang);
  const header = (key: CityKey) => (
    <SortHeader
      key={key}
      label={t(`opsdesk.city.col.${key}`)}
      dir={key === sortKey ? dir : null}
      onSort={() => onSort(toggleCitySort(sort, key))}
      testId={`city-sort-${key}`}
      className={key === 'unit' ? undefined : 'col-num'}
    />
  );
  return (
    <section className="city-overview" data-testid="city-overview" aria-busy={loading}>
      <div className="op-toolbar">
        <h3 className="city-title">{t('opsdesk.city.heading')}</h3>
        <span className="op-note">{t('opsdesk.city.scopeAll', { count: units.length })}</span>
        <Segmented
          label={t('opsdesk.city.heading')}
          options={['attention', 'all'] as const}
          value={show}
          onChange={onShow}
          optionLabel={(o) => t(o === 'all' ? 'opsdesk.city.allUnits' : 'opsdesk.city.onlyAttention')}
          testId="city-show"
        />
      </div>
      <div className="op-note">{t('opsdesk.city.hint')}</div>
      {truncated && <div className="op-warn">{t('opsdesk.city.truncated')}</div>}
      {loading ? (
        <div className="empty-state">{t('operator.loading')}</div>
      ) : rows.length === 0 ? (
        <div className="empty-state good" data-testid="city-empty">
          {t('opsdesk.city.empty')}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="wl-table city-table" data-testid="city-table">
            <thead>
              <tr>{CITY_KEYS.map(header)}</tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.code}
                  className="wl-row"
                  tabIndex={0}
                  onClick={() => onPick(r.code)}
                  onKeyDown={onActivateKey(() => onPick(r.code))}
                  data-testid={`city-row-${r.code}`}
                >
                  <td className="city-unit">
                    {r.name}
                    <span className="an-code">{r.code}</span>
                  </td>
                  {(['alerts', 'overdue', 'dueSoon', 'paknOverdue'] as const).map((k) => (
                    <td key={k} className={r[k] > 0 && k !== 'dueSoon' ? 'col-num hot' : 'col-num'} data-col={k}>
                      {n(r[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('opsdesk.city.total')}</th>
                {(['alerts', 'overdue', 'dueSoon', 'paknOverdue'] as const).map((k) => (
                  <td key={k} className="col-num" data-testid={`city-total-${k}`}>
                    {n(overview.total[k])}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
