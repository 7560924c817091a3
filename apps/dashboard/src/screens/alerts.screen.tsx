import type { Alert } from '@cityioc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { INBOX_FILTERS, type AlertsSearch } from '../alerts/alerts-state.ts';
import { allowedActions, deadlineState, filterInbox, trailRows } from '../alerts/alerts.model.ts';
import { SEVERITY_COLORS } from '../theme/theme.ts';
import { alertAction, alertDetailQuery, operatorAlertsQuery, whoAmI } from '../alerts/alerts.queries.ts';
import { formatDateTime, readableTextColor } from '../format/format.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { PageShell } from '../shell/PageShell.tsx';

const TOKEN_KEY = 'ioc.operatorToken';

function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The operator's alert inbox (/operator/alerts): sign in with an operator token (kept for the
 * browser session only), see the alerts of the unit's scope, acknowledge, assign with a deadline,
 * resolve, add notes, read the audit trail. Every string from the server is rendered as text.
 */
export function AlertsScreen({ search, setSearch }: PageProps<AlertsSearch>) {
  const { t } = useTranslation();
  const [token, setToken] = useState(storedToken);
  const me = useQuery({ queryKey: ['alerts', 'me', token], queryFn: () => whoAmI(token), enabled: token !== '', retry: false, staleTime: Infinity });
  const signIn = (value: string) => {
    try {
      sessionStorage.setItem(TOKEN_KEY, value);
    } catch {
      /* private mode: keep it in memory */
    }
    setToken(value);
  };
  const signOut = () => {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* ignore */
    }
    setToken('');
  };
  return (
    <PageShell subtitle={t('alerts.subtitle')} testId="alerts-page">
      {!token || me.isError ? (
        <TokenForm onSubmit={signIn} invalid={me.isError} />
      ) : me.data ? (
        <Inbox token={token} me={me.data} onSignOut={signOut} search={search} setSearch={setSearch} />
      ) : (
        <div className="panel-empty">{t('app.loading')}</div>
      )}
    </PageShell>
  );
}

function TokenForm({ onSubmit, invalid }: { onSubmit: (token: string) => void; invalid: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onSubmit(value.trim());
  };
  return (
    <form className="token-form" onSubmit={submit} data-testid="token-form">
      <label className="field">
        <span className="field-label">{t('alerts.tokenLabel')}</span>
        <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" data-testid="token-input" />
      </label>
      <button type="submit" className="btn" data-testid="token-submit">
        {t('alerts.tokenSubmit')}
      </button>
      {invalid && <div className="form-error">{t('alerts.tokenInvalid')}</div>}
    </form>
  );
}

function Inbox({
  token,
  me,
  onSignOut,
  search,
  setSearch: setParams,
}: { token: string; me: { name: string; unit: string; scopes: string[] }; onSignOut: () => void } & PageProps<AlertsSearch>) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { now } = useClock();
  const filter = search.show;
  const selected = search.alert ?? null;
  const list = useQuery(operatorAlertsQuery(token));
  const rows = useMemo(() => filterInbox(list.data ?? [], filter), [list.data, filter]);
  return (
    <div className={selected ? 'op-layout with-trail' : 'op-layout'}>
      <section className="op-main">
        <div className="op-toolbar">
          <h2 className="page-title">{t('alerts.inbox')}</h2>
          <span className="op-who" data-testid="operator-who">
            {t('alerts.signedInAs', { name: me.name, unit: me.unit, scopes: me.scopes.join(', ') })}
          </span>
          <button type="button" className="btn btn-quiet" onClick={onSignOut}>
            {t('alerts.signOut')}
          </button>
        </div>
        <div className="op-filters" role="tablist">
          {INBOX_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={f === filter}
              className={f === filter ? 'chip active' : 'chip'}
              onClick={() => setParams({ show: f }, { replace: true })}
            >
              {t(`alerts.filter.${f}`)}
            </button>
          ))}
        </div>
        {rows.length === 0 ? (
          <div className="panel-empty">{t('alerts.empty')}</div>
        ) : (
          <table className="op-table" data-testid="inbox-table">
            <thead>
              <tr>
                <th scope="col">{t('alerts.raisedAt')}</th>
                <th scope="col">{t('alerts.ticker')}</th>
                <th scope="col">{t('alerts.filter.all')}</th>
                <th scope="col">{t('alerts.deadline')}</th>
              </tr>
            </thead>
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
      {selected && <AlertDetailPanel id={selected} token={token} onClose={() => setParams({ alert: undefined })} />}
    </div>
  );
}

function AlertDetailPanel({ id, token, onClose }: { id: string; token: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const qc = useQueryClient();
  const detail = useQuery(alertDetailQuery(id, token));
  const [note, setNote] = useState('');
  const [unit, setUnit] = useState('');
  const [kind, setKind] = useState<'workingDays' | 'hours'>('workingDays');
  const [amount, setAmount] = useState(1);
  const act = useMutation({
    mutationFn: ({ action, body }: { action: 'ack' | 'assign' | 'resolve' | 'notes'; body: unknown }) => alertAction(id, action, token, body),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const a: Alert | undefined = detail.data?.alert;
  if (!a) return <aside className="trail-panel">{detail.isError ? t('app.loadError') : t('app.loading')}</aside>;
  const rows = trailRows(detail.data!.events, timeZone, { unit: (u, d) => t('alerts.unitTo', { unit: u, deadline: d }) });
  const withNote = (body: Record<string, unknown>) => (note.trim() ? { ...body, note: note.trim() } : body);
  const actions = allowedActions(a.status);
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
        {act.isError && <div className="form-error">{t('alerts.failed', { message: act.error.message })}</div>}
      </div>
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
