import type { Directive, DirectiveSubject } from '@cityioc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import { useSession } from '../../auth/useSession.ts';
import { Field, TextAreaField } from '../../components/fields.tsx';
import { formatDateTime } from '../../format/format.ts';
import { api, HttpError } from '../../queries/http.ts';
import { DIRECTIVES_ROOT_KEY } from '../../queries/directives.queries.ts';
import { canIssueDirective, issueBody, subjectText } from './directive-form.model.ts';

/** A leader issues a directive about what they are looking at (a 766 metric or group, an alert, a PAKN, a unit) to one or more units. Leaders only. */
export function DirectiveIssueForm({ subject, units }: { subject: DirectiveSubject; units: string }) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const { user } = useSession();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [unitText, setUnitText] = useState(units);
  const [days, setDays] = useState('5');
  const [note, setNote] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: (body: unknown) => api.send<Directive>('POST', '/api/v1/directives', { body }),
    onSuccess: (d) => {
      setText('');
      setNote(t('score766.directives.issue.sent', { time: formatDateTime(d.dueAt, timeZone) }));
      void qc.invalidateQueries({ queryKey: DIRECTIVES_ROOT_KEY });
    },
    onError: (e) => setNote(t('score766.directives.issue.refused', { code: e instanceof HttpError ? (e.code ?? e.status) : '', message: e.message })),
  });
  if (!canIssueDirective(user)) return null;
  const submit = () => {
    const r = issueBody({ text, units: unitText, deadlineWorkingDays: days, subject });
    if (!r.ok) setNote(t('score766.directives.issue.invalid', { fields: r.errors.join(', ') }));
    else issue.mutate(r.body);
  };
  return (
    <form
      className="directive-form"
      data-testid="directive-issue"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 className="page-title">{t('score766.directives.issue.heading')}</h3>
      <div className="op-note" data-testid="directive-issue-about">
        {t('score766.directives.issue.about', { subject: subjectText(subject, t) })}
      </div>
      <TextAreaField label={t('score766.directives.issue.text')} value={text} onChange={setText} rows={3} maxLength={4000} testId="directive-issue-text" />
      <Field label={t('score766.directives.issue.units')}>
        <input className="ioc-input" value={unitText} onChange={(e) => setUnitText(e.target.value)} data-testid="directive-issue-units" />
      </Field>
      <Field label={t('score766.directives.issue.days')}>
        <input
          className="ioc-input"
          type="number"
          min={1}
          max={365}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          data-testid="directive-issue-days"
        />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={issue.isPending} data-testid="directive-issue-submit">
        {t('score766.directives.issue.submit')}
      </button>
      {note && (
        <div className="op-note" role="status" data-testid="directive-issue-note">
          {note}
        </div>
      )}
    </form>
  );
}
