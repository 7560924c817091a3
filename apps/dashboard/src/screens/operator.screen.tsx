import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CITY_SCOPE, useCatalogue, useLang } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { Field } from '../components/fields.tsx';
import { onActivateKey, SortHeader } from '../components/SortHeader.tsx';
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
} from '../operator/watchlist.model.ts';
import { indexUnits } from '../geo/units.ts';
import { useNames } from '../names/useNames.ts';
import { pickerOptions, type PickOption } from '../operator/unit-picker.model.ts';
import { UnitPicker } from '../operator/UnitPicker.tsx';
import { CityOverview } from '../operator/CityOverview.tsx';
import { DossierCode } from '../components/DossierCode.tsx';
import '../operator/operator.css';
import { indicatorsQuery, watchlistQuery } from '../queries/dossiers.queries.ts';
import { areasQuery } from '../queries/geo.queries.ts';
import { agenciesQuery } from '../queries/names.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { PageShell } from '../shell/PageShell.tsx';
import { DirectiveInbox } from '../panels/directives/DirectiveInbox.tsx';
import { DirectiveIssueButton } from '../panels/directives/DirectiveIssueDialog.tsx';
import { PaknWatchlistPanel } from '../panels/pakn/PaknWatchlistPanel.tsx';
import { homeScope } from '../app/home-scope.ts';
import { cityWide, scopedAgencies, scopedAreas } from '../auth/access.model.ts';
import { NoPermission } from '../auth/Forbidden.tsx';
import { useSession } from '../auth/useSession.ts';
import { HttpError } from '../queries/http.ts';

/** Working days ahead that count as due soon. */
const WITHIN = 2;
const FILTERS: readonly WatchFilter[] = ['all', 'overdue', 'dueSoon'];

/**
 * The operator's page: one unit or agency (in the URL: ?area=31135 or ?agency=…), found by name, its overdue
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
  // Today's units and agencies, by name: the picker searches them, the trail names them.
  const areas = useQuery(areasQuery());
  const names = useMemo(() => indexUnits(areas.data), [areas.data]);
  // the units the session may pick: all of today's (city-wide), or a scoped operator's own units and those below them
  const pickableUnits = useMemo(() => scopedAreas(user, names.units), [user, names]);
  const areaName = useMemo(() => {
    const catalogue = new Map((index?.catalogue.areas ?? []).map((a) => [a.code, a.name]));
    return (code: string) => (names.get(code) ? names.name(code, lang) : (catalogue.get(code) ?? code));
  }, [names, index, lang]);
  const { agencies: agencyNames, procedures } = useNames();
  const agencyList = useQuery(agenciesQuery());
  // Agencies that handled dossiers this year but are missing from the catalogue are still offered, by code.
  const year = periodKey('year', now);
  const agencyRows = useQuery(indicatorsQuery({ period: year, scope: homeScope(), by: 'agency' }));
  const options = useMemo(
    () =>
      pickerOptions(
        pickableUnits,
        scopedAgencies(user, agencyList.data?.agencies ?? []),
        lang,
        (level) => t(`operator.level.${level}`),
        scopedAgencies(
          user,
          [...(agencyRows.data?.rows ?? []).map((r) => r.key), ...(user?.scopes.agencies ?? []), ...(agency ? [agency] : [])].map((code) => ({ code })),
        ).map((a) => a.code),
      ),
    [pickableUnits, user, agencyList.data, agencyRows.data, agency, lang, t],
  );
  const picked = useMemo(
    () =>
      area
        ? (options.find((o) => o.kind === 'area' && o.code === area) ?? { kind: 'area' as const, code: area, name: areaName(area), detail: area, key: '' })
        : agency
          ? (options.find((o) => o.kind === 'agency' && o.code === agency) ?? {
              kind: 'agency' as const,
              code: agency,
              name: agencyNames.label(agency, lang),
              detail: agency,
              key: '',
            })
          : null,
    [options, area, agency, areaName, agencyNames, lang],
  );

  // an operator scoped to one unit (with its agencies), or to one agency only, opens on it; a wider scope opens on the city-wide view of its units
  const ownUnits = cityWide(user) ? [] : (user?.scopes.units.filter((u) => u !== CITY_SCOPE) ?? []);
  const ownAgencies = cityWide(user) ? [] : (user?.scopes.agencies ?? []);
  const firstUnit = ownUnits.length === 1 ? ownUnits[0]! : null;
  const firstAgency = ownAgencies.length === 1 && ownUnits.length === 0 ? ownAgencies[0]! : null;
  // the city-wide view: the units (communes, no parents of others) the session may pick
  const cityUnits = useMemo(
    () => pickableUnits.filter((u) => names.children(u.code).length === 0).map((u) => ({ code: u.code, name: names.name(u.code, lang) })),
    [pickableUnits, names, lang],
  );
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

  const chooseUnit = (o: PickOption) =>
    setParams({ area: o.kind === 'area' ? o.code : undefined, agency: o.kind === 'agency' ? o.code : undefined, dossier: undefined });
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

  const sortHeader = (key: SortKey) => (
    <SortHeader
      key={key}
      label={t(`operator.col.${key}`)}
      dir={sort.key === key ? sort.dir : null}
      onSort={() => setParams({ sort: formatSort(toggleSort(sort, key)) }, { replace: true })}
      testId={`sort-${key}`}
      className={`col-${key}`}
    />
  );

  return (
    <PageShell subtitle={t('operator.subtitle')} testId="operator-page">
      <div className={selected ? 'op-layout with-trail' : 'op-layout'}>
        <section className="op-main">
          <div className="op-toolbar">
            <h2 className="page-title">{t('operator.heading')}</h2>
            <Field label={t('operator.unit')} group>
              <UnitPicker options={options} selected={picked} onPick={chooseUnit} />
            </Field>
            {picked && (
              <DirectiveIssueButton subject={{ kind: 'unit', id: picked.code, label: picked.name }} units={picked.code} testId={`unit-${picked.code}`} />
            )}
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
            firstUnit || firstAgency ? null : (
              <CityOverview
                units={cityUnits}
                within={WITHIN}
                sort={search.csort}
                show={search.cshow}
                onSort={(csort) => setParams({ csort }, { replace: true })}
                onShow={(cshow) => setParams({ cshow }, { replace: true })}
                onPick={(code) => setParams({ area: code, agency: undefined, dossier: undefined })}
              />
            )
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
                        <span className="wl-proc">{procedures.label(g.procedureCode, lang)}</span>
                        <span className="an-code">{g.procedureCode}</span>
                        <span className="wl-group-counts">{t('operator.groupCounts', { overdue: g.overdue, dueSoon: g.dueSoon })}</span>
                      </th>
                    </tr>
                    {g.rows.map((r) => (
                      <tr
                        key={r.code}
                        className={[`wl-row`, `kind-${r.kind}`, r.code === selected ? 'selected' : ''].filter(Boolean).join(' ')}
                        onClick={() => open(r.code)}
                        onKeyDown={onActivateKey(() => open(r.code))}
                        tabIndex={0}
                        aria-selected={r.code === selected}
                        data-testid={`dossier-${r.code}`}
                        data-kind={r.kind}
                      >
                        <td className="col-procedure">
                          {procedures.label(r.procedureCode, lang)}
                          <span className="an-code">{r.procedureCode}</span>
                        </td>
                        <td className="col-code">
                          <DossierCode code={r.code} agency={r.agencyCode} />
                        </td>
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
      {hasUnit && <PaknWatchlistPanel area={area} agency={agency} unitName={areaName} />}
      <DirectiveInbox />
    </PageShell>
  );
}
