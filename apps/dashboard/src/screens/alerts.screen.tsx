import type { Alert } from '@cityioc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { Tabs } from '../components/fields.tsx';
import { TableHead } from '../components/TableHead.tsx';
import type { PageProps } from '../app/page.ts';
import { INBOX_FILTERS, type AlertsSearch } from '../alerts/alerts-state.ts';
import { allowedActions, deadlineState, filterInbox, trailRows } from '../alerts/alerts.model.ts';
import { SEVERITY_COLORS } from '../theme/theme.ts';
import { alertAction, alertDetailQuery, operatorAlertsQuery } from '../alerts/alerts.queries.ts';
import { canActOnAlerts } from '../auth/access.model.ts';
import { requestErrorText } from '../auth/error-text.ts';
import { NoPermission } from '../auth/Forbidden.tsx';
import type { SessionUser } from '../auth/session.ts';
import { useSession } from '../auth/useSession.ts';
import { HttpError } from '../queries/http.ts';
import { formatDateTime, readableTextColor } from '../format/format.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { PageShell } from '../shell/PageShell.tsx';
import { DirectiveIssueButton } from '../panels/directives/DirectiveIssueDialog.tsx';

/**
 * The operator's alert inbox (/operator/alerts): the alerts of the signed-in person's scope (the
 * session cookie, kept across tabs and reloads; the header names the person and the unit, with
 * "Đăng xuất"); operators acknowledge, assign with a deadline, resolve and add notes; leaders and
 * administrators read. Every string from the server is rendered as text.
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
  return (
    <div className={selected ? 'op-layout with-trail' : 'op-layout'}>
      <section className="op-main">
        <div className="op-toolbar">
          <h2 className="page-title">{t('alerts.inbox')}</h2>
        </div>
        <Tabs
          look="chip"
          options={INBOX_FILTERS}
          value={filter}
          onChange={(f) => setParams({ show: f }, { replace: true })}
          optionLabel={(f) => t(`alerts.filter.${f}`)}
        />
        {list.error instanceof HttpError && list.error.status === 403 ? (
          <NoPermission />
        ) : rows.length === 0 ? (
          <div className="panel-empty">{list.isError ? t('app.loadError') : t('alerts.empty')}</div>
        ) : (
          <table className="op-table" data-testid="inbox-table">
            <TableHead prefix="alerts" columns={['raisedAt', 'ticker', 'filter.all', 'deadline']} />
            <tbody>
              {rows.map((a) => (
                <tr
                  key={a.id}
                  className={a.id === selected ? 'selected' : undefined}
                  onClick={() => setParams({ alert: a.id })}
                  data-testid="inbox-row"
                  data-alert-id={a.id}
                  data-status={a.status}
                  tabIndex={0}
                >
                  <td>{formatDateTime(a.raisedAt, timeZone)}</td>
                  <td>
                    <span className="alert-sev" style={{ backgroundColor: SEVERITY_COLORS[a.severity], color: readableTextColor(SEVERITY_COLORS[a.severity]) }}>
                      {t(`alerts.severity.${a.severity}`)}
                    </span>{' '}
                    {a.title[lang]}
                  </td>
                  <td>{t(`alerts.status.${a.status}`)}</td>
                  <td className={deadlineState(a, now) === 'overdue' ? 'overdue' : undefined}>
                    {a.deadline !== null ? formatDateTime(a.deadline, timeZone) : '—'}
                    {deadlineState(a, now) === 'overdue' ? ` · ${t('alerts.overdue')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && <AlertDetailPanel id={selected} canAct={canActOnAlerts(user)} onClose={() => setParams({ alert: undefined })} />}
    </div>
  );
}

function AlertDetailPanel({ id, canAct, onClose }: { id: string; canAct: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const qc = useQueryClient();
  const detail = useQuery(alertDetailQuery(id));
  const [note, setNote] = useState('');
  const [unit, setUnit] = useState('');
  const [kind, setKind] = useState<'workingDays' | 'hours'>('workingDays');
  const [amount, setAmount] = useState(1);
  const act = useMutation({
    mutationFn: ({ action, body }: { action: 'ack' | 'assign' | 'resolve' | 'notes'; body: unknown }) => alertAction(id, action, body),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const a: Alert | undefined = detail.data?.alert;
  if (!a) {
    const missing = detail.error instanceof HttpError && (detail.error.status === 404 || detail.error.status === 403);
    return (
      <aside className="trail-panel" data-testid={missing ? 'alert-not-found' : undefined}>
        {missing ? t('auth.notInScope') : detail.isError ? t('app.loadError') : t('app.loading')}
      </aside>
    );
  }
  const rows = trailRows(detail.data!.events, timeZone, { unit: (u, d) => t('alerts.unitTo', { unit: u, deadline: d }) });
  const withNote = (body: Record<string, unknown>) => (note.trim() ? { ...body, note: note.trim() } : body);
  const actions = canAct ? allowedActions(a.status) : [];
  return (
    <aside className="trail-panel" data-testid="alert-detail" data-status={a.status}>
      <button type="button" className="btn btn-quiet trail-close" onClick={onClose} aria-label="×">
        ×
      </button>
      <h3 className="trail-title">{a.title[lang]}</h3>
      <dl className="alert-facts">
        <dt>{t('alerts.raisedAt')}</dt>
        <dd>{formatDateTime(a.raisedAt, timeZone)}</dd>
        <dt>{t('alerts.filter.all')}</dt>
        <dd data-testid="detail-status">{t(`alerts.status.${a.status}`)}</dd>
        {a.assignedUnit && (
          <>
            <dt>{t('alerts.assignedTo')}</dt>
            <dd>{t('alerts.unitTo', { unit: a.assignedUnit, deadline: formatDateTime(a.deadline, timeZone) })}</dd>
          </>
        )}
      </dl>
      <DirectiveIssueButton subject={{ kind: 'alert', id: a.id, label: a.title[lang] }} units={a.area} testId={`alert-${a.id}`} />
      {canAct && (
        <div className="alert-actions">
          <label className="field">
            <span className="field-label">{t('alerts.note')}</span>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} data-testid="note-input" />
          </label>
          {actions.includes('ack') && (
            <button
              type="button"
              className="btn"
              data-testid="action-ack"
              disabled={act.isPending}
              onClick={() => act.mutate({ action: 'ack', body: withNote({}) })}
            >
              {t('alerts.action.ack')}
            </button>
          )}
          {actions.includes('assign') && (
            <div className="assign-row">
              <label className="field">
                <span className="field-label">{t('alerts.unit')}</span>
                <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={120} data-testid="assign-unit" />
              </label>
              <label className="field">
                <span className="field-label">{t('alerts.deadlineKind')}</span>
                <select value={kind} onChange={(e) => setKind(e.target.value as 'workingDays' | 'hours')} data-testid="assign-kind">
                  <option value="workingDays">{t('alerts.deadlineWorkingDays')}</option>
                  <option value="hours">{t('alerts.deadlineHours')}</option>
                </select>
              </label>
              <input
                type="number"
                min={kind === 'hours' ? 1 : 0}
                max={kind === 'hours' ? 720 : 60}
                value={amount}
                onChange={(e) => setAmount(Number(e.target.value))}
                data-testid="assign-amount"
              />
              <button
                type="button"
                className="btn"
                data-testid="action-assign"
                disabled={act.isPending || !unit.trim()}
                onClick={() => act.mutate({ action: 'assign', body: withNote({ unit: unit.trim(), deadline: { [kind]: Math.trunc(amount) } }) })}
              >
                {t('alerts.action.assign')}
              </button>
            </div>
          )}
          {actions.includes('resolve') && (
            <button
              type="button"
              className="btn"
              data-testid="action-resolve"
              disabled={act.isPending || !note.trim()}
              onClick={() => act.mutate({ action: 'resolve', body: { note: note.trim() } })}
            >
              {t('alerts.action.resolve')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-quiet"
            data-testid="action-note"
            disabled={act.isPending || !note.trim()}
            onClick={() => act.mutate({ action: 'notes', body: { note: note.trim() } })}
          >
            {t('alerts.addNote')}
          </button>
          {act.isError && (
            <div className="form-error" role="alert">
              {t(requestErrorText(act.error).key, requestErrorText(act.error).params)}
            </div>
          )}
        </div>
      )}
      <h4>{t('alerts.trail')}</h4>
      <ol className="trail-list" data-testid="alert-trail">
        {rows.map((r) => (
          <li key={r.seq} data-action={r.action}>
            <span className="trail-when">{r.when}</span> <b>{t(`alerts.event.${r.action}`)}</b> — <span className="trail-actor">{r.actor}</span>
            {r.detail && <div className="trail-detail">{r.detail}</div>}
            {r.note && <div className="trail-note">{r.note}</div>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
