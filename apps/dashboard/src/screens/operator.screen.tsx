import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CITY_SCOPE, useCatalogue, useLang } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { Freshness } from '../components/Freshness.tsx';
import { periodKey } from '@cityioc/domain';
import { responseFreshness } from '../dossiers/response-freshness.ts';
import type { OperatorSearch } from '../operator/operator-state.ts';
import { TrailPanel } from '../operator/TrailPanel.tsx';
import {
  filterRows,
  formatSort,
  groupByProcedure,
  parseSort,
  SORT_KEYS,
  toggleSort,
  watchRows,
  type SortKey,
  type WatchFilter,
  type WatchRow,
} from '../operator/watchlist.model.ts';
import { indicatorsQuery, watchlistQuery } from '../queries/dossiers.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { PageShell } from '../shell/PageShell.tsx';
import { homeScope } from '../app/home-scope.ts';
import { cityWide, scopedAgencies, scopedAreas } from '../auth/access.model.ts';
import { NoPermission } from '../auth/Forbidden.tsx';
import { useScopeNames } from '../auth/useScopeNames.ts';
import { useSession } from '../auth/useSession.ts';
import { HttpError } from '../queries/http.ts';

/** Working days ahead that count as due soon. */
const WITHIN = 2;
const FILTERS: readonly WatchFilter[] = ['all', 'overdue', 'dueSoon'];

/**
 * The operator's page: one district or agency (in the URL: ?area=916 or ?agency=…), its overdue
 * dossiers and those due within 2 working days, grouped by procedure, sortable; a click opens the
 * dossier's trail beside the table (?dossier=…).
 */
export function OperatorScreen({ search, setSearch: setParams }: PageProps<OperatorSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { now, offline } = useClock();
  const area = search.area ?? null;
  const agency = search.agency ?? null;
  const hasUnit = area !== null || agency !== null;
  const filter = search.show;
  const sort = parseSort(search.sort);
  const selected = search.dossier ?? null;

  const { user } = useSession();
  const names = useScopeNames();
  // the units the session may pick: the city's districts, or a scoped operator's own units and those below them
  const districts = useMemo(() => {
    const areas = index?.catalogue.areas ?? [];
    const mine = cityWide(user) ? areas.filter((a) => a.parent === CITY_SCOPE) : scopedAreas(user, areas).filter((a) => a.code !== CITY_SCOPE);
    return [...mine].sort((a, b) => a.code.localeCompare(b.code));
  }, [index, user]);
  const areaName = useMemo(() => {
    const names = new Map((index?.catalogue.areas ?? []).map((a) => [a.code, a.name]));
    return (code: string) => names.get(code) ?? code;
  }, [index]);
  // Agencies that handled dossiers this year: the codes the indicators API knows.
  const year = periodKey('year', now);
  const agencyRows = useQuery(indicatorsQuery({ period: year, scope: homeScope(), by: 'agency' }));
  const agencies = useMemo(() => {
    const codes = new Set((agencyRows.data?.rows ?? []).map((r) => r.key));
    for (const a of user?.scopes.agencies ?? []) codes.add(a);
    if (agency) codes.add(agency);
    return scopedAgencies(
      user,
      [...codes].sort().map((code) => ({ code })),
    ).map((a) => a.code);
  }, [agencyRows.data, agency, user]);

  // a scoped operator opens on their own unit rather than an empty page
  const firstUnit = cityWide(user) ? null : (user?.scopes.units.find((u) => u !== CITY_SCOPE) ?? null);
  const firstAgency = cityWide(user) ? null : (user?.scopes.agencies[0] ?? null);
  useEffect(() => {
    if (hasUnit) return;
    if (firstUnit) setParams({ area: firstUnit }, { replace: true });
    else if (firstAgency) setParams({ agency: firstAgency }, { replace: true });
  }, [hasUnit, firstUnit, firstAgency, setParams]);

  const watch = useQuery({ ...watchlistQuery({ area, agency, within: WITHIN }), enabled: hasUnit });
  const rows = useMemo(() => (watch.data ? watchRows(watch.data, lang, timeZone) : []), [watch.data, lang, timeZone]);
  const groups = useMemo(() => groupByProcedure(filterRows(rows, filter), sort), [rows, filter, sort]);
  const counts = { all: rows.length, overdue: rows.filter((r) => r.kind === 'overdue').length, dueSoon: rows.filter((r) => r.kind === 'dueSoon').length };
  const fresh = responseFreshness(watch.data?.asOf, now, { offline, timeZone });

  const unitValue = area ? `area:${area}` : agency ? `agency:${agency}` : '';
  const chooseUnit = (value: string) => {
    const [kind, code] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    setParams({ area: kind === 'area' ? code : undefined, agency: kind === 'agency' ? code : undefined, dossier: undefined });
  };
  const open = (code: string) => setParams({ dossier: code });
  const close = () => setParams({ dossier: undefined });

  useEffect(() => {
    if (!selected) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setParams({ dossier: undefined });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, setParams]);

  const sortHeader = (key: SortKey) => {
    const activeSort = sort.key === key;
    const label = t(`operator.col.${key}`);
    return (
      <th key={key} scope="col" aria-sort={activeSort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`col-${key}`}>
        <button
          type="button"
          className={activeSort ? 'sort-btn active' : 'sort-btn'}
          title={t('operator.sortBy', { column: label })}
          onClick={() => setParams({ sort: formatSort(toggleSort(sort, key)) }, { replace: true })}
          data-testid={`sort-${key}`}
        >
          {label}
          <span className="sort-arrow" aria-hidden="true">
            {activeSort ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, r: WatchRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(r.code);
    }
  };

  return (
    <PageShell subtitle={t('operator.subtitle')} testId="operator-page">
      <div className={selected ? 'op-layout with-trail' : 'op-layout'}>
        <section className="op-main">
          <div className="op-toolbar">
            <h2 className="page-title">{t('operator.heading')}</h2>
            <label className="field">
              <span className="field-label">{t('operator.unit')}</span>
              <select value={unitValue} onChange={(e) => chooseUnit(e.target.value)} data-testid="unit-select">
                {cityWide(user) && <option value="">{t('operator.choose')}</option>}
                <optgroup label={t('operator.districts')}>
                  {districts.map((d) => (
                    <option key={d.code} value={`area:${d.code}`}>
                      {d.name} ({d.code})
                    </option>
                  ))}
                </optgroup>
                {agencies.length > 0 && (
                  <optgroup label={t('operator.agencies')}>
                    {agencies.map((code) => (
                      <option key={code} value={`agency:${code}`}>
                        {names.agency(code) === code ? code : `${names.agency(code)} (${code})`}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </label>
            {hasUnit && (
              <div className="seg" role="group" aria-label={t('operator.filter.all')}>
                {FILTERS.map((f) => (
                  <button
                    key={f}
                    type="button"
                    className={f === filter ? `seg-btn active seg-${f}` : `seg-btn seg-${f}`}
                    aria-pressed={f === filter}
                    onClick={() => setParams({ show: f }, { replace: true })}
                    data-testid={`filter-${f}`}
                  >
                    {t(`operator.filter.${f}`)} <span className="seg-count">{watch.data ? counts[f] : '—'}</span>
                  </button>
                ))}
              </div>
            )}
            {hasUnit && <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />}
          </div>
          {hasUnit && <div className="op-note">{t('operator.dueSoonNote', { days: WITHIN })}</div>}

          {!hasUnit ? (
            <div className="empty-state" data-testid="operator-empty">
              {t('operator.chooseHint')}
            </div>
          ) : watch.error instanceof HttpError && watch.error.status === 403 ? (
            <NoPermission />
          ) : watch.isError && !watch.data ? (
            <div className="empty-state error">{t('operator.loadError')}</div>
          ) : !watch.data ? (
            <div className="empty-state">{t('operator.loading')}</div>
          ) : rows.length === 0 ? (
            <div className="empty-state good" data-testid="operator-empty">
              {t('operator.empty')}
            </div>
          ) : groups.length === 0 ? (
            <div className="empty-state">{t('operator.emptyFilter')}</div>
          ) : (
            <div className={fresh.stale ? 'table-wrap stale' : 'table-wrap'}>
              {watch.data.truncated && <div className="op-warn">{t('operator.truncated')}</div>}
              <table className="wl-table" data-testid="watchlist">
                <thead>
                  <tr>{SORT_KEYS.map(sortHeader)}</tr>
                </thead>
                {groups.map((g) => (
                  <tbody key={g.procedureCode} data-testid={`group-${g.procedureCode}`}>
                    <tr className="wl-group">
                      <th colSpan={SORT_KEYS.length} scope="rowgroup">
                        <span className="wl-proc">{g.procedureCode}</span>
                        <span className="wl-group-counts">{t('operator.groupCounts', { overdue: g.overdue, dueSoon: g.dueSoon })}</span>
                      </th>
                    </tr>
                    {g.rows.map((r) => (
                      <tr
                        key={r.code}
                        className={[`wl-row`, `kind-${r.kind}`, r.code === selected ? 'selected' : ''].filter(Boolean).join(' ')}
                        onClick={() => open(r.code)}
                        onKeyDown={(e) => onRowKey(e, r)}
                        tabIndex={0}
                        aria-selected={r.code === selected}
                        data-testid={`dossier-${r.code}`}
                        data-kind={r.kind}
                      >
                        <td className="col-procedure">{r.procedureCode}</td>
                        <td className="col-code">{r.code}</td>
                        <td className="col-received">{r.receivedText}</td>
                        <td className="col-due">{r.dueText}</td>
                        <td className="col-days">
                          <span className={`days-chip ${r.kind}`} data-days={r.workingDays ?? undefined}>
                            {t(`operator.days.${r.daysMode}`, { days: r.daysText })}
                          </span>
                        </td>
                        <td className="col-status">
                          {r.statusLabel}
                          {r.supplementRequests > 0 && <span className="supp">{t('operator.supplements', { count: r.supplementRequests })}</span>}
                        </td>
                        <td className="col-channel">{r.channelLabel}</td>
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )}
        </section>
        {selected && <TrailPanel code={selected} onClose={close} areaName={areaName} />}
      </div>
    </PageShell>
  );
}
