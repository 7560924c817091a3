import type { Alert } from '@cityioc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { requestErrorText } from '../auth/error-text.ts';
import { SelectField } from '../components/fields.tsx';
import { TextField } from '../components/TextField.tsx';
import { formatDateTime } from '../format/format.ts';
import { DirectiveIssueButton } from '../panels/directives/DirectiveIssueDialog.tsx';
import { PinButton } from '../wall-pin/PinButton.tsx';
import { HttpError } from '../queries/http.ts';
import { actionStates, type ActionState, type AlertActionKey } from './alert-actions.model.ts';
import { alertTrailRows } from './alert-trail.model.ts';
import { alertAction, alertDetailQuery } from './alerts.queries.ts';

type Kind = 'workingDays' | 'hours';
const KINDS: readonly Kind[] = ['workingDays', 'hours'];

/**
 * One alert beside the inbox: its facts, the actions (each disabled one says why, next to it and
 * through aria-describedby/title, from the same rule that disables it), and the audit trail in the
 * reader's language. Text only: nothing from data is parsed as HTML. Long names wrap; nothing
 * spills sideways.
 */
export function AlertDetailPanel({ id, canAct, onClose }: { id: string; canAct: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const qc = useQueryClient();
  const detail = useQuery(alertDetailQuery(id));
  const [note, setNote] = useState('');
  const [unit, setUnit] = useState('');
  const [kind, setKind] = useState<Kind>('workingDays');
  const [amount, setAmount] = useState('1');
  const roleWhy = useId();
  const act = useMutation({
    mutationFn: ({ action, body }: { action: 'ack' | 'assign' | 'resolve' | 'notes'; body: unknown }) => alertAction(id, action, body),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const a: Alert | undefined = detail.data?.alert;
  const rows = useMemo(() => alertTrailRows(detail.data?.events ?? [], lang, timeZone), [detail.data, lang, timeZone]);
  if (!a) {
    const missing = detail.error instanceof HttpError && (detail.error.status === 404 || detail.error.status === 403);
    return (
      <aside className="trail-panel alert-panel" data-testid={missing ? 'alert-not-found' : undefined}>
        {missing ? t('auth.notInScope') : detail.isError ? t('app.loadError') : t('app.loading')}
      </aside>
    );
  }
  const states = actionStates(a, { canAct }, { note, unit, kind, amount: Number(amount) }, act.isPending);
  const withNote = (body: Record<string, unknown>) => (note.trim() ? { ...body, note: note.trim() } : body);
  const button = (key: AlertActionKey, label: string, onClick: () => void, quiet = false) => (
    <ActionButton key={key} action={key} label={label} state={states[key]} onClick={onClick} quiet={quiet} sharedWhy={canAct ? undefined : roleWhy} />
  );
  return (
    <aside className="trail-panel alert-panel" data-testid="alert-detail" data-status={a.status}>
      <div className="trail-head">
        <h3 className="trail-title">{a.title[lang]}</h3>
        <button type="button" className="btn btn-quiet trail-close" onClick={onClose} aria-label={t('operator.trail.close')}>
          ×
        </button>
      </div>
      <dl className="alert-facts">
        <dt>{t('alerts.raisedAt')}</dt>
        <dd>{formatDateTime(a.raisedAt, timeZone)}</dd>
        <dt>{t('opsdesk.statusColumn')}</dt>
        <dd data-testid="detail-status">{t(`alerts.status.${a.status}`)}</dd>
        {a.assignedUnit && (
          <>
            <dt>{t('alerts.assignedTo')}</dt>
            <dd data-testid="detail-assigned">{t('alerts.unitTo', { unit: a.assignedUnit, deadline: formatDateTime(a.deadline, timeZone) })}</dd>
          </>
        )}
      </dl>
      <DirectiveIssueButton subject={{ kind: 'alert', id: a.id, label: a.title[lang] }} units={a.area} testId={`alert-${a.id}`} />
      <PinButton target={{ kind: 'alert', alertId: a.id }} />
      <div className="alert-actions">
        {!canAct && (
          <p className="action-why" id={roleWhy} data-testid="actions-why">
            {t('opsdesk.why.readOnlyRole')}
          </p>
        )}
        {canAct && (
          <label className="ioc-field">
            <span className="ioc-label">{t('alerts.note')}</span>
            <textarea className="ioc-input" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} data-testid="note-input" />
          </label>
        )}
        {/* a step already past is not offered again; a step not yet possible is offered disabled, with its reason */}
        {states.ack.reason !== 'alreadyAcknowledged' &&
          states.ack.reason !== 'resolved' &&
          button('ack', t('alerts.action.ack'), () => act.mutate({ action: 'ack', body: withNote({}) }))}
        {canAct && states.assign.reason !== 'ackFirst' && states.assign.reason !== 'resolved' && (
          <div className="assign-row">
            <TextField label={t('alerts.unit')} value={unit} onChange={setUnit} testId="assign-unit" />
            <SelectField
              label={t('alerts.deadlineKind')}
              options={KINDS}
              value={kind}
              onChange={setKind}
              optionLabel={(k) => t(k === 'hours' ? 'alerts.deadlineHours' : 'alerts.deadlineWorkingDays')}
              testId="assign-kind"
            />
            <TextField label={t('opsdesk.deadlineAmount')} type="number" value={amount} onChange={setAmount} testId="assign-amount" />
          </div>
        )}
        {states.assign.reason !== 'resolved' &&
          button('assign', t('alerts.action.assign'), () =>
            act.mutate({ action: 'assign', body: withNote({ unit: unit.trim(), deadline: { [kind]: Number(amount) } }) }),
          )}
        {a.status !== 'resolved' && a.clearedAt === null && canAct && (
          <p className="action-note" data-testid="still-active">
            {t('opsdesk.stillActive')}
          </p>
        )}
        {button('resolve', t('alerts.action.resolve'), () => act.mutate({ action: 'resolve', body: { note: note.trim() } }))}
        {button('note', t('alerts.addNote'), () => act.mutate({ action: 'notes', body: { note: note.trim() } }), true)}
        {act.isError && (
          <div className="form-error" role="alert">
            {t(requestErrorText(act.error).key, requestErrorText(act.error).params)}
          </div>
        )}
      </div>
      <h4 className="alert-trail-title">{t('alerts.trail')}</h4>
      <ol className="trail-list" data-testid="alert-trail">
        {rows.map((r) => (
          <li key={r.seq} data-action={r.action}>
            <span className="trail-when">{r.when}</span> <b className="trail-action">{r.actionLabel}</b> — <span className="trail-actor">{r.actor}</span>
            {r.detail && <div className="trail-detail">{r.detail}</div>}
            {r.note && <div className="trail-note">{r.note}</div>}
          </li>
        ))}
      </ol>
    </aside>
  );
}

const TEST_IDS: Record<AlertActionKey, string> = { ack: 'action-ack', assign: 'action-assign', resolve: 'action-resolve', note: 'action-note' };

/** A button that, when disabled, says why beside itself (and to assistive technology); a shared reason is given once above. */
function ActionButton({
  action,
  label,
  state,
  onClick,
  quiet,
  sharedWhy,
}: {
  action: AlertActionKey;
  label: string;
  state: ActionState;
  onClick: () => void;
  quiet: boolean;
  sharedWhy: string | undefined;
}) {
  const { t } = useTranslation();
  const whyId = useId();
  const why = state.reason ? t(`opsdesk.why.${state.reason}`) : undefined;
  const own = state.reason !== null && sharedWhy === undefined;
  return (
    <div className="action-cell" data-action={action}>
      <button
        type="button"
        className={quiet ? 'btn btn-quiet' : 'btn btn-primary'}
        disabled={!state.enabled}
        title={why}
        aria-describedby={state.reason ? (own ? whyId : sharedWhy) : undefined}
        onClick={onClick}
        data-testid={TEST_IDS[action]}
        data-reason={state.reason ?? undefined}
      >
        {label}
      </button>
      {own && (
        <span className="action-why" id={whyId} data-testid={`${TEST_IDS[action]}-why`}>
          {why}
        </span>
      )}
    </div>
  );
}
