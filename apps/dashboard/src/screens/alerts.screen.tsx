import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { INBOX_FILTERS, type AlertsSearch } from '../alerts/alerts-state.ts';
import { deadlineState, filterInbox } from '../alerts/alerts.model.ts';
import { AlertDetailPanel } from '../alerts/AlertDetailPanel.tsx';
import { SEVERITY_COLORS } from '../theme/theme.ts';
import { operatorAlertsQuery } from '../alerts/alerts.queries.ts';
import { canActOnAlerts } from '../auth/access.model.ts';
import { NoPermission } from '../auth/Forbidden.tsx';
import type { SessionUser } from '../auth/session.ts';
import { useSession } from '../auth/useSession.ts';
import { SegmentedField } from '../components/fields.tsx';
import { onActivateKey } from '../components/SortHeader.tsx';
import { HttpError } from '../queries/http.ts';
import { formatDateTime, readableTextColor } from '../format/format.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { PageShell } from '../shell/PageShell.tsx';
import '../operator/operator.css';

/**
 * The operator's alert inbox (/operator/alerts): the alerts of the signed-in person's scope (the
 * session cookie, kept across tabs and reloads; the header names the person and the unit, with
 * "Đăng xuất"); a status filter whose choice is filled and counted; operators acknowledge, assign
 * with a deadline, resolve and add notes; leaders and administrators read, and the disabled
 * actions say why. Every string from the server is rendered as text.
 */
export function AlertsScreen({ search, setSearch }: PageProps<AlertsSearch>) {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <PageShell subtitle={t('alerts.subtitle')} testId="alerts-page">
      <Inbox user={user} search={search} setSearch={setSearch} />
    </PageShell>
  );
}

function Inbox({ user, search, setSearch: setParams }: { user: SessionUser | null } & PageProps<AlertsSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { now } = useClock();
  const filter = search.show;
  const selected = search.alert ?? null;
  const list = useQuery(operatorAlertsQuery());
  const rows = useMemo(() => filterInbox(list.data ?? [], filter), [list.data, filter]);
  const counts = useMemo(() => Object.fromEntries(INBOX_FILTERS.map((f) => [f, filterInbox(list.data ?? [], f).length])), [list.data]);
  const open = (id: string) => setParams({ alert: id });
  return (
    <div className={selected ? 'op-layout with-trail' : 'op-layout'}>
      <section className="op-main">
        <div className="op-toolbar">
          <h2 className="page-title">{t('alerts.inbox')}</h2>
          <SegmentedField
            label={t('opsdesk.filterLabel')}
            options={INBOX_FILTERS}
            value={filter}
            onChange={(f) => setParams({ show: f }, { replace: true })}
            optionLabel={(f) => (
              <>
                {t(`alerts.filter.${f}`)} <span className="seg-count">{list.data ? counts[f] : '—'}</span>
              </>
            )}
            testId="inbox-filter"
          />
        </div>
        {list.error instanceof HttpError && list.error.status === 403 ? (
          <NoPermission />
        ) : rows.length === 0 ? (
          <div className="empty-state" data-testid="inbox-empty">
            {list.isError ? t('app.loadError') : t('alerts.empty')}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="wl-table inbox-table" data-testid="inbox-table">
              <thead>
                <tr>
                  <th scope="col">{t('alerts.raisedAt')}</th>
                  <th scope="col">{t('alerts.ticker')}</th>
                  <th scope="col" data-testid="inbox-status-header">
                    {t('opsdesk.statusColumn')}
                  </th>
                  <th scope="col">{t('alerts.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr
                    key={a.id}
                    className={a.id === selected ? 'wl-row selected' : 'wl-row'}
                    onClick={() => open(a.id)}
                    onKeyDown={onActivateKey(() => open(a.id))}
                    aria-selected={a.id === selected}
                    data-testid="inbox-row"
                    data-alert-id={a.id}
                    data-status={a.status}
                    tabIndex={0}
                  >
                    <td className="col-when">{formatDateTime(a.raisedAt, timeZone)}</td>
                    <td className="col-alert">
                      <span
                        className="alert-sev"
                        style={{ backgroundColor: SEVERITY_COLORS[a.severity], color: readableTextColor(SEVERITY_COLORS[a.severity]) }}
                      >
                        {t(`alerts.severity.${a.severity}`)}
                      </span>{' '}
                      {a.title[lang]}
                    </td>
                    <td className="col-status">
                      <span className={`status-chip status-${a.status}`}>{t(`alerts.status.${a.status}`)}</span>
                    </td>
                    <td className={deadlineState(a, now) === 'overdue' ? 'col-due overdue' : 'col-due'}>
                      {a.deadline !== null ? formatDateTime(a.deadline, timeZone) : '—'}
                      {deadlineState(a, now) === 'overdue' ? ` · ${t('alerts.overdue')}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {selected && <AlertDetailPanel id={selected} canAct={canActOnAlerts(user)} onClose={() => setParams({ alert: undefined })} />}
    </div>
  );
}
