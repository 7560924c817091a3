import type { DirectiveView } from '@cityioc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { useSession } from '../../auth/useSession.ts';
import { formatDateTime } from '../../format/format.ts';
import { DIRECTIVES_ROOT_KEY, openDirectivesQuery } from '../../queries/directives.queries.ts';
import { api, HttpError } from '../../queries/http.ts';
import { canAnswerDirective, reportBody } from './directive-form.model.ts';

/** One responsible unit's answer: a report, done or not. */
function ReportForm({ directive, unit }: { directive: DirectiveView; unit: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) => api.send('POST', `/api/v1/directives/${encodeURIComponent(directive.id)}/reports`, { body }),
    onSuccess: () => {
      setText('');
      setNote(t('score766.directives.inbox.sent'));
      void qc.invalidateQueries({ queryKey: DIRECTIVES_ROOT_KEY });
    },
    onError: (e) => setNote(t('score766.directives.issue.refused', { code: e instanceof HttpError ? (e.code ?? e.status) : '', message: e.message })),
  });
  return (
    <form
      className="directive-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = reportBody(unit, text, done);
        if (!r.ok) setNote(t('score766.directives.issue.invalid', { fields: r.errors.join(', ') }));
        else send.mutate(r.body);
      }}
    >
      <label className="field">
        <span className="field-label">{t('score766.directives.inbox.report')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={4000} data-testid={`directive-report-text-${directive.id}`} />
      </label>
      <label className="field-inline">
        <input type="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} data-testid={`directive-report-done-${directive.id}`} />{' '}
        {t('score766.directives.inbox.done')}
      </label>
      <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid={`directive-report-send-${directive.id}`}>
        {t('score766.directives.inbox.send')}
      </button>
      {note && <span className="op-note">{note}</span>}
    </form>
  );
}

/** The operator's inbox: the open directives of their units, each unit's status, and a report to send. Operators only. */
export function DirectiveInbox() {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { user } = useSession();
  const allowed = canAnswerDirective(user);
  const list = useQuery({ ...openDirectivesQuery(), enabled: allowed });
  if (!allowed) return null;
  const mine = new Set([...(user?.scopes.units ?? []), ...(user?.scopes.agencies ?? [])]);
  const directives = list.data?.directives ?? [];
  return (
    <section className="directive-inbox" data-testid="directive-inbox">
      <h2 className="page-title">{t('score766.directives.inbox.heading')}</h2>
      {list.data && directives.length === 0 && <div className="empty-state">{t('score766.directives.inbox.none')}</div>}
      <ul className="directive-list">
        {directives.map((d) => (
          <li key={d.id} className={d.overdue ? 'directive-row overdue' : 'directive-row'} data-testid={`directive-inbox-${d.id}`}>
            <div className="directive-line">
              {d.overdue && <span className="directive-kind overdue">{t('score766.directives.overdue')}</span>}
              <span className="directive-title">{d.title ?? d.text}</span>
            </div>
            <div className="directive-meta">
              {d.title !== null && <div>{d.text}</div>}
              {t('score766.directives.due', { time: formatDateTime(d.dueAt, timeZone) })} · {d.issuedBy.name}
            </div>
            {d.assignments
              .filter((a) => mine.size === 0 || mine.has(a.unit))
              .map((a) => (
                <div key={a.unit} className="directive-assignment" data-testid={`directive-assignment-${d.id}-${a.unit}`} data-status={a.status}>
                  <b>{a.unitName?.[lang] ?? a.unit}</b>: {t(`score766.directives.status.${a.status}`, { defaultValue: a.status })}
                  {a.status !== 'accepted' && a.status !== 'done' && <ReportForm directive={d} unit={a.unit} />}
                </div>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
