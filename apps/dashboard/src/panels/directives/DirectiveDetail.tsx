import type { Directive, DirectiveAssignment } from '@cityioc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { useSession } from '../../auth/useSession.ts';
import { TextAreaField } from '../../components/fields.tsx';
import { runtimeConfig } from '../../config.ts';
import { formatDateTime } from '../../format/format.ts';
import { DIRECTIVES_ROOT_KEY, directiveQuery } from '../../queries/directives.queries.ts';
import { api, HttpError } from '../../queries/http.ts';
import { canIssueDirective, subjectText } from './directive-form.model.ts';
import { decisionBody, unitTrail } from './directive-trail.model.ts';

/** A leader's accept or return of one unit's answer; a return needs a note. */
function DecisionForm({ directive, unit }: { directive: Directive; unit: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: ({ action, body }: { action: 'accept' | 'return'; body: unknown }) =>
      api.send('POST', `/api/v1/directives/${encodeURIComponent(directive.id)}/${action}`, { body }),
    onSuccess: () => {
      setNote('');
      setMsg(t('score766.directives.leader.decided'));
      void qc.invalidateQueries({ queryKey: DIRECTIVES_ROOT_KEY });
    },
    onError: (e) => setMsg(t('score766.directives.issue.refused', { code: e instanceof HttpError ? (e.code ?? e.status) : '', message: e.message })),
  });
  const act = (action: 'accept' | 'return') => {
    const r = decisionBody(unit, action, note);
    if (!r.ok) setMsg(t('score766.directives.leader.noteRequired'));
    else decide.mutate({ action, body: r.body });
  };
  return (
    <div className="directive-form directive-decision">
      <TextAreaField label={t('score766.directives.leader.note')} value={note} onChange={setNote} maxLength={2000} testId={`directive-decision-note-${unit}`} />
      <button type="button" className="btn btn-primary" disabled={decide.isPending} onClick={() => act('accept')} data-testid={`directive-accept-${unit}`}>
        {t('score766.directives.leader.accept')}
      </button>
      <button type="button" className="btn" disabled={decide.isPending} onClick={() => act('return')} data-testid={`directive-return-${unit}`}>
        {t('score766.directives.leader.return')}
      </button>
      {msg && (
        <span className="op-note" role="status" data-testid={`directive-decision-msg-${unit}`}>
          {msg}
        </span>
      )}
    </div>
  );
}

/** One responsible unit: its status, its reports and decisions in time order, and the decision when it awaits one. */
function UnitTrail({ directive, a, canDecide }: { directive: Directive; a: DirectiveAssignment; canDecide: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const entries = unitTrail(directive.id, a, lang, timeZone, runtimeConfig().apiBaseUrl);
  return (
    <section className="directive-unit" data-testid={`directive-unit-${a.unit}`} data-status={a.status}>
      <h3 className="directive-line">
        <span>{a.unitName?.[lang] ?? a.unit}</span>
        <span className={`directive-status ${a.status}`}>{t(`score766.directives.status.${a.status}`, { defaultValue: a.status })}</span>
      </h3>
      {entries.length === 0 && <div className="op-note">{t('score766.directives.leader.trailNone')}</div>}
      <ol className="directive-trail" data-testid={`directive-trail-${a.unit}`}>
        {entries.map((e, i) => (
          <li key={`${e.kind}-${e.at}-${i}`} className={`trail-entry ${e.kind}`} data-kind={e.kind}>
            <div className="directive-meta">
              <b>
                {e.kind === 'report'
                  ? t(e.done ? 'score766.directives.leader.reportDone' : 'score766.directives.leader.report')
                  : t(`score766.directives.leader.${e.kind}`)}
              </b>{' '}
              {t('score766.directives.leader.by', { time: e.atText, by: e.by })}
            </div>
            {e.text !== null && <div className="trail-text">{e.text}</div>}
            {e.kind === 'report' && e.attachments.length > 0 && (
              <ul className="trail-files">
                {e.attachments.map((f) => (
                  <li key={f.id}>
                    <a href={f.href} download={f.name} data-testid={`directive-attachment-${f.id}`}>
                      {t('score766.directives.leader.download', { name: f.name, size: f.sizeText })}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {canDecide && a.status === 'done' && <DecisionForm directive={directive} unit={a.unit} />}
    </section>
  );
}

/** A directive with every responsible unit's trail; a leader accepts or returns each answer reported done. Re-read on directiveV1. */
export function DirectiveDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const { user } = useSession();
  const q = useQuery(directiveQuery(id));
  const d = q.data;
  if (q.isError) return <div className="empty-state">{q.error.message}</div>;
  if (!d) return <div className="page page-loading" />;
  return (
    <article className="directive-detail" data-testid="directive-detail" data-id={d.id} data-status={d.status}>
      <h2 className="page-title">{d.title ?? d.text}</h2>
      {d.title !== null && <p className="trail-text">{d.text}</p>}
      <div className="directive-meta">
        {t('score766.directives.leader.issued', { time: formatDateTime(d.issuedAt, timeZone), by: d.issuedBy.name })} ·{' '}
        {t('score766.directives.due', { time: formatDateTime(d.dueAt, timeZone) })} ·{' '}
        <span data-testid="directive-detail-source" data-kind={d.subject.kind} data-id={d.subject.id}>
          {t('score766.directives.source', { subject: subjectText(d.subject, t) })}
        </span>
      </div>
      {d.status === 'closed' && <div className="op-note">{t('score766.directives.leader.closed')}</div>}
      {d.assignments.map((a) => (
        <UnitTrail key={a.unit} directive={d} a={a} canDecide={canIssueDirective(user)} />
      ))}
    </article>
  );
}
